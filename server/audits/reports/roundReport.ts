import type { AuditTool } from '../auditToolSchema'
import type { AgreementFields } from '../../db/models/auditCaseAgreement.model'

/** A round's cases as the report reads them: what the workshop agreed, the themes, actions and dip samples. */
export interface ReportCase {
  reference: string
  agreement: AgreementFields | null
  themes: string[]
  actions: { title: string; outcomeSought: string; ownerName: string; ownerOrganisation: string | null; dueOn: string }[]
  dipSample: { dueOn: string; result: 'improved' | 'not_improved' | null } | null
}

export interface ReportInput {
  round: { title: string; theme: string; whyNow: string; workshopOn: string; status: string; partnershipName: string }
  tool: Pick<AuditTool, 'title' | 'gradeScale' | 'domains'>
  cases: ReportCase[]
  /** Today (ISO date): a dip sample due on or before it without a result is due now. */
  today: string
}

export interface Share {
  count: number
  percent: number
}

/** A row of the grade distribution: per grade and the remainder not yet agreed, as counts and percentages of all the round's cases. */
export interface DistributionRow {
  key: string
  title: string
  grades: Share[]
  notAgreed: Share
}

export interface RoundReport {
  round: ReportInput['round']
  toolTitle: string
  caseCount: number
  agreedCount: number
  grades: { key: string; label: string; colour: string }[]
  /** One row per domain, then the overall grade (key "overall"). */
  distribution: DistributionRow[]
  themes: { name: string; count: number; percent: number }[]
  findings: { reference: string; overallGrade: string; strengths: string; areasForImprovement: string; escalated: boolean }[]
  actions: { reference: string; title: string; outcomeSought: string; owner: string; dueOn: string }[]
  escalations: { reference: string; note: string }[]
  reaudit: {
    scheduled: number
    /** Due on or before today with no result yet. */
    dueNow: number
    recorded: number
    improved: number
    notImproved: number
    /** Improved of those recorded; null until one is recorded. */
    percentImproved: number | null
    samples: { reference: string; agreedGrade: string; dueOn: string; result: string }[]
  }
}

export const NOT_YET_AGREED = 'Not yet agreed'
const resultLabels: Record<string, string> = { improved: 'Improved', not_improved: 'Not improved' }

/**
 * Whole percentages that add up to exactly 100 (largest remainder): a distribution of five cases
 * must not read 101%. All zero when there is nothing to share.
 */
export function wholePercentages(counts: number[]): number[] {
  const total = counts.reduce((sum, count) => sum + count, 0)
  if (!total) return counts.map(() => 0)
  const exact = counts.map((count) => (100 * count) / total)
  const floors = exact.map(Math.floor)
  let left = 100 - floors.reduce((sum, value) => sum + value, 0)
  const byRemainder = exact.map((value, index) => ({ index, remainder: value - floors[index] })).sort((a, b) => b.remainder - a.remainder || a.index - b.index)
  for (const { index } of byRemainder) {
    if (left-- <= 0) break
    floors[index] += 1
  }
  return floors
}

function distributionRow(key: string, title: string, scaleKeys: string[], gradeOf: (reportCase: ReportCase) => string | null | undefined, cases: ReportCase[]): DistributionRow {
  const counts = scaleKeys.map((gradeKey) => cases.filter((reportCase) => gradeOf(reportCase) === gradeKey).length)
  // A grade that is not on the round's scale cannot be placed, so it counts as not agreed rather than vanish.
  const notAgreed = cases.length - counts.reduce((sum, count) => sum + count, 0)
  const percents = wholePercentages([...counts, notAgreed])
  return { key, title, grades: counts.map((count, index) => ({ count, percent: percents[index] })), notAgreed: { count: notAgreed, percent: percents[counts.length] } }
}

