import { AssessmentReturn, Cycle, CycleReturn, EvidenceLink, FrameworkVersion, Organisation, ReturnAnswer, ReturnRating } from '../db/models'
import type { ReturnStatus } from '../db/models/assessmentReturn.model'
import { NotFoundError } from '../errors'
import type { Framework } from '../standards/frameworkSchema'
import { criterionOrigins } from '../standards/lineage'
import { organisationEvents, OrganisationEventView } from './panels/queries'

export interface HistoryColumn {
  returnId: number
  cycleName: string
  frameworkVersion: string
  status: ReturnStatus
  /** "On time", "12 days late", "Not submitted". */
  timeliness: string
}

export interface HistoryCell {
  /** The criteria of that year's version this one continues from (one, or several when merged; none when new). */
  keys: string[]
  /** The score that counts: the moderated one where there is one, else the self-score (averaged over merged criteria). */
  score: number | null
  /** For a single criterion: the organisation's own score and the reviewer's moderated one (null when not moderated). */
  selfScore: number | null
  moderatedScore: number | null
  notApplicable: boolean
  evidenceFiles: number
  narrativeChanged: boolean
  /** The score went up or down since the previous column. */
  moved: 'up' | 'down' | null
}

export interface HistoryStandard {
  key: string
  title: string
  ratings: (string | null)[]
  criteria: { key: string; text: string; cells: (HistoryCell | null)[] }[]
}

const DAY = 86_400_000

/**
 * One organisation's returns to the partnership, every cycle side by side: per standard its rating,
 * per criterion (of the newest version, traced back through the lineage) the score, moderation,
 * evidence and whether the narrative changed, and how timely each return was.
 */
export async function organisationHistory(
  organisationId: number,
  partnershipId: number,
  options: { challengeEvents?: boolean } = {},
): Promise<{ organisation: Organisation; columns: HistoryColumn[]; standards: HistoryStandard[]; challengeEvents: OrganisationEventView[] | null }> {
  type Link = CycleReturn & { cycle: Cycle; assessmentReturn: AssessmentReturn & { frameworkVersion: FrameworkVersion } }
  const [organisation, challengeEvents, links] = await Promise.all([
    Organisation.findByPk(organisationId),
    // The partnership's panels are for its reviewers: the organisation's own users see only the challenges raised on their return.
    options.challengeEvents ? organisationEvents(organisationId, partnershipId) : null,
    CycleReturn.findAll({
      where: { withdrawnAt: null },
      include: [
        { model: Cycle, as: 'cycle', where: { partnershipId } },
        { model: AssessmentReturn, as: 'assessmentReturn', where: { organisationId }, include: [{ model: FrameworkVersion, as: 'frameworkVersion', attributes: ['id', 'version', 'definition'] }] },
      ],
    }) as Promise<Link[]>,
  ])
  if (!organisation) throw new NotFoundError('Organisation not found')
  links.sort((a, b) => a.cycle.opensOn.localeCompare(b.cycle.opensOn) || a.cycleId - b.cycleId)
  const returnIds = links.map((link) => link.returnId)
  const [answers, evidence, ratings] = await Promise.all([
    ReturnAnswer.findAll({ where: { returnId: returnIds }, attributes: ['returnId', 'criterionKey', 'score', 'moderatedScore', 'notApplicable', 'narrative'] }),
    EvidenceLink.findAll({ where: { returnId: returnIds }, attributes: ['returnId', 'criterionKey'] }),
    ReturnRating.findAll({ where: { returnId: returnIds } }),
  ])
  const answerOf = new Map(answers.map((answer) => [`${answer.returnId}:${answer.criterionKey}`, answer]))
  const filesOf = new Map<string, number>()
  for (const link of evidence) filesOf.set(`${link.returnId}:${link.criterionKey}`, (filesOf.get(`${link.returnId}:${link.criterionKey}`) ?? 0) + 1)
  const ratingOf = new Map(ratings.map((rating) => [`${rating.returnId}:${rating.standardKey}`, rating.rating]))

  const columns: HistoryColumn[] = links.map((link) => {
    // Judged by the first submission: a return sent back for changes and submitted again was not late for that.
    const submittedAt = link.assessmentReturn.firstSubmittedAt ?? link.assessmentReturn.submittedAt
    const late = submittedAt ? Math.floor((submittedAt.getTime() - new Date(`${link.dueOn}T23:59:59Z`).getTime()) / DAY) + 1 : 0
    return {
      returnId: link.returnId,
      cycleName: link.cycle.name,
      frameworkVersion: link.assessmentReturn.frameworkVersion.version,
      status: link.assessmentReturn.status,
      timeliness: !submittedAt ? 'Not submitted' : late > 0 ? `${late} day${late === 1 ? '' : 's'} late` : 'On time',
    }
  })
  const newest = links[links.length - 1]?.assessmentReturn.frameworkVersion.definition
  if (!newest) return { organisation, columns, standards: [], challengeEvents }
  const keysIn = (column: number, key: string) => traceBack(newest, links[column].assessmentReturn.frameworkVersion.definition, key, links.map((link) => link.assessmentReturn.frameworkVersion.definition))

  const standards = newest.standards.map((standard) => ({
    key: standard.key,
    title: standard.title,
    ratings: links.map((link) => ratingOf.get(`${link.returnId}:${standard.key}`) ?? null),
    criteria: standard.criteria.map((criterion) => {
      let previous: { score: number | null; narrative: string | null } | undefined
      const cells = links.map((link, column) => {
        const keys = keysIn(column, criterion.key)
        const found = keys.map((key) => answerOf.get(`${link.returnId}:${key}`)).filter((answer): answer is ReturnAnswer => answer !== undefined)
        if (!found.length) return null
        const counted = found.map((answer) => answer.moderatedScore ?? answer.score).filter((score): score is number => score !== null)
        const score = counted.length ? Math.round((counted.reduce((sum, value) => sum + value, 0) / counted.length) * 10) / 10 : null
        const narrative = found.map((answer) => answer.narrative ?? '').join('\n\n')
        const cell: HistoryCell = {
          keys,
          score,
          selfScore: found.length === 1 ? found[0].score : null,
          moderatedScore: found.length === 1 ? found[0].moderatedScore : null,
          notApplicable: found.every((answer) => answer.notApplicable),
          evidenceFiles: keys.reduce((sum, key) => sum + (filesOf.get(`${link.returnId}:${key}`) ?? 0), 0),
          narrativeChanged: previous !== undefined && (previous.narrative ?? '') !== narrative,
          moved: previous?.score != null && score !== null ? (score > previous.score ? 'up' : score < previous.score ? 'down' : null) : null,
        }
        previous = { score, narrative }
        return cell
      })
      return { key: criterion.key, text: criterion.text, cells }
    }),
  }))
  return { organisation, columns, standards, challengeEvents }
}

/** The keys in an older version that a criterion of the newest continues from, through each version's lineage in turn. */
function traceBack(newest: Framework, target: Framework, key: string, all: Framework[]): string[] {
  if (target.version === newest.version) return [key]
  let keys = [key]
  let current = newest
  while (current.version !== target.version) {
    const previous = all.find((framework) => framework.key === current.key && framework.version === current.previousVersion)
    if (!previous) return []
    const { origins } = criterionOrigins(previous, current)
    keys = keys.flatMap((candidate) => origins.get(candidate)?.from ?? [])
    current = previous
  }
  return keys
}
