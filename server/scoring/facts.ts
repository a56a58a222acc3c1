import type { OrganisationProfile } from '../standards/applicability'
import type { Criterion, Standard } from '../standards/frameworkSchema'

/** What scoring reads of one criterion's answer: plain data, so the service, tests and bench share it. */
export interface CriterionAnswerData {
  score: number | null
  notApplicable: boolean
  moderatedScore: number | null
  hasNarrative: boolean
  evidenceFiles: number
  questionAnswers: Record<string, string>
}

/** Everything a return is scored on. `referenceDate` (YYYY-MM-DD, the submission date) anchors yearsSince, so a rescore next year gives the same result. */
export interface ScoringInput {
  organisation: OrganisationProfile
  referenceDate: string
  /** The standards that apply to the organisation, with only their applicable criteria. */
  standards: Standard[]
  answers: Map<string, CriterionAnswerData>
}

export type Facts = Record<string, Record<string, unknown>>

export interface CriterionFacts {
  key: string
  standardKey: string
  essential: boolean
  notApplicable: boolean
  selfScore: number | null
  moderatedScore: number | null
  moderated: boolean
  score: number | null
  evidenceFiles: number
  hasNarrative: boolean
  evidenceCount: number
}

const round2 = (value: number) => Math.round(value * 100) / 100

/** Whole years from an ISO date to the reference date (negative for a later date), or undefined for anything else. */
export function yearsBetween(isoDate: string, referenceDate: string): number | undefined {
  const from = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate)
  const to = /^(\d{4})-(\d{2})-(\d{2})$/.exec(referenceDate)
  if (!from || !to) return undefined
  const years = Number(to[1]) - Number(from[1])
  const beforeAnniversary = Number(to[2]) * 100 + Number(to[3]) < Number(from[2]) * 100 + Number(from[3])
  return years - (beforeAnniversary ? 1 : 0)
}

const NO_ANSWERS: Readonly<Record<string, string | number>> = Object.freeze({})
const NO_YEARS: Readonly<Record<string, number>> = Object.freeze({})

/**
 * A criterion's answers as rules compare them (number questions as numbers, the rest as entered:
 * "yes"/"no", YYYY-MM-DD, text) and, for date questions, the whole years to the reference date.
 */
function questionFacts(criterion: Criterion, raw: Record<string, string> | undefined, referenceDate: string) {
  if (!criterion.questions.length || !raw) return { answers: NO_ANSWERS, yearsSince: NO_YEARS }
  const answers: Record<string, string | number> = {}
  const yearsSince: Record<string, number> = {}
  for (const question of criterion.questions) {
    const value = raw[question.key]
    if (value === undefined) continue
    if (question.type === 'number') answers[question.key] = value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : value
    else answers[question.key] = value
    if (question.type === 'date') {
      const years = yearsBetween(value, referenceDate)
      if (years !== undefined) yearsSince[question.key] = years
    }
  }
  return { answers, yearsSince }
}

export const isNotEvidenced = (criterion: CriterionFacts) => criterion.score !== null && criterion.score >= 2 && criterion.evidenceCount === 0

export function criterionFacts(criterionKey: string, standardKey: string, essential: boolean, answer: CriterionAnswerData | undefined): CriterionFacts {
  const notApplicable = answer?.notApplicable ?? false
  const selfScore = notApplicable ? null : (answer?.score ?? null)
  const moderatedScore = answer?.moderatedScore ?? null
  const evidenceFiles = answer?.evidenceFiles ?? 0
  const hasNarrative = answer?.hasNarrative ?? false
  return {
    key: criterionKey,
    standardKey,
    essential,
    notApplicable,
    selfScore,
    moderatedScore,
    moderated: moderatedScore !== null,
    score: notApplicable ? null : (moderatedScore ?? selfScore),
    evidenceFiles,
    hasNarrative,
    evidenceCount: evidenceFiles + (hasNarrative ? 1 : 0),
  }
}

function scoreSummary(criteria: CriterionFacts[]) {
  const scores = criteria.map((criterion) => criterion.score).filter((score): score is number => score !== null)
  return {
    scored: scores.length,
    averageScore: scores.length ? round2(scores.reduce((sum, score) => sum + score, 0) / scores.length) : null,
    minScore: scores.length ? Math.min(...scores) : null,
    maxScore: scores.length ? Math.max(...scores) : null,
    notEvidenced: criteria.filter(isNotEvidenced).length,
  }
}

export function standardFacts(standardKey: string, criteria: CriterionFacts[]) {
  const essential = criteria.filter((criterion) => criterion.essential).map((criterion) => ({ key: criterion.key, score: criterion.score }))
  const essentialScores = essential.map((item) => item.score).filter((score): score is number => score !== null)
  const notApplicable = criteria.filter((criterion) => criterion.notApplicable).length
  return {
    key: standardKey,
    applicable: criteria.length,
    notApplicable,
    allNotApplicable: criteria.length > 0 && notApplicable === criteria.length,
    ...scoreSummary(criteria),
    belowTwo: criteria.filter((criterion) => criterion.score !== null && criterion.score < 2).length,
    essential,
    essentialMinScore: essentialScores.length ? Math.min(...essentialScores) : null,
  }
}

export type StandardFacts = ReturnType<typeof standardFacts>

export interface ReturnFactSet {
  organisation: { role: string; sector: string; tier: string }
  criteria: { facts: CriterionFacts; answers: Readonly<Record<string, string | number>>; yearsSince: Readonly<Record<string, number>> }[]
  standards: StandardFacts[]
  returnFacts: { return: Record<string, unknown>; answers: Record<string, string | number>; yearsSince: Record<string, number> }
}

/** Every fact of every scope for one return, computed once. */
export function buildFacts(input: ScoringInput): ReturnFactSet {
  const organisation = { role: input.organisation.role, sector: input.organisation.sectorKey, tier: input.organisation.sizeTier }
  const criteria: ReturnFactSet['criteria'] = []
  const standards: StandardFacts[] = []
  const all: CriterionFacts[] = []
  const allAnswers: Record<string, string | number> = {}
  const allYears: Record<string, number> = {}
  for (const standard of input.standards) {
    const inStandard: CriterionFacts[] = []
    for (const criterion of standard.criteria) {
      const answer = input.answers.get(criterion.key)
      const facts = criterionFacts(criterion.key, standard.key, criterion.essential, answer)
      const questions = questionFacts(criterion, answer?.questionAnswers, input.referenceDate)
      if (questions.answers !== NO_ANSWERS) {
        Object.assign(allAnswers, questions.answers)
        Object.assign(allYears, questions.yearsSince)
      }
      criteria.push({ facts, ...questions })
      inStandard.push(facts)
      all.push(facts)
    }
    standards.push(standardFacts(standard.key, inStandard))
  }
  const summary = scoreSummary(all)
  return {
    organisation,
    criteria,
    standards,
    returnFacts: {
      return: { criteria: all.length, scored: summary.scored, averageScore: summary.averageScore, notEvidenced: summary.notEvidenced, moderated: all.some((c) => c.moderated) },
      answers: allAnswers,
      yearsSince: allYears,
    },
  }
}
