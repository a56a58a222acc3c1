import { formatDateTime } from '../forms/dates'
import { renderPdf } from '../reports/pdf'
import { drawChart, heading } from '../reports/pdfParts'
import { drawTable } from '../reports/pdfTable'
import { calibrationChart, comparisonChart, responseRateChart } from './charts'
import type { QaReport } from './qaReport'

const withShare = (count: number, of: number) => `${count} (${of ? Math.round((100 * count) / of) : 0}%)`
const shareText = (share: { counts: { count: number; percent: number }[]; total: number } | undefined) => (share ? share.counts.map((entry) => `${entry.count} (${entry.percent}%)`).join(' / ') : '')

/** The QA report for the executive or a board: a worded summary, then each chart with its table. */
export function qaReportPdf(report: QaReport): Promise<Buffer> {
  const { comparison, responseRates, calibration } = report
  const labels = comparison.ratingLabels
  const title = `QA report: ${comparison.cycle.name} compared with ${comparison.earlier.name}`
  return renderPdf(title, (doc) => {
    doc.font('bold').fontSize(18).text(title)
    doc.font('regular').fontSize(11).fillColor('#505a5f').text(report.partnershipName)
    doc.text(`Produced ${formatDateTime(report.producedOn)}. ${report.filtersInWords.length ? `Organisations: ${report.filtersInWords.join('; ')}.` : 'All organisations.'}`)

    heading(doc, 'Summary')
    doc.fontSize(10).fillColor('#0b0c0c')
    for (const sentence of report.summary) doc.text(`•  ${sentence}`, { indent: 0 }).moveDown(0.3)

    heading(doc, `Standards: organisations rated ${labels[0]}`)
    drawChart(doc, comparisonChart(comparison))
    drawTable(doc, {
      header: ['Standard', `${comparison.earlier.name} (${labels.join(' / ')})`, `${comparison.cycle.name} (${labels.join(' / ')})`, 'Change'],
      widths: [0.34, 0.25, 0.25, 0.16],
      rows: comparison.rows.map((row) => [
        `${row.standardKey} ${row.title}${row.changes.length ? `\nChanged: ${row.changes.join('; ')}` : ''}`,
        row.status === 'new' ? 'Not assessed then' : shareText(row.then),
        row.status === 'retired' ? 'No longer assessed' : shareText(row.now),
        row.change ? `${row.change[0].toUpperCase()}${row.change.slice(1)} (${row.pointsChange! > 0 ? '+' : ''}${row.pointsChange} points)` : 'Cannot compare',
      ]),
    })

    if (responseRates.cycles.length) {
      heading(doc, 'Response rates by sector')
      drawChart(doc, responseRateChart(responseRates, 'sector'))
      drawTable(doc, {
        header: ['Sector', ...responseRates.cycles.map((cycle) => cycle.name)],
        widths: [0.34, ...responseRates.cycles.map(() => 0.66 / responseRates.cycles.length)],
        numeric: responseRates.cycles.map((_, index) => index + 1),
        rows: [...responseRates.rows, { group: 'All organisations', cells: responseRates.overall }].map((row) => [row.group, ...row.cells.map((cell) => (cell.rate === null ? 'Not issued' : `${cell.rate}% (${cell.responded} of ${cell.invited})`))]),
      })
    }

    heading(doc, `Calibration: how reviewers moved self-scores in ${comparison.cycle.name}`)
    if (calibration.overall.moderated) drawChart(doc, calibrationChart(calibration))
    drawTable(doc, {
      header: ['Standard', 'Self-scores', 'Moderated', 'Lowered', 'Raised', 'Mean change'],
      widths: [0.4, 0.12, 0.12, 0.12, 0.12, 0.12],
      numeric: [1, 2, 3, 4, 5],
      rows: [...calibration.byStandard, calibration.overall].map((row) => [row.label, String(row.scored), String(row.moderated), withShare(row.lowered, row.scored), withShare(row.raised, row.scored), row.meanChange === null ? 'None moderated' : `${row.meanChange > 0 ? '+' : ''}${row.meanChange}`]),
    })
  })
}
