import { Op, Sequelize } from 'sequelize'
import { bringReturnIntoPlan } from '../actions/sources/fromReturn'
import type { AuditEventService } from '../auditEvents/service'
import { AcceptedAction, AssessmentReturn, Cycle, CycleReturn, EvidenceLink, FrameworkVersion, Organisation, ReturnAnswer, ReturnRating, RuleSetVersion, ScoringResult } from '../db/models'
import type { ScoringTrigger } from '../db/models/scoringResult.model'
import { InvalidInputError, NotFoundError } from '../errors'
import type { Logger } from '../logger'
import { standardsFor } from '../standards/applicability'
import type { CompiledRuleSet } from './compiledRuleSet'
import type { CriterionAnswerData, ScoringInput } from './facts'
import type { ScoringOutcome } from './outcome'
import type { RuleSetService } from './ruleSetService'
import { latestResultIds } from './latestResults'
import { scoreReturn } from './scoreReturn'

const isoDate = (date: Date) => date.toISOString().slice(0, 10)

/**
 * Scores returns with the published rule set of their framework version and keeps every result.
 * Scoring never fails a submission: an error is stored as a "scoring failed" result with its reason.
 */
export class ScoringService {
  constructor(
    private readonly sequelize: Sequelize,
    private readonly audit: AuditEventService,
    private readonly ruleSets: RuleSetService,
    private readonly logger: Logger,
  ) {}

  /** What a return is scored on, read from the database. */
  async inputOf(returnId: number): Promise<{ input: ScoringInput; frameworkVersionId: number; organisationName: string }> {
    const [assessment, answers, links] = await Promise.all([
      AssessmentReturn.findByPk(returnId, {
        attributes: ['id', 'submittedAt'],
        include: [
          { model: Organisation, as: 'organisation', attributes: ['id', 'name', 'role', 'sectorKey', 'sizeTier'] },
          { model: FrameworkVersion, as: 'frameworkVersion', attributes: ['id', 'definition'] },
        ],
      }),
      ReturnAnswer.findAll({ where: { returnId }, attributes: ['criterionKey', 'score', 'notApplicable', 'narrative', 'questionAnswers', 'moderatedScore'] }),
      EvidenceLink.findAll({ where: { returnId }, attributes: ['criterionKey'] }),
    ])
    if (!assessment) throw new NotFoundError(`Return ${returnId} not found`)
    const version = (assessment as AssessmentReturn & { frameworkVersion: FrameworkVersion }).frameworkVersion
    const files = new Map<string, number>()
    for (const link of links) files.set(link.criterionKey, (files.get(link.criterionKey) ?? 0) + 1)
    const byCriterion = new Map<string, CriterionAnswerData>(
      answers.map((answer) => [
        answer.criterionKey,
        {
          score: answer.score,
          notApplicable: answer.notApplicable,
          moderatedScore: answer.moderatedScore,
          hasNarrative: Boolean(answer.narrative?.trim()),
          evidenceFiles: files.get(answer.criterionKey) ?? 0,
          questionAnswers: answer.questionAnswers ?? {},
        },
      ]),
    )
    const organisation = assessment.organisation!
    return {
      frameworkVersionId: version.id,
      organisationName: organisation.name,
      input: {
        organisation,
        referenceDate: isoDate(assessment.submittedAt ?? new Date()),
        standards: standardsFor(version.definition, organisation),
        answers: byCriterion,
      },
    }
  }

  /** Scores a return with the given rule set (default: the published one) without storing anything. */
  async evaluate(returnId: number, ruleSet?: RuleSetVersion): Promise<{ outcome: ScoringOutcome; ruleSet: RuleSetVersion; frameworkVersionId: number }> {
    const { input, frameworkVersionId } = await this.inputOf(returnId)
    const rules = ruleSet ?? (await this.ruleSets.published(frameworkVersionId))
    if (!rules) throw new NoRuleSetError(`No rule set is published for this return's framework version`)
    return { outcome: await scoreReturn(await this.ruleSets.compiled(rules), input), ruleSet: rules, frameworkVersionId }
  }

