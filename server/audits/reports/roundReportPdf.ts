import { formatDate, formatDateTime } from '../../forms/dates'
import { renderPdf } from '../../reports/pdf'
import { drawTable } from '../../reports/pdfTable'
import { distributionChart } from './reportCharts'
import { drawChart, heading } from '../../reports/pdfParts'
import { markEveryPageConfidential } from './pdfParts'
import { NOT_YET_AGREED, RoundReport } from './roundReport'

const share = (count: number, percent: number) => `${count} (${percent}%)`

/** The round report for the partnership: grades per domain and overall (chart and table), themes, findings, actions, escalations and re-audit. */
export function roundReportPdf(report: RoundReport, producedOn: Date): Promise<Buffer> {
  const title = `Case audit report: ${report.round.title}`
  return renderPdf(title, (doc) => {
    doc.font('bold').fontSize(18).fillColor('#0b0c0c').text(title)
    doc.font('regular').fontSize(11).fillColor('#505a5f').text(report.round.partnershipName)
    doc.text(`Theme: ${report.round.theme}. Audit tool: ${report.toolTitle}. Workshop: ${formatDate(report.round.workshopOn)}. ${report.round.status === 'closed' ? 'Round closed.' : 'Round still open: figures may change.'}`)
    doc.text(`Produced ${formatDateTime(producedOn)}.`)

    heading(doc, 'Why this audit')
    doc.fontSize(10).fillColor('#0b0c0c').text(report.round.whyNow)

    heading(doc, 'Grades agreed at the workshop')
    doc.fontSize(10).text(`${report.agreedCount} of ${report.caseCount} cases agreed. Percentages are of all ${report.caseCount} cases, so each row adds up to 100% with those not yet agreed.`)
    doc.moveDown(0.5)
    if (report.caseCount) drawChart(doc, distributionChart(report))
    const gradeColumns = report.grades.length + 1
    drawTable(doc, {
      header: ['Domain', ...report.grades.map((grade) => grade.label), NOT_YET_AGREED],
      widths: [0.3, ...Array.from({ length: gradeColumns }, () => 0.7 / gradeColumns)],
      numeric: Array.from({ length: gradeColumns }, (_, index) => index + 1),
      rows: report.distribution.map((row) => [row.title, ...row.grades.map((cell) => share(cell.count, cell.percent)), share(row.notAgreed.count, row.notAgreed.percent)]),
    })

    heading(doc, 'Themes')
    if (report.themes.length) drawTable(doc, { header: ['Theme', 'Cases'], widths: [0.7, 0.3], numeric: [1], rows: report.themes.map((theme) => [theme.name, share(theme.count, theme.percent)]) })
    else doc.fontSize(10).text('No themes recorded yet.')

    heading(doc, 'Key findings per case')
    if (report.findings.length) {
      drawTable(doc, {
        header: ['Case', 'Overall', 'Strengths', 'Areas for improvement'],
        widths: [0.1, 0.14, 0.38, 0.38],
        rows: report.findings.map((finding) => [finding.reference, `${finding.overallGrade}${finding.escalated ? '\nEscalated' : ''}`, finding.strengths, finding.areasForImprovement]),
      })
    } else doc.fontSize(10).text('The workshop has not agreed any case yet.')

    heading(doc, 'Actions')
    if (report.actions.length) {
      drawTable(doc, {
        header: ['Case', 'Action', 'Outcome sought', 'Owner', 'Due'],
        widths: [0.09, 0.25, 0.32, 0.2, 0.14],
        rows: report.actions.map((action) => [action.reference, action.title, action.outcomeSought, action.owner, formatDate(action.dueOn)]),
      })
    } else doc.fontSize(10).text('No actions recorded yet.')

    heading(doc, 'Escalations')
    if (report.escalations.length) drawTable(doc, { header: ['Case', 'Why it was escalated'], widths: [0.15, 0.85], rows: report.escalations.map((escalation) => [escalation.reference, escalation.note || 'No note recorded']) })
    else doc.fontSize(10).text('No case was escalated as a concern.')

    const { reaudit } = report
    heading(doc, 'Re-audit: dip samples three months on')
    doc.fontSize(10).text(
      reaudit.percentImproved === null
        ? `${reaudit.scheduled} dip samples scheduled, ${reaudit.dueNow} due now; no result recorded yet.`
        : `${reaudit.percentImproved}% of dip-sampled cases improved (${reaudit.improved} of ${reaudit.recorded} recorded). ${reaudit.scheduled} scheduled, ${reaudit.dueNow} due now with no result yet.`,
    )
    doc.moveDown(0.5)
    if (reaudit.samples.length) drawTable(doc, { header: ['Case', 'Agreed grade', 'Due', 'Result'], widths: [0.15, 0.3, 0.25, 0.3], rows: reaudit.samples.map((sample) => [sample.reference, sample.agreedGrade, formatDate(sample.dueOn), sample.result]) })

    markEveryPageConfidential(doc)
  })
}
