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
  /** Organisations (one row per return), those whose scores reviewers lowered most first, each with its moves by standard. */
  byOrganisation: OrganisationCalibrationRow[]
}

export interface OrganisationCalibrationRow extends CalibrationRow {
  returnId: number
  overRates: boolean
  /** The standards on which reviewers moved this organisation's self-scores, in the framework's order. */
  standards: CalibrationRow[]
}

/** An organisation's moves by standard in words, e.g. "S11-1: 1 lowered, mean -1; S11-2: 1 lowered, 1 raised, mean -0.5". */
export function standardMovesInWords(row: OrganisationCalibrationRow): string {
  if (!row.standards.length) return 'None moved'
  return row.standards
    .map((standard) => `${standard.key}: ${[standard.lowered && `${standard.lowered} lowered`, standard.raised && `${standard.raised} raised`].filter(Boolean).join(', ') || 'moderated, unchanged'}, mean ${standard.meanChange}`)
    .join('; ')
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
      { model: Cycle, as: 'cycle', attributes: ['name'], where: { partnershipId } },
      {
        model: AssessmentReturn,
        as: 'assessmentReturn',
        attributes: ['id', 'frameworkVersionId'],
        where: { status: respondedStatuses },
        include: [{ model: Organisation, as: 'organisation', attributes: ['name'] }],
      },
    ],
  })) as (CycleReturn & { cycle: Cycle; assessmentReturn: AssessmentReturn & { organisation: Organisation } })[]
  const returns = new Map(links.map((link) => [link.returnId, link.assessmentReturn]))
  // Across every cycle an organisation has a row per return: the cycle tells them apart.
  const labelOf = new Map(links.map((link) => [link.returnId, cycleId ? link.assessmentReturn.organisation.name : `${link.assessmentReturn.organisation.name} (${link.cycle.name})`]))
  const versions = await FrameworkVersion.findAll({ where: { id: [...new Set([...returns.values()].map((assessment) => assessment.frameworkVersionId))] }, attributes: ['id', 'definition'] })
  const standardOf = new Map<string, { key: string; title: string }>()
  for (const version of versions) for (const standard of version.definition.standards) for (const criterion of standard.criteria) standardOf.set(`${version.id}:${criterion.key}`, standard)

  const totals = new Map<CalibrationRow, number>()
  const overall = empty('overall', 'All standards')
  const byStandard = new Map<string, CalibrationRow>()
  const byOrganisation = new Map<number, CalibrationRow & { returnId: number; overRates: boolean }>()
  const byOrganisationStandard = new Map<number, Map<string, CalibrationRow>>()
  const answers = await ReturnAnswer.findAll({ where: { returnId: [...returns.keys()], notApplicable: false }, attributes: ['returnId', 'criterionKey', 'score', 'moderatedScore'] })
  for (const answer of answers) {
    if (answer.score === null) continue
    const assessment = returns.get(answer.returnId)!
    const standard = standardOf.get(`${assessment.frameworkVersionId}:${answer.criterionKey}`)
    if (!standard) continue
    if (!byStandard.has(standard.key)) byStandard.set(standard.key, empty(standard.key, `${standard.key} ${standard.title}`))
    if (!byOrganisation.has(answer.returnId)) byOrganisation.set(answer.returnId, { ...empty(String(answer.returnId), labelOf.get(answer.returnId)!), returnId: answer.returnId, overRates: false })
    const ofOrganisation = byOrganisationStandard.get(answer.returnId) ?? byOrganisationStandard.set(answer.returnId, new Map()).get(answer.returnId)!
    if (!ofOrganisation.has(standard.key)) ofOrganisation.set(standard.key, empty(standard.key, `${standard.key} ${standard.title}`))
    for (const row of [overall, byStandard.get(standard.key)!, byOrganisation.get(answer.returnId)!, ofOrganisation.get(standard.key)!]) add(row, answer, totals)
  }
  const finish = <T extends CalibrationRow>(row: T): T => ({ ...row, meanChange: row.moderated ? Math.round(((totals.get(row) ?? 0) / row.moderated) * 100) / 100 : null })
  return {
    overall: finish(overall),
    byStandard: [...byStandard.values()].map(finish).sort((a, b) => a.key.localeCompare(b.key, 'en', { numeric: true })),
    byOrganisation: [...byOrganisation.values()]
      .map(finish)
      .map((row) => ({
        ...row,
        overRates: row.moderated >= 2 && (row.meanChange ?? 0) <= OVER_RATING_MEAN,
        standards: [...(byOrganisationStandard.get(row.returnId)?.values() ?? [])]
          .filter((standard) => standard.moderated > 0)
          .map(finish)
          .sort((a, b) => a.key.localeCompare(b.key, 'en', { numeric: true })),
      }))
      .sort((a, b) => (a.meanChange ?? 0) - (b.meanChange ?? 0) || a.label.localeCompare(b.label)),
  }
}
