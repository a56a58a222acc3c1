import { Sequelize, Transaction, UniqueConstraintError } from 'sequelize'
import type { AuditEventService } from '../../auditEvents/service'
import { writeCaseActions } from '../../actions/caseActions'
import { AuditCase, AuditCaseAgreement, AuditDipSample, AuditRound, Theme, User } from '../../db/models'
import type { DipSampleResult } from '../../db/models/auditDipSample.model'
import { InvalidInputError, NotFoundError } from '../../errors'
import { formatDate } from '../../forms/dates'
import type { CaseContext } from '../grading/queries'
import { syncDipSample } from './dipSamples'
import { actionOwners, agreementSnapshot, AgreementSnapshot } from './queries'
import { AgreementInput, agreementProblems } from './schema'

/** Another facilitator saved the case's workshop record after this one opened it: nothing was written; theirs is here. */
export class AgreementConflictError extends Error {
  constructor(
    readonly theirs: AgreementSnapshot,
    readonly savedBy: string,
    readonly savedAt: Date,
  ) {
    super('The workshop record was saved by someone else')
  }
}

/**
 * The workshop's record of a case: agreed grades per domain and overall, findings, themes, escalation
 * and outcome-focused actions, with the case's dip sample kept in step. Agency gradings are only read.
 */
export class AuditWorkshopService {
  constructor(
    private readonly sequelize: Sequelize,
    private readonly audit: AuditEventService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Saves the workshop record if nobody has saved it since `seenVersion` (0 before the first save),
   * in one transaction with its themes, actions and dip sample. The case row is locked first, so two
   * facilitators saving at once take turns and the second finds the version moved on.
   */
  async saveAgreement(actorUserId: number, context: CaseContext, input: AgreementInput, seenVersion: number): Promise<AuditCaseAgreement> {
    const problems = agreementProblems(context.tool, input)
    if (problems.length) throw new InvalidInputError(problems[0].field, problems[0].text)
    const caseId = context.auditCase.id
    const partnershipId = context.round.partnershipId
    const saving = this.sequelize.transaction(async (transaction) => {
      const round = await AuditRound.findByPk(context.round.id, { transaction })
      if (!round || round.status !== 'open') throw new InvalidInputError('overallGrade', 'This audit round is closed: the workshop record can no longer change')
      await AuditCase.findByPk(caseId, { transaction, lock: transaction.LOCK.UPDATE })
      const existing = await AuditCaseAgreement.findByPk(caseId, { transaction })
      if ((existing?.version ?? 0) !== seenVersion) {
        const savedBy = existing?.recordedById ? ((await User.findByPk(existing.recordedById, { transaction }))?.name ?? 'another facilitator') : 'another facilitator'
        throw new AgreementConflictError(await agreementSnapshot(existing, caseId, transaction), savedBy, existing?.updatedAt ?? this.now())
      }
      const themeIds = await this.themeIds(actorUserId, partnershipId, input, transaction)
      const owners = (await actionOwners(context, transaction)).map((owner) => owner.id)
      const unknownOwner = input.actions.findIndex((action) => !owners.includes(action.ownerOrganisationId))
      if (unknownOwner >= 0) throw new InvalidInputError(`action-${unknownOwner}-owner-organisation`, `Choose the agency that owns action ${unknownOwner + 1} from the round’s agencies`)

      const before = existing ? await agreementSnapshot(existing, caseId, transaction) : null
      const values = {
        domainGrades: input.domainGrades,
        overallGrade: input.overallGrade,
        strengths: input.strengths,
        areasForImprovement: input.areasForImprovement,
        escalated: input.escalated,
        escalationNote: input.escalationNote,
        recordedById: actorUserId,
        version: seenVersion + 1,
      }
      const agreement = existing ? await existing.update(values, { transaction }) : await AuditCaseAgreement.create({ caseId, ...values }, { transaction })
      const caseThemes = this.sequelize.models.audit_case_themes
      await caseThemes.destroy({ where: { caseId }, transaction })
      await caseThemes.bulkCreate(themeIds.map((themeId) => ({ caseId, themeId })), { transaction })
      await writeCaseActions({ userId: actorUserId, partnershipId, now: this.now() }, caseId, input.actions, themeIds, transaction)
      await syncDipSample(this.audit, actorUserId, context, input.overallGrade, transaction)
      await this.audit.record(
        { actorUserId, partnershipId, action: 'audit_case.agreement_saved', entityType: 'audit_case', entityId: caseId, before, after: await agreementSnapshot(agreement, caseId, transaction) },
        transaction,
      )
      return agreement
    })
    // Two facilitators adding the same new theme at the same moment: the second is told, and keeps what they typed.
    return saving.catch((error: unknown) => {
      if (error instanceof UniqueConstraintError && input.newTheme) throw new InvalidInputError('newTheme', `The theme “${input.newTheme}” was added by someone else a moment ago: save again to use it`)
      throw error
    })
  }

  /** The chosen themes, which must be the partnership's, plus the new one: an existing theme of that name (in any case), or added to the list. */
  private async themeIds(actorUserId: number, partnershipId: number, input: AgreementInput, transaction: Transaction): Promise<number[]> {
    const themes = await Theme.findAll({ where: { partnershipId }, transaction })
    if (input.themeIds.some((id) => !themes.some((theme) => theme.id === id))) throw new InvalidInputError('themeIds', 'Choose themes from the partnership’s list')
    const ids = [...input.themeIds]
    if (input.newTheme) {
      const same = themes.find((theme) => theme.name.toLowerCase() === input.newTheme!.toLowerCase())
      const theme = same ?? (await Theme.create({ partnershipId, name: input.newTheme }, { transaction }))
      if (!same) await this.audit.record({ actorUserId, partnershipId, action: 'theme.created', entityType: 'theme', entityId: theme.id, after: { name: theme.name } }, transaction)
      ids.push(theme.id)
    }
    return [...new Set(ids)]
  }

  /** Records a dip sample's result, from its due date (the point is to look again once three months have passed); a later record replaces it. */
  async recordDipSample(actorUserId: number, context: CaseContext, input: { result: DipSampleResult; notes: string }, today: string): Promise<void> {
    const caseId = context.auditCase.id
    await this.sequelize.transaction(async (transaction) => {
      const sample = await AuditDipSample.findByPk(caseId, { transaction, lock: transaction.LOCK.UPDATE })
      if (!sample) throw new NotFoundError('No dip sample is scheduled for this case')
      if (today < sample.dueOn) throw new InvalidInputError('result', `The dip sample is due on ${formatDate(sample.dueOn)}: record its result from that day`)
      const before = { dueOn: sample.dueOn, result: sample.result, notes: sample.notes }
      await sample.update({ result: input.result, notes: input.notes, recordedById: actorUserId, recordedAt: this.now() }, { transaction })
      await this.audit.record(
        { actorUserId, partnershipId: context.round.partnershipId, action: 'audit_dip_sample.recorded', entityType: 'audit_case', entityId: caseId, before, after: { dueOn: sample.dueOn, result: input.result, notes: input.notes } },
        transaction,
      )
    })
  }
}
