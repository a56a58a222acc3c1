import { Op, Sequelize } from 'sequelize'
import { AuditEventService } from '../auditEvents/service'
import { AssessmentReturn, FrameworkVersion, ReturnAnswer, ReturnSection } from '../db/models'
import { InvalidInputError } from '../errors'
import { originsAcrossVersions } from '../standards/lineage'
import type { ReturnService } from './service'

/**
 * Starts a return from the organisation's last submitted one on the same framework, of whichever
 * earlier version (a year skipped is crossed version by version): answers follow the lineage (kept, renamed and split criteria carry their answer; merged ones take the lowest
 * score and both narratives; new ones start empty; retired ones are dropped), each marked
 * "carried forward" until someone saves its section.
 */
export class CarryForwardService {
  constructor(
    private readonly sequelize: Sequelize,
    private readonly audit: AuditEventService,
    private readonly returns: ReturnService,
  ) {}

  async previousReturn(returnId: number): Promise<AssessmentReturn | null> {
    const loaded = await this.returns.load(returnId)
    return AssessmentReturn.findOne({
      where: { organisationId: loaded.organisation.id, id: { [Op.ne]: returnId }, status: ['submitted', 'accepted'] },
      include: [{ model: FrameworkVersion, as: 'frameworkVersion', where: { key: loaded.version.key } }],
      order: [['submittedAt', 'DESC'], ['id', 'DESC']],
    })
  }

  async carryForward(actorUserId: number, returnId: number): Promise<number> {
    const loaded = await this.returns.load(returnId)
    if (loaded.assessment.status !== 'not_started' || (await ReturnAnswer.count({ where: { returnId } })) > 0) {
      throw new InvalidInputError('carryForward', 'This return has already been started, so it cannot start from the previous one')
    }
    const previous = await this.previousReturn(returnId)
    if (!previous) throw new InvalidInputError('carryForward', 'There is no earlier submitted return to start from')
    const previousVersion = (previous as AssessmentReturn & { frameworkVersion: FrameworkVersion }).frameworkVersion
    const versions = await FrameworkVersion.findAll({ where: { key: loaded.version.key }, attributes: { exclude: ['source'] } })
    const origins = originsAcrossVersions(previousVersion.definition, loaded.version.definition, new Map(versions.map((version) => [version.version, version.definition])))
    if (!origins) throw new InvalidInputError('carryForward', `Version ${loaded.version.version} does not lead back to version ${previousVersion.version} through the versions held, so the answers cannot be carried`)
    const sources = new Map((await ReturnAnswer.findAll({ where: { returnId: previous.id } })).map((answer) => [answer.criterionKey, answer]))

    const carried = loaded.standards.flatMap((standard) =>
      standard.criteria.flatMap((criterion) => {
        const from = (origins.get(criterion.key)?.from ?? []).map((key) => sources.get(key)).filter((answer): answer is ReturnAnswer => Boolean(answer))
        if (from.length === 0) return []
        const scores = from.map((answer) => answer.score).filter((score): score is number => score !== null)
        return [{
          returnId,
          criterionKey: criterion.key,
          score: scores.length ? Math.min(...scores) : null,
          notApplicable: from.every((answer) => answer.notApplicable) && criterion.allowNotApplicable,
          notApplicableReason: from.find((answer) => answer.notApplicableReason)?.notApplicableReason ?? null,
          narrative: from.map((answer) => answer.narrative).filter(Boolean).join('\n\n') || null,
          questionAnswers: Object.assign({}, ...from.map((answer) => answer.questionAnswers)) as Record<string, string>,
          carriedForward: true,
          updatedById: actorUserId,
          standardKey: standard.key,
        }]
      }),
    )
    await this.sequelize.transaction(async (transaction) => {
      for (const { standardKey: _standard, ...answer } of carried) await ReturnAnswer.create(answer, { transaction })
      for (const standardKey of new Set(carried.map((answer) => answer.standardKey))) {
        await ReturnSection.findOrCreate({ where: { returnId, standardKey }, defaults: { returnId, standardKey, status: 'in_progress', version: 0, updatedById: actorUserId, updatedAt: new Date() }, transaction })
        await ReturnSection.update({ status: 'in_progress', updatedById: actorUserId, updatedAt: new Date() }, { where: { returnId, standardKey }, transaction })
        // In the database, not from the row read: a save checks the version to know nothing changed since it read.
        await ReturnSection.increment('version', { where: { returnId, standardKey }, transaction })
      }
      await AssessmentReturn.update({ status: 'in_progress' }, { where: { id: returnId }, transaction })
      await this.audit.recordForEach(
        loaded.partnershipIds,
        { actorUserId, action: 'return.carried_forward', entityType: 'return', entityId: returnId, after: { fromReturn: previous.id, fromVersion: previousVersion.version, answers: carried.length } },
        transaction,
      )
    })
    return carried.length
  }
}
