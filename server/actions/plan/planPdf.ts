import { actionStatusLabels, ACTION_STATUSES } from '../../db/models/action.model'
import { formatDate, formatDateTime, todayInEngland } from '../../forms/dates'
import { renderPdf } from '../../reports/pdf'
import { heading } from '../../reports/pdfParts'
import { drawTable } from '../../reports/pdfTable'
import { dueText, ownerOf } from './exports'
import type { PlanRowDetail, StatusCounts } from './queries'

export interface PlanReport {
  partnershipName: string
  producedAt: Date
  filtersInWords: string[]
  counts: StatusCounts
  rows: PlanRowDetail[]
}

/** A long note cut to what a board paper's cell can hold; the full text is on the action's page. */
const clip = (text: string, length = 280) => (text.length > length ? `${text.slice(0, length - 1).trimEnd()}…` : text)

/** The plan, or the filtered part of it, for a board meeting: counts by status, every action, then the overdue and the escalated. */
export function planPdf(report: PlanReport): Promise<Buffer> {
  const title = 'Action plan'
  const { rows, counts } = report
  return renderPdf(`${title}: ${report.partnershipName}`, (doc) => {
    doc.font('bold').fontSize(18).fillColor('#0b0c0c').text(title)
    doc.font('regular').fontSize(11).fillColor('#505a5f').text(report.partnershipName)
    doc.text(`Produced ${formatDateTime(report.producedAt)}.`)
    doc.text(report.filtersInWords.length ? `Filters applied: ${report.filtersInWords.join('; ')}.` : 'The whole plan: no filters applied.')

    heading(doc, 'Actions by status')
    drawTable(doc, {
      header: ['Status', 'Actions'],
      widths: [0.7, 0.3],
      numeric: [1],
      rows: [...ACTION_STATUSES.map((status) => [actionStatusLabels[status], String(counts[status])]), ['Open (draft or active)', String(counts.open)], ['Open and overdue', String(counts.overdue)]],
    })

    heading(doc, `Actions (${rows.length})`)
    if (rows.length) {
      drawTable(doc, {
        header: ['Action', 'Outcome sought', 'Owner', 'Due', 'Status', 'Latest update'],
        widths: [0.17, 0.2, 0.15, 0.12, 0.13, 0.23],
        rows: rows.map((row) => [
          row.title,
          clip(row.outcomeSought, 200),
          ownerOf(row),
          dueText(row),
          actionStatusLabels[row.status],
          row.latestUpdate ? `${formatDate(todayInEngland(row.latestUpdate.at))}: ${clip(row.latestUpdate.note)}` : 'No update yet',
        ]),
      })
    } else doc.fontSize(10).fillColor('#0b0c0c').text('No actions match these filters.')

    const overdue = rows.filter((row) => row.daysOverdue > 0).sort((a, b) => b.daysOverdue - a.daysOverdue)
    heading(doc, `Overdue (${overdue.length})`)
    if (overdue.length) {
      drawTable(doc, {
        header: ['Action', 'Owner', 'Due', 'Days overdue', 'Status'],
        widths: [0.34, 0.24, 0.16, 0.12, 0.14],
        numeric: [3],
        rows: overdue.map((row) => [row.title, ownerOf(row), formatDate(row.dueOn), String(row.daysOverdue), actionStatusLabels[row.status]]),
      })
    } else doc.fontSize(10).fillColor('#0b0c0c').text('No open action is past its due date.')

    const escalated = rows.filter((row) => row.escalations.length)
    heading(doc, `Escalated to the executive (${escalated.length})`)
    if (escalated.length) {
      drawTable(doc, {
        header: ['Action', 'Owner', 'Escalated', 'Why', 'Executive’s response'],
        widths: [0.2, 0.16, 0.12, 0.26, 0.26],
        rows: escalated.flatMap((row) =>
          row.escalations.map((escalation) => [
            row.title,
            ownerOf(row),
            formatDate(todayInEngland(escalation.escalatedAt)),
            clip(escalation.note),
            escalation.response ? clip(escalation.response) : 'Awaiting response',
          ]),
        ),
      })
    } else doc.fontSize(10).fillColor('#0b0c0c').text('No action has been escalated.')
  })
}
