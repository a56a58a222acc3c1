import { Sequelize, Transaction } from 'sequelize'
import { bringReturnIntoPlan } from '../actions/sources/fromReturn'
import { AuditEventService } from '../auditEvents/service'
import { AssessmentReturn, Cycle, CycleReturn, Partnership } from '../db/models'
import { editableStatuses } from '../db/models/assessmentReturn.model'
import { InvalidInputError } from '../errors'
import { queueEmails } from '../mail/outbox'
import { membersWithRoles } from '../mail/recipients'
import type { CycleIssueService } from '../cycles/issueService'
import type { Logger } from '../logger'
import type { ScoringService } from '../scoring/service'
import type { LoadedReturn, ReturnService } from './service'

export interface Declaration {
  name: string
  jobTitle: string
  approvedBySeniorLead: true
}

/** Submitting a return: every section completed, the lead's declaration, then locked until the partnership returns it. */
export class ReturnSubmitService {
  constructor(
    private readonly sequelize: Sequelize,
    private readonly audit: AuditEventService,
    private readonly returns: ReturnService,
    private readonly issuing: CycleIssueService,
    private readonly scoring: ScoringService,
    private readonly logger: Logger,
    private readonly publicUrl: string,
  ) {}

  /** Standards not yet marked completed, in the order of the framework. */
  async incompleteSections(returnId: number, transaction?: Transaction): Promise<string[]> {
    const loaded = await this.returns.load(returnId)
    const statuses = await this.returns.sectionStatuses(returnId, transaction)
    return loaded.standards.filter((standard) => statuses.get(standard.key) !== 'completed').map((standard) => `${standard.key} ${standard.title}`)
  }

  async submit(actorUserId: number, returnId: number, declaration: Declaration): Promise<void> {
    const loaded = await this.returns.load(returnId)
    await this.sequelize.transaction(async (transaction) => {
      const now = new Date()
      const [changed] = await AssessmentReturn.update(
        { status: 'submitted', submittedAt: now, firstSubmittedAt: loaded.assessment.firstSubmittedAt ?? now, submittedById: actorUserId, declaration, returnedReason: null },
        { where: { id: returnId, status: editableStatuses }, transaction },
      )
      if (changed !== 1) throw new InvalidInputError('declaration', 'This return has already been submitted')
      // Read after the return's row is held: a section save waits for this, or has finished and is counted.
      const incomplete = await this.incompleteSections(returnId, transaction)
      if (incomplete.length) throw new InvalidInputError('declaration', `Complete every section before submitting: ${incomplete.join('; ')}`)
      const links = (await CycleReturn.findAll({ where: { returnId, withdrawnAt: null }, include: [{ model: Cycle, as: 'cycle', include: [{ model: Partnership, as: 'partnership' }] }], transaction })) as (CycleReturn & {
        cycle: Cycle & { partnership: Partnership }
      })[]
      const partnerships = links.map((link) => link.cycle.partnership.name).join(' and ')
      const leads = await this.issuing.leadsOf([loaded.organisation.id], transaction)
      await queueEmails(
        leads.map((lead) => ({
          to: lead.email,
          subject: `${loaded.organisation.name}: ${loaded.version.title} submitted`,
          text: `Hello ${lead.name},\n\n${declaration.name} (${declaration.jobTitle}) submitted ${loaded.organisation.name}'s ${loaded.version.title} to ${partnerships}.\n\nSee the return: ${this.publicUrl}/returns/${returnId}`,
        })),
        transaction,
      )
      if (loaded.assessment.status === 'returned') await this.tellReviewersOfResubmission(loaded, links.map((link) => link.cycle.partnershipId), declaration, transaction)
      await this.audit.recordForEach(
        links.map((link) => link.cycle.partnershipId),
        { actorUserId, action: 'return.submitted', entityType: 'return', entityId: returnId, before: { status: loaded.assessment.status }, after: { status: 'submitted', declaration } },
        transaction,
      )
      await bringReturnIntoPlan(this.audit, returnId, actorUserId, transaction)
    })
    await this.scoreSubmitted(returnId)
  }

  /** A return sent back for changes is submitted again: the partnership's reviewers (its admins, if it has none) hear, as the organisation heard when it was sent back. */
  private async tellReviewersOfResubmission(loaded: LoadedReturn, partnershipIds: number[], declaration: Declaration, transaction: Transaction): Promise<void> {
    const reviewers = await membersWithRoles({ partnershipId: partnershipIds }, ['qa_reviewer'], transaction)
    const recipients = reviewers.length ? reviewers : await membersWithRoles({ partnershipId: partnershipIds }, ['partnership_admin'], transaction)
    await queueEmails(
      recipients.map((reviewer) => ({
        to: reviewer.email,
        subject: `${loaded.organisation.name}: return submitted again after changes`,
        text: `Hello ${reviewer.name},\n\n${declaration.name} (${declaration.jobTitle}) has submitted ${loaded.organisation.name}'s ${loaded.version.title} again, with the changes you asked for.\n\nReview it: ${this.publicUrl}/reviews/${loaded.assessment.id}`,
      })),
      transaction,
    )
  }

  /** Scoring comes after the submission is safe: nothing about scoring can undo it (a rule error is stored as "scoring failed"). */
  private async scoreSubmitted(returnId: number): Promise<void> {
    try {
      await this.scoring.score(returnId, 'submitted')
    } catch (error) {
      this.logger.error({ err: error, returnId }, 'Could not score a submitted return')
    }
  }
}