  /** Scores and stores the result; returns undefined when the framework version has no published rule set. */
  async score(returnId: number, trigger: ScoringTrigger, options: { scoringJobId?: number; ruleSet?: RuleSetVersion } = {}): Promise<ScoringResult | undefined> {
    const { input, frameworkVersionId } = await this.inputOf(returnId)
    const ruleSet = options.ruleSet ?? (await this.ruleSets.published(frameworkVersionId))
    if (!ruleSet) return undefined
    const base = { returnId, ruleSetId: ruleSet.id, frameworkVersionId, trigger, scoringJobId: options.scoringJobId ?? null }
    let compiled: CompiledRuleSet
    try {
      compiled = await this.ruleSets.compiled(ruleSet)
      const outcome = await scoreReturn(compiled, input)
      const seriousFlagCount = outcome.flags.filter((flag) => flag.severity === 'serious').length
      return await this.sequelize.transaction(async (transaction) => {
        const result = await ScoringResult.create({ ...base, status: 'scored', error: null, outcome, flagCount: outcome.flags.length, seriousFlagCount }, { transaction })
        await ReturnRating.destroy({ where: { returnId }, transaction })
        await ReturnRating.bulkCreate(outcome.ratings.map((rating) => ({ returnId, standardKey: rating.standardKey, rating: rating.rating, scoringResultId: result.id })), { transaction })
        return result
      })
    } catch (error) {
      const reason = (error as Error).message
      this.logger.error({ returnId, ruleSetId: ruleSet.id, reason }, 'Scoring failed')
      return ScoringResult.create({ ...base, status: 'failed', error: reason, outcome: null })
    }
  }

  /** Scores again with the rule set of the return's latest result (after moderation: the same rules, new scores). */
  async rescoreWithSameRules(returnId: number, trigger: ScoringTrigger): Promise<ScoringResult | undefined> {
    const latest = await this.latest(returnId)
    return this.score(returnId, trigger, latest ? { ruleSet: await this.ruleSets.get(latest.ruleSetId) } : {})
  }

  latest(returnId: number): Promise<ScoringResult | null> {
    return ScoringResult.findOne({ where: { returnId }, order: [['id', 'DESC']] })
  }

  /** Returns of a partnership's cycles on this framework version whose latest scoring failed, with the reason. */
  async failures(frameworkVersionId: number, partnershipId: number): Promise<{ returnId: number; organisationName: string; error: string; at: Date }[]> {
    const latestIds = await latestResultIds({ frameworkVersionId })
    const failed = await ScoringResult.findAll({
      where: { id: latestIds, status: 'failed' },
      include: [{ model: AssessmentReturn, as: 'assessmentReturn', attributes: ['id'], include: [{ model: Organisation, as: 'organisation', attributes: ['name'] }] }],
      order: [['id', 'DESC']],
    })
    const inPartnership = new Set(
      (await CycleReturn.findAll({ where: { returnId: failed.map((result) => result.returnId) }, include: [{ model: Cycle, as: 'cycle', attributes: [], where: { partnershipId } }], attributes: ['returnId'] })).map(
        (link) => link.returnId,
      ),
    )
    return failed
      .filter((result) => inPartnership.has(result.returnId))
      .map((result) => ({ returnId: result.returnId, organisationName: (result as ScoringResult & { assessmentReturn: AssessmentReturn }).assessmentReturn.organisation!.name, error: result.error ?? '', at: result.createdAt }))
  }

  acceptedActions(returnId: number): Promise<AcceptedAction[]> {
    return AcceptedAction.findAll({ where: { returnId }, order: [['id', 'ASC']] })
  }

  /** Accepts a suggested action of the return's latest result; accepting twice changes nothing. */
  async acceptAction(actorUserId: number, returnId: number, partnershipIds: number[], actionKey: string): Promise<AcceptedAction> {
    const result = await this.latest(returnId)
    const suggestion = result?.outcome?.actions.find((action) => action.key === actionKey)
    if (!result || !suggestion) throw new InvalidInputError('action', 'That suggested action is not part of the latest scoring of this return')
    const existing = await AcceptedAction.findOne({ where: { returnId, actionKey: { [Op.eq]: actionKey } } })
    if (existing) return existing
    return this.sequelize.transaction(async (transaction) => {
      const accepted = await AcceptedAction.create(
        { returnId, actionKey, scoringResultId: result.id, outcome: suggestion.outcome, owner: suggestion.owner, dueOn: suggestion.dueOn, acceptedById: actorUserId },
        { transaction },
      )
      await this.audit.recordForEach(
        partnershipIds,
        { actorUserId, action: 'return.action_accepted', entityType: 'return', entityId: returnId, after: { outcome: suggestion.outcome, owner: suggestion.owner, dueOn: suggestion.dueOn } },
        transaction,
      )
      await bringReturnIntoPlan(this.audit, returnId, actorUserId, transaction)
      return accepted
    })
  }
}

export class NoRuleSetError extends Error {}
