import type { ExportTable } from '../../reports/tableExport'
import { NOT_YET_AGREED, RoundReport } from './roundReport'

/** The round report as spreadsheet tables, a sheet each: the same numbers and text as the page and the PDF. */
export function reportTables(report: RoundReport): ExportTable[] {
  const { reaudit } = report
  return [
    {
      name: 'Summary',
      header: ['Item', 'Value'],
      rows: [
        ['Round', report.round.title],
        ['Theme', report.round.theme],
        ['Why now', report.round.whyNow],
        ['Audit tool', report.toolTitle],
        ['Workshop', report.round.workshopOn],
        ['Status', report.round.status === 'closed' ? 'Closed' : 'Open'],
        ['Cases', report.caseCount],
        ['Cases agreed', report.agreedCount],
        ['Dip samples scheduled', reaudit.scheduled],
        ['Dip samples due now', reaudit.dueNow],
        ['Dip samples recorded', reaudit.recorded],
        ['Dip samples improved', reaudit.improved],
        ['% of dip-sampled cases improved', reaudit.percentImproved],
        ['Confidential', 'Case audit: for the round’s members and the QA sub-group only'],
      ],
    },
    {
      name: 'Grades',
      header: ['Domain', ...[...report.grades.map((grade) => grade.label), NOT_YET_AGREED].flatMap((label) => [label, `${label} %`]), 'Cases'],
      rows: report.distribution.map((row) => [row.title, ...[...row.grades, row.notAgreed].flatMap((cell) => [cell.count, cell.percent]), report.caseCount]),
    },
    { name: 'Themes', header: ['Theme', 'Cases', '% of cases'], rows: report.themes.map((theme) => [theme.name, theme.count, theme.percent]) },
    {
      name: 'Findings',
      header: ['Case', 'Overall grade', 'Strengths', 'Areas for improvement', 'Escalated'],
      rows: report.findings.map((finding) => [finding.reference, finding.overallGrade, finding.strengths, finding.areasForImprovement, finding.escalated ? 'Yes' : 'No']),
    },
    { name: 'Actions', header: ['Case', 'Action', 'Outcome sought', 'Owner', 'Due'], rows: report.actions.map((action) => [action.reference, action.title, action.outcomeSought, action.owner, action.dueOn]) },
    { name: 'Escalations', header: ['Case', 'Why it was escalated'], rows: report.escalations.map((escalation) => [escalation.reference, escalation.note]) },
    { name: 'Re-audit', header: ['Case', 'Agreed grade', 'Due', 'Result'], rows: reaudit.samples.map((sample) => [sample.reference, sample.agreedGrade, sample.dueOn, sample.result]) },
  ]
}
