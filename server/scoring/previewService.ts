import { AssessmentReturn, Cycle, CycleReturn, RuleSetVersion } from '../db/models'
import { respondedStatuses } from '../db/models/assessmentReturn.model'
import type { ScoringOutcome } from './outcome'
import type { RuleSetService } from './ruleSetService'
import { scoreReturn } from './scoreReturn'
import type { ScoringService } from './service'

export interface RatingChange {
  returnId: number
  organisationName: string
  standardKey: string
  standardTitle: string
  before: string
  after: string
}

export interface RuleSetPreview {
  cycle: Cycle | null
  returns: number
  changes: RatingChange[]
  /** "Partially met → Not met" and how many, most first. */
  transitions: { from: string; to: string; count: number }[]
  flagsBefore: number
  flagsAfter: number
  /** Returns the new rules could not score, with the reason: the draft cannot be published while there are any. */
  failures: { returnId: number; organisationName: string; reason: string }[]
}

/** What publishing a draft rule set would change, tried on the last cycle's submitted returns; nothing is stored. */
export class RuleSetPreviewService {
  constructor(
    private readonly ruleSets: RuleSetService,
    private readonly scoring: ScoringService,
  ) {}

  async preview(partnershipId: number, draft: RuleSetVersion): Promise<RuleSetPreview> {
    const cycle = await Cycle.findOne({ where: { partnershipId, frameworkVersionId: draft.frameworkVersionId }, order: [['opensOn', 'DESC'], ['id', 'DESC']] })
    const empty: RuleSetPreview = { cycle, returns: 0, changes: [], transitions: [], flagsBefore: 0, flagsAfter: 0, failures: [] }
    if (!cycle) return empty
    const submitted = await AssessmentReturn.findAll({
      where: { status: respondedStatuses },
      include: [{ model: CycleReturn, as: 'cycleReturns', where: { cycleId: cycle.id, withdrawnAt: null }, attributes: [] }],
      attributes: ['id'],
      order: [['id', 'ASC']],
    })
    const published = await this.ruleSets.published(draft.frameworkVersionId)
    const [current, proposed] = await Promise.all([published ? this.ruleSets.compiled(published) : undefined, this.ruleSets.compiled(draft)])
    const preview = { ...empty, returns: submitted.length }
    for (const { id } of submitted) {
      const { input, organisationName } = await this.scoring.inputOf(id)
      const before: ScoringOutcome | undefined = current ? await scoreReturn(current, input) : undefined
      let after: ScoringOutcome
      try {
        after = await scoreReturn(proposed, input)
      } catch (error) {
        preview.failures.push({ returnId: id, organisationName, reason: (error as Error).message })
        continue
      }
      preview.flagsBefore += before?.flags.length ?? 0
      preview.flagsAfter += after.flags.length
      for (const rating of after.ratings) {
        const was = before?.ratings.find((candidate) => candidate.standardKey === rating.standardKey)?.rating ?? 'Not scored'
        if (was !== rating.rating) preview.changes.push({ returnId: id, organisationName, standardKey: rating.standardKey, standardTitle: rating.standardTitle, before: was, after: rating.rating })
      }
    }
    const counts = new Map<string, number>()
    for (const change of preview.changes) counts.set(`${change.before}\u0000${change.after}`, (counts.get(`${change.before}\u0000${change.after}`) ?? 0) + 1)
    preview.transitions = [...counts].map(([key, count]) => ({ from: key.split('\u0000')[0], to: key.split('\u0000')[1], count })).sort((a, b) => b.count - a.count)
    return preview
  }
}
