import { AssessmentReturn, Cycle, CycleReturn, FrameworkVersion, Organisation, ReturnAnswer } from '../db/models'
import { respondedStatuses } from '../db/models/assessmentReturn.model'

export interface CalibrationRow {
  key: string
  label: string
  /** Criteria with a self-score. */
  scored: number
  /** Of those, how many a reviewer moderated. */
  moderated: number
  /** Moderated less self-score, averaged over the moderated criteria (negative: the organisation rated itself higher than the reviewers did). */
  meanChange: number | null
  lowered: number
  raised: number
}

export interface Calibration {
  overall: CalibrationRow
  byStandard: CalibrationRow[]
  /** Organisations, those whose scores reviewers lowered most first. */
  byOrganisation: (CalibrationRow & { returnId: number; overRates: boolean })[]
}

/** An organisation stands out as over-rating itself when reviewers lowered it by this much on average, over at least two criteria. */
export const OVER_RATING_MEAN = -0.5

const empty = (key: string, label: string): CalibrationRow => ({ key, label, scored: 0, moderated: 0, meanChange: null, lowered: 0, raised: 0 })

function add(row: CalibrationRow, answer: Pick<ReturnAnswer, 'score' | 'moderatedScore'>, totals: Map<CalibrationRow, number>): void {
  row.scored++
  if (answer.moderatedScore === null) return
  const change = answer.moderatedScore - answer.score!
  row.moderated++
  if (change < 0) row.lowered++
  if (change > 0) row.raised++
  totals.set(row, (totals.get(row) ?? 0) + change)
}

/**
 * How often and by how much reviewers moved self-scores in a partnership's returns (optionally one
 * cycle's): overall, per standard and per organisation, computed from the stored answers.
 */
export async function calibration(partnershipId: number, cycleId?: number): Promise<Calibration> {
  const links = (await CycleReturn.findAll({
    where: { withdrawnAt: null, ...(cycleId ? { cycleId } : {}) },
    attributes: ['returnId'],
    include: [
      { model: Cycle, as: 'cycle', attributes: [], where: { partnershipId } },
      {
        model: AssessmentReturn,
        as: 'assessmentReturn',
        attributes: ['id', 'frameworkVersionId'],
        where: { status: respondedStatuses },
        include: [{ model: Organisation, as: 'organisation', attributes: ['name'] }],
      },
    ],
  })) as (CycleReturn & { assessmentReturn: AssessmentReturn & { organisation: Organisation } })[]
  const returns = new Map(links.map((link) => [link.returnId, link.assessmentReturn]))
  const versions = await FrameworkVersion.findAll({ where: { id: [...new Set([...returns.values()].map((assessment) => assessment.frameworkVersionId))] }, attributes: ['id', 'definition'] })
  const standardOf = new Map<string, { key: string; title: string }>()
  for (const version of versions) for (const standard of version.definition.standards) for (const criterion of standard.criteria) standardOf.set(`${version.id}:${criterion.key}`, standard)

  const totals = new Map<CalibrationRow, number>()
  const overall = empty('overall', 'All standards')
  const byStandard = new Map<string, CalibrationRow>()
  const byOrganisation = new Map<number, CalibrationRow & { returnId: number; overRates: boolean }>()
  const answers = await ReturnAnswer.findAll({ where: { returnId: [...returns.keys()], notApplicable: false }, attributes: ['returnId', 'criterionKey', 'score', 'moderatedScore'] })
  for (const answer of answers) {
    if (answer.score === null) continue
    const assessment = returns.get(answer.returnId)!
    const standard = standardOf.get(`${assessment.frameworkVersionId}:${answer.criterionKey}`)
    if (!standard) continue
    if (!byStandard.has(standard.key)) byStandard.set(standard.key, empty(standard.key, `${standard.key} ${standard.title}`))
    if (!byOrganisation.has(answer.returnId)) byOrganisation.set(answer.returnId, { ...empty(String(answer.returnId), assessment.organisation.name), returnId: answer.returnId, overRates: false })
    for (const row of [overall, byStandard.get(standard.key)!, byOrganisation.get(answer.returnId)!]) add(row, answer, totals)
  }
  const finish = <T extends CalibrationRow>(row: T): T => ({ ...row, meanChange: row.moderated ? Math.round(((totals.get(row) ?? 0) / row.moderated) * 100) / 100 : null })
  return {
    overall: finish(overall),
    byStandard: [...byStandard.values()].map(finish).sort((a, b) => a.key.localeCompare(b.key, 'en', { numeric: true })),
    byOrganisation: [...byOrganisation.values()]
      .map(finish)
      .map((row) => ({ ...row, overRates: row.moderated >= 2 && (row.meanChange ?? 0) <= OVER_RATING_MEAN }))
      .sort((a, b) => (a.meanChange ?? 0) - (b.meanChange ?? 0) || a.label.localeCompare(b.label)),
  }
}
