import { createHash } from 'node:crypto'
import type { InferCreationAttributes } from 'sequelize'
import { AssessmentReturn, Cycle, CycleReturn, FrameworkVersion, Organisation, ReturnAnswer, ReturnSection, User } from '../db/models'
import type { ReturnStatus } from '../db/models/assessmentReturn.model'
import type { ScoringService } from '../scoring/service'
import { standardsFor } from '../standards/applicability'

/** A number in [0, 1) fixed by the words given: the demo is the same on every machine and every start. */
function chance(...words: (string | number)[]): number {
  return createHash('sha256').update(words.join('|')).digest().readUInt32BE(0) / 2 ** 32
}

const STRENGTH_BY_SECTOR: Record<string, number> = {
  police: 0.78,
  'local-authority': 0.72,
  'health-commissioner': 0.74,
  'nhs-provider': 0.68,
  probation: 0.66,
  'youth-justice': 0.64,
  education: 0.62,
  'voluntary-community': 0.5,
  'social-housing': 0.48,
  'sport-leisure': 0.46,
  faith: 0.44,
  'out-of-school': 0.4,
  other: 0.5,
}

/** Sectors the partnership struggles to hear from, as real partnerships report (seeds/003). */
const HARD_TO_REACH = ['out-of-school', 'faith', 'social-housing', 'voluntary-community']

/** An answer to an extra question: mostly yes, percentages from 60 to 100, dates a year back (sometimes four). */
function demoAnswer(type: string, roll: number, cycleYear: number): string {
  if (type === 'yesNo') return roll < 0.93 ? 'yes' : 'no'
  if (type === 'number') return String(Math.round(60 + roll * 40))
  if (type === 'date') return `${cycleYear - (roll < 0.15 ? 4 : 1)}-0${1 + Math.floor(roll * 8)}-15`
  return 'Named in the safeguarding policy'
}

export interface DemoCycleHistory {
  cycle: Cycle
  /** 0 for the oldest cycle: each year most standards improve a little. */
  yearIndex: number
  /** Whether the cycle has closed (its returns were reviewed and accepted) or is still open. */
  closed: boolean
  /** Organisations whose returns the demo writes through the forms instead (the demo sign-ins'). */
  skipOrganisationIds: number[]
}

/**
 * Fills in the returns of organisations without a demo sign-in for the demo's cycles, so the QA
 * views show real patterns on first start: statutory partners stronger than small community
 * groups, most standards improving year on year but safer recruitment declining in the voluntary
 * sector, out-of-school settings and faith groups often not responding, some returns late, and a
 * few self-scores moderated down. Answers are written directly (no forms, no emails) and scored.
 */
export async function seedDemoHistory(scoring: ScoringService, reviewer: User, cycles: DemoCycleHistory[]): Promise<void> {
  for (const { cycle, yearIndex, closed, skipOrganisationIds } of cycles) {
    const version = (await FrameworkVersion.findByPk(cycle.frameworkVersionId))!
    const links = (await CycleReturn.findAll({
      where: { cycleId: cycle.id },
      include: [{ model: AssessmentReturn, as: 'assessmentReturn', include: [{ model: Organisation, as: 'organisation' }] }],
    })) as (CycleReturn & { assessmentReturn: AssessmentReturn & { organisation: Organisation } })[]
    for (const link of links) {
      const assessment = link.assessmentReturn
      const organisation = assessment.organisation
      if (skipOrganisationIds.includes(organisation.id) || assessment.status !== 'not_started') continue
      const responds = chance('responds', organisation.name, yearIndex) < (HARD_TO_REACH.includes(organisation.sectorKey) ? 0.45 : 0.9) * (closed ? 1 : 0.7)
      if (!responds) continue
      const strength = (STRENGTH_BY_SECTOR[organisation.sectorKey] ?? 0.5) + (chance('strength', organisation.name) - 0.5) * 0.3
      const answers: Omit<InferCreationAttributes<ReturnAnswer>, 'id' | 'createdAt' | 'updatedAt'>[] = []
      const standards = standardsFor(version.definition, organisation)
      for (const standard of standards) {
        const trend = organisation.sectorKey === 'voluntary-community' && standard.key === 'S11-7' ? -0.12 : 0.07
        for (const criterion of standard.criteria) {
          const level = strength + trend * yearIndex + (chance('score', organisation.name, criterion.key, yearIndex) - 0.5) * 0.5
          const score = level < 0.3 ? 0 : level < 0.55 ? 1 : level < 0.85 ? 2 : 3
          const moderated = closed && score >= 2 && chance('moderate', organisation.name, criterion.key, yearIndex) < (HARD_TO_REACH.includes(organisation.sectorKey) ? 0.12 : 0.03)
          answers.push({
            returnId: assessment.id,
            criterionKey: criterion.key,
            score,
            notApplicable: false,
            notApplicableReason: null,
            narrative: chance('narrative', organisation.name, criterion.key, yearIndex) < 0.85 ? `${organisation.name}: ${criterion.text.split('.')[0].toLowerCase()}, as our policy and records show.` : null,
            questionAnswers: Object.fromEntries(
              criterion.questions.map((question) => {
                const roll = chance('answer', organisation.name, question.key, yearIndex)
                return [question.key, demoAnswer(question.type, roll, Number(cycle.opensOn.slice(0, 4)))]
              }),
            ),
            carriedForward: false,
            updatedById: null,
            moderatedScore: moderated ? score - 1 : null,
            moderationReason: moderated ? 'The evidence shows the arrangement in place but not yet embedded' : null,
            moderatedById: moderated ? reviewer.id : null,
            moderatedAt: moderated ? new Date(`${cycle.closesOn}T12:00:00Z`) : null,
          })
        }
      }
      await ReturnAnswer.bulkCreate(answers)
      await ReturnSection.bulkCreate(standards.map((standard) => ({ returnId: assessment.id, standardKey: standard.key, status: 'completed' as const, version: 1, updatedById: null, updatedAt: new Date() })))
      const daysLate = chance('late', organisation.name, yearIndex) < 0.2 ? 9 : -5
      const submittedAt = new Date(new Date(`${link.dueOn}T10:00:00Z`).getTime() + daysLate * 86_400_000)
      const status: ReturnStatus = closed ? 'accepted' : 'submitted'
      await assessment.update({ status, submittedAt: closed || submittedAt < new Date() ? submittedAt : new Date(), declaration: { name: 'Safeguarding lead', jobTitle: 'Designated safeguarding lead', approvedBySeniorLead: true } })
      await scoring.score(assessment.id, 'submitted')
    }
  }
}
