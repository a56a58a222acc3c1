import { actionSourceKindLabels } from '../../db/models/actionSource.model'
import { actionPriorityLabels, actionStatusLabels } from '../../db/models/action.model'
import { formatDate, todayInEngland } from '../../forms/dates'
import type { ExportTable } from '../../reports/tableExport'
import type { PlanRowDetail } from './queries'

/** The owner as one line: the organisation, then the named person. */
export const ownerOf = (row: { ownerOrganisationName: string | null; ownerName: string }) => [row.ownerOrganisationName, row.ownerName].filter(Boolean).join(': ')

/** The plan (as filtered) as a spreadsheet: one row per action, dates as ISO dates so they sort. */
export function planTable(rows: PlanRowDetail[]): ExportTable {
  return {
    name: 'Action plan',
    header: ['Action ID', 'Title', 'Outcome sought', 'Owner organisation', 'Owner', 'Area', 'Due', 'Days overdue', 'Status', 'Priority', 'Sources', 'Themes', 'Latest update', 'Latest update on', 'Escalation'],
    rows: rows.map((row) => [
      row.id,
      row.title,
      row.outcomeSought,
      row.ownerOrganisationName,
      row.ownerName,
      row.areaName,
      row.dueOn,
      row.daysOverdue || null,
      actionStatusLabels[row.status],
      actionPriorityLabels[row.priority],
      row.sourceKinds.map((kind) => actionSourceKindLabels[kind]).join('; '),
      row.themes.join('; '),
      row.latestUpdate?.note ?? null,
      row.latestUpdate ? todayInEngland(row.latestUpdate.at) : null,
      row.escalations.length ? (row.awaitingResponse ? 'Escalated: awaiting response' : 'Escalated: responded') : null,
    ]),
  }
}

/** "Due 31 March 2026 (12 days overdue)". */
export const dueText = (row: { dueOn: string; daysOverdue: number }) => `${formatDate(row.dueOn)}${row.daysOverdue ? ` (${row.daysOverdue} day${row.daysOverdue === 1 ? '' : 's'} overdue)` : ''}`