/** The round report's numbers and lists, from the loaded round: the same on the page, in the PDF and in the XLSX. */
export function roundReport(input: ReportInput): RoundReport {
  const { tool, cases } = input
  const scaleKeys = tool.gradeScale.map((grade) => grade.key)
  const labelOf = (gradeKey: string | null | undefined) => tool.gradeScale.find((grade) => grade.key === gradeKey)?.label ?? NOT_YET_AGREED
  const agreed = cases.filter((reportCase) => reportCase.agreement)
  const distribution = [
    ...tool.domains.map((domain) => distributionRow(domain.key, domain.title, scaleKeys, (reportCase) => reportCase.agreement?.domainGrades[domain.key], cases)),
    distributionRow('overall', 'Overall', scaleKeys, (reportCase) => reportCase.agreement?.overallGrade, cases),
  ]

  const themeCounts = new Map<string, number>()
  for (const reportCase of cases) for (const theme of new Set(reportCase.themes)) themeCounts.set(theme, (themeCounts.get(theme) ?? 0) + 1)
  const themes = [...themeCounts]
    .map(([name, count]) => ({ name, count, percent: cases.length ? Math.round((100 * count) / cases.length) : 0 }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name))

  const samples = cases.filter((reportCase) => reportCase.dipSample)
  const recorded = samples.filter((reportCase) => reportCase.dipSample!.result)
  const improved = recorded.filter((reportCase) => reportCase.dipSample!.result === 'improved').length

  return {
    round: input.round,
    toolTitle: tool.title,
    caseCount: cases.length,
    agreedCount: agreed.length,
    grades: tool.gradeScale.map(({ key, label, colour }) => ({ key, label, colour })),
    distribution,
    themes,
    findings: agreed.map((reportCase) => ({
      reference: reportCase.reference,
      overallGrade: labelOf(reportCase.agreement!.overallGrade),
      strengths: reportCase.agreement!.strengths?.trim() ?? '',
      areasForImprovement: reportCase.agreement!.areasForImprovement?.trim() ?? '',
      escalated: reportCase.agreement!.escalated,
    })),
    actions: cases.flatMap((reportCase) =>
      reportCase.actions.map((action) => ({
        reference: reportCase.reference,
        title: action.title,
        outcomeSought: action.outcomeSought,
        owner: action.ownerOrganisation ? `${action.ownerName}, ${action.ownerOrganisation}` : action.ownerName,
        dueOn: action.dueOn,
      })),
    ).sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.reference.localeCompare(b.reference)),
    escalations: agreed.filter((reportCase) => reportCase.agreement!.escalated).map((reportCase) => ({ reference: reportCase.reference, note: reportCase.agreement!.escalationNote?.trim() ?? '' })),
    reaudit: {
      scheduled: samples.length,
      dueNow: samples.filter((reportCase) => !reportCase.dipSample!.result && reportCase.dipSample!.dueOn <= input.today).length,
      recorded: recorded.length,
      improved,
      notImproved: recorded.length - improved,
      percentImproved: recorded.length ? Math.round((100 * improved) / recorded.length) : null,
      samples: samples.map((reportCase) => ({
        reference: reportCase.reference,
        agreedGrade: labelOf(reportCase.agreement?.overallGrade),
        dueOn: reportCase.dipSample!.dueOn,
        result: resultLabels[reportCase.dipSample!.result ?? ''] ?? (reportCase.dipSample!.dueOn <= input.today ? 'Due: no result yet' : 'Not yet due'),
      })),
    },
  }
}

/** The report's grade distribution in words for one row: "Good 1 (20%), Requires improvement 3 (60%), Not yet agreed 1 (20%)". */
export function distributionInWords(report: RoundReport, row: DistributionRow): string {
  const parts = row.grades.map((share, index) => ({ label: report.grades[index].label, share })).filter((part) => part.share.count)
  if (row.notAgreed.count) parts.push({ label: NOT_YET_AGREED, share: row.notAgreed })
  return parts.map((part) => `${part.label} ${part.share.count} (${part.share.percent}%)`).join(', ')
}
