import type { Sequelize, Transaction } from 'sequelize'
import type { AuditEventService } from '../../auditEvents/service'
import { AuditCase, AuditGrading, AuditRound, User } from '../../db/models'
import type { DomainEntries } from '../../db/models/auditGrading.model'
import { InvalidInputError } from '../../errors'
import { formatDateTime } from '../../forms/dates'
import { CaseContext, gradingStatus, involvedAgency } from './queries'
import { GradingInput, gradingProblems } from './schema'

/** Someone saved the grading after this person opened it: nothing was written; what they saved is here. */
export class GradingConflictError extends Error {
  constructor(
    readonly theirs: DomainEntries,
    readonly savedBy: string,
    readonly savedAt: Date,
  ) {
    super('The grading was saved by someone else')
  }
}

/** Which page of a case someone opened: each view of confidential case data is on the record. */
export type CaseViewPage = 'grading' | 'workshop' | 'dip_sample'

const snapshot = (grading: AuditGrading) => ({
  caseId: grading.caseId,
  organisationId: grading.organisationId,
  domains: grading.domains,
  noDirectInvolvement: grading.noDirectInvolvement,
  status: gradingStatus(grading),
})

/**
 * Agencies grading their own part of a case before the workshop: a draft until submitted, a
 * facilitator can reopen a submitted one. The workshop never writes here: agency gradings stay as
 * submitted, for the record.
 */
export class AuditGradingService {
  constructor(
    private readonly sequelize: Sequelize,
    private readonly audit: AuditEventService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The round, re-read in the transaction, must still be open; the case row is locked so saves of one case take turns. */
  private async lockOpenCase(context: CaseContext, field: string, transaction: Transaction): Promise<void> {
    const round = await AuditRound.findByPk(context.round.id, { transaction })
    if (!round || round.status !== 'open') throw new InvalidInputError(field, 'This audit round is closed: gradings can no longer change')
    await AuditCase.findByPk(context.auditCase.id, { transaction, lock: transaction.LOCK.UPDATE })
  }

  private record(actorUserId: number, context: CaseContext, action: string, grading: AuditGrading, before: object | null, after: object, transaction: Transaction) {
    return this.audit.record({ actorUserId, partnershipId: context.round.partnershipId, action, entityType: 'audit_grading', entityId: grading.id, before, after }, transaction)
  }

  /**
   * Saves (or submits) one agency's grading of a case, if nobody has saved it since `seenVersion`
   * (0 before the first save). Refused once submitted, until a facilitator reopens it.
   */
  async save(actorUserId: number, context: CaseContext, organisationId: number, input: GradingInput, seenVersion: number): Promise<AuditGrading> {
    involvedAgency(context, organisationId)
    const problems = gradingProblems(context.tool, input.domains, input.noDirectInvolvement, input.intent)
    if (problems.length) throw new InvalidInputError(problems[0].field, problems[0].text)
    return this.sequelize.transaction(async (transaction) => {
      await this.lockOpenCase(context, 'intent', transaction)
      const existing = await AuditGrading.findOne({ where: { caseId: context.auditCase.id, organisationId }, transaction })
      if (existing?.submittedAt) {
        throw new InvalidInputError('intent', `This grading was submitted on ${formatDateTime(existing.submittedAt)}; a facilitator can reopen it if it needs to change`)
      }
      if ((existing?.version ?? 0) !== seenVersion) {
        const savedBy = existing?.auditorId ? ((await User.findByPk(existing.auditorId, { transaction }))?.name ?? 'someone else') : 'someone else'
        throw new GradingConflictError(existing?.domains ?? {}, savedBy, existing?.updatedAt ?? this.now())
      }
      const values = {
        domains: input.domains,
        noDirectInvolvement: input.noDirectInvolvement,
        auditorId: actorUserId,
        submittedAt: input.intent === 'submit' ? this.now() : null,
        version: seenVersion + 1,
      }
      const before = existing ? snapshot(existing) : null
      const grading = existing ? await existing.update(values, { transaction }) : await AuditGrading.create({ caseId: context.auditCase.id, organisationId, ...values }, { transaction })
      await this.record(actorUserId, context, input.intent === 'submit' ? 'audit_grading.submitted' : 'audit_grading.saved', grading, before, snapshot(grading), transaction)
      return grading
    })
  }

  /** A facilitator reopens a submitted grading so its agency can change it; it is a draft again. */
  async reopen(actorUserId: number, context: CaseContext, organisationId: number): Promise<void> {
    involvedAgency(context, organisationId)
    await this.sequelize.transaction(async (transaction) => {
      await this.lockOpenCase(context, 'reopen', transaction)
      const grading = await AuditGrading.findOne({ where: { caseId: context.auditCase.id, organisationId }, transaction })
      if (!grading?.submittedAt) throw new InvalidInputError('reopen', 'This grading has not been submitted, so there is nothing to reopen')
      const before = snapshot(grading)
      await grading.update({ submittedAt: null, version: grading.version + 1 }, { transaction })
      await this.record(actorUserId, context, 'audit_grading.reopened', grading, before, snapshot(grading), transaction)
    })
  }

  /** Records that someone opened a page of a case (confidential data: every view is on the record). */
  async recordView(actorUserId: number, context: CaseContext, page: CaseViewPage, organisationId?: number): Promise<void> {
    await this.audit.record({
      actorUserId,
      partnershipId: context.round.partnershipId,
      action: 'audit_case.viewed',
      entityType: 'audit_case',
      entityId: context.auditCase.id,
      after: { roundId: context.round.id, reference: context.auditCase.reference, page, ...(organisationId === undefined ? {} : { organisationId }) },
    })
  }
}
