import type { ExportTable } from '../reports/tableExport'
import { Calibration, standardMovesInWords } from './calibration'
import type { Comparison } from './comparison'
import type { HeatmapRow } from './heatmap'
import type { HistoryColumn, HistoryStandard } from './organisationHistory'
import type { ResponseRateTrend } from './responseRates'
import type { QueueRow } from './reviewQueue'
import type { EventListRow } from './panels/queries'

/** Each QA view as a table for CSV and XLSX: the same numbers as its page. */

export function comparisonTable(comparison: Comparison): ExportTable {
  const labels = comparison.ratingLabels
  const counts = (share: Comparison['rows'][number]['now']) =>
    labels.flatMap((label) => {
      const count = share?.counts.find((entry) => entry.rating === label)
      return [count?.count ?? null, count?.percent ?? null]
    })
  return {
    name: 'Comparison',
    header: ['Standard', 'Title', 'Status', ...labels.flatMap((label) => [`${label} then`, `${label} then %`]), 'Organisations then', ...labels.flatMap((label) => [`${label} now`, `${label} now %`]), 'Organisations now', 'Change', `${labels[0]} change (points)`, 'Changes to criteria'],
    rows: comparison.rows.map((row) => [row.standardKey, row.title, row.status, ...counts(row.then), row.then?.total ?? null, ...counts(row.now), row.now?.total ?? null, row.change ?? null, row.pointsChange ?? null, row.changes.join('; ')]),
  }
}

export function responseRateTable(trend: ResponseRateTrend, grouping: string): ExportTable {
  return {
    name: 'Response rates',
    header: [grouping, ...trend.cycles.flatMap((cycle) => [`${cycle.name} invited`, `${cycle.name} responded`, `${cycle.name} %`])],
    rows: [...trend.rows, { group: 'All organisations', cells: trend.overall }].map((row) => [row.group, ...row.cells.flatMap((cell) => [cell.invited, cell.responded, cell.rate])]),
  }
}

export function heatmapTable(rows: HeatmapRow[], standards: { key: string; title: string }[], earlierName: string | undefined): ExportTable {
  return {
    name: 'Heatmap',
    header: ['Organisation', ...standards.flatMap((standard) => [`${standard.key} ${standard.title}`, ...(earlierName ? [`${standard.key} in ${earlierName}`] : [])])],
    rows: rows.map((row) => [row.organisationName, ...standards.flatMap((standard) => [row.cells.get(standard.key)?.rating ?? null, ...(earlierName ? [row.cells.get(standard.key)?.earlier ?? null] : [])])]),
  }
}

export function calibrationTable(calibration: Calibration): ExportTable {
  const rows = [
    ['All', calibration.overall, null] as const,
    ...calibration.byStandard.map((row) => ['Standard', row, null] as const),
    ...calibration.byOrganisation.map((row) => [row.overRates ? 'Organisation (over-rates itself)' : 'Organisation', row, standardMovesInWords(row)] as const),
  ]
  return {
    name: 'Calibration',
    header: ['Level', 'Name', 'Self-scores', 'Moderated', 'Lowered', 'Raised', 'Mean change', 'Moved by standard'],
    rows: rows.map(([level, row, byStandard]) => [level, row.label, row.scored, row.moderated, row.lowered, row.raised, row.meanChange, byStandard]),
  }
}

export function historyTable(columns: HistoryColumn[], standards: HistoryStandard[]): ExportTable {
  const cellText = (cell: HistoryStandard['criteria'][number]['cells'][number]) => {
    if (!cell) return null
    if (cell.notApplicable) return 'N/A'
    const moderated = cell.moderatedScore === null ? '' : cell.selfScore !== null && cell.selfScore !== cell.moderatedScore ? ` (moderated from self-score ${cell.selfScore})` : ' (moderated)'
    return `${cell.score ?? 'Not answered'}${moderated}; ${cell.evidenceFiles} file${cell.evidenceFiles === 1 ? '' : 's'}${cell.narrativeChanged ? '; narrative changed' : ''}`
  }
  return {
    name: 'Organisation history',
    header: ['Standard', 'Criterion', 'Text', ...columns.map((column) => `${column.cycleName} (version ${column.frameworkVersion})`)],
    rows: [
      ['Timeliness', null, null, ...columns.map((column) => column.timeliness)],
      ...standards.flatMap((standard) => [
        [standard.key, null, `${standard.title}: rating`, ...standard.ratings],
        ...standard.criteria.map((criterion) => [standard.key, criterion.key, criterion.text, ...criterion.cells.map(cellText)]),
      ]),
    ],
  }
}

export function reviewQueueTable(rows: QueueRow[], statusLabels: Record<string, string>): ExportTable {
  return {
    name: 'Returns to review',
    header: ['Organisation', 'Cycle', 'Status', 'Submitted', 'Serious flags', 'Open challenges'],
    rows: rows.map((row) => [row.organisationName, row.cycleName, statusLabels[row.status] ?? row.status, row.submittedAt?.toISOString() ?? null, row.scoringFailed ? 'Scoring failed' : row.seriousFlags, row.openChallenges]),
  }
}

export function challengeEventsTable(events: EventListRow[]): ExportTable {
  return {
    name: 'Challenge events',
    header: ['Title', 'Held on', 'Cycle', 'Organisations discussed', 'Outcomes recorded'],
    rows: events.map((event) => [event.title, event.heldOn, event.cycleName, event.organisations, event.outcomesRecorded]),
  }
}
