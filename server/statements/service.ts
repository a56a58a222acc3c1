import { publicStatementPath } from './publicPath'
import { Op, Sequelize, Transaction, UniqueConstraintError } from 'sequelize'
import type { AuditEventService } from '../auditEvents/service'
import { Organisation, Partnership, Statement, User } from '../db/models'
import type { StatementContent, StatementStatus } from '../db/models/statement.model'
import { InvalidInputError, NotFoundError } from '../errors'
import { formatDate } from '../forms/dates'
import { queueEmails } from '../mail/outbox'
import { membersWithRoles } from '../mail/recipients'
import { emptyContent, incompleteSections, normaliseContent, sectionTitles } from './content'
import type { SignatureInput } from './schema'
import { queriesInTransaction } from '../db/queriesInTransaction'

/** Why a new statement cannot be started while this one is in the workflow. */
const startRefusals = {
  draft: (version: number) => `Your organisation already has a draft statement (version ${version}): carry on with it`,
  submitted: (version: number) => `Version ${version} is waiting for the partnership’s decision: a new statement can be started once it is approved or returned`,
  returned: (version: number) => `Version ${version} was returned by the partnership: make the changes asked for and submit it again`,
}

/** Saved from an older copy of the statement: someone else saved in between. Nothing was written. */
export class StaleStatementError extends Error {
  constructor() {
    super('Someone else saved this statement after you opened this page')
  }
}

/** The statement is no longer a draft or returned: submitted ones wait for a decision, published ones are history. */
export class StatementNotEditableError extends Error {}

export const EDITABLE: readonly StatementStatus[] = ['draft', 'returned']
/** The content sections saved through saveSection (the signature has its own call). */
export type ContentSection = 'service' | 'principles' | 'risks' | 'procedures' | 'relevant-persons'
const contentKey = { service: 'service', principles: 'principles', risks: 'risks', procedures: 'procedures', 'relevant-persons': 'relevantPersons' } as const

/** Child Safeguarding Statements: written by an organisation, signed by its senior lead, approved (published) or returned by the partnership. */
export class StatementService {
  constructor(
    private readonly sequelize: Sequelize,
    private readonly audit: AuditEventService,
    /** The app's address, for links in emails. */
    readonly publicUrl: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private record(actorUserId: number, statement: Statement, action: string, before: object | null, after: object, transaction: Transaction) {
    return this.audit.record({ actorUserId, partnershipId: statement.partnershipId, action, entityType: 'statement', entityId: statement.id, before, after }, transaction)
  }

  private async locked(statementId: number, transaction: Transaction): Promise<Statement> {
    const statement = await Statement.findByPk(statementId, { transaction, lock: transaction.LOCK.UPDATE })
    if (!statement) throw new NotFoundError('Statement not found')
    return statement
  }

  /** Writes `changes` only if nobody has saved since `lockVersion` was read, bumping it. */
  private async saveIfCurrent(statement: Statement, lockVersion: number, changes: Partial<Statement>, transaction: Transaction): Promise<void> {
    if (!EDITABLE.includes(statement.status)) throw new StatementNotEditableError(`A ${statement.status} statement cannot be changed`)
    if (statement.lockVersion !== lockVersion) throw new StaleStatementError()
    const [updated] = await Statement.update({ ...changes, lockVersion: lockVersion + 1 } as never, { where: { id: statement.id, lockVersion }, transaction })
    if (updated !== 1) throw new StaleStatementError()
  }

  /**
   * Starts a new version: blank, or from the organisation's published statement for the partnership (its content, not its signature or dates, which the senior lead must give
   * again). One statement in the workflow at a time: a draft, a submitted or a returned one (which
   * is changed and submitted again, not replaced).
   */
  async start(actorUserId: number, organisationId: number, partnershipId: number, fromCurrent: boolean): Promise<Statement> {
    // Two colleagues starting at the same moment both count the same versions; the unique version stops the second.
    const starting = this.sequelize.transaction(async (transaction) => {
      const existing = await Statement.findAll({ where: { organisationId, partnershipId }, order: [['version', 'DESC']], transaction })
      const open = existing.find((statement) => statement.status === 'draft' || statement.status === 'submitted' || statement.status === 'returned')
      if (open) throw new InvalidInputError('from', startRefusals[open.status as keyof typeof startRefusals](open.version))
      const basis = fromCurrent ? existing.find((statement) => statement.status === 'approved') : undefined
      if (fromCurrent && !basis) throw new InvalidInputError('from', 'Your organisation has no published statement to start from: start a new one')
      const statement = await Statement.create(
        {
          organisationId,
          partnershipId,
          version: (existing[0]?.version ?? 0) + 1,
          status: 'draft',
          content: basis ? normaliseContent(basis.content) : emptyContent(),
          basedOnId: basis?.id ?? null,
          createdById: actorUserId,
        },
        { transaction },
      )
      await this.record(actorUserId, statement, 'statement.started', null, { version: statement.version, basedOnId: statement.basedOnId }, transaction)
      return statement
    })
    return starting.catch((error: unknown) => {
      if (error instanceof UniqueConstraintError) throw new InvalidInputError('from', 'A colleague started a statement for your organisation a moment ago: carry on with theirs')
      throw error
    })
  }

  /** Saves one section of a draft or returned statement. A change after signing needs the senior lead to sign again. */
  async saveSection<S extends ContentSection>(actorUserId: number, statementId: number, section: S, value: StatementContent[(typeof contentKey)[S]], lockVersion: number): Promise<{ signatureCleared: boolean }> {
    return this.sequelize.transaction(async (transaction) => {
      const statement = await this.locked(statementId, transaction)
      const content = normaliseContent(statement.content)
      const key = contentKey[section]
      const before = content[key]
      const signatureCleared = statement.signedAt !== null && JSON.stringify(before) !== JSON.stringify(value)
      await this.saveIfCurrent(statement, lockVersion, { content: { ...content, [key]: value }, ...(signatureCleared ? { signedAt: null } : {}) }, transaction)
      await this.record(actorUserId, statement, 'statement.section_saved', { section, [key]: before }, { section, [key]: value, signatureCleared }, transaction)
      return { signatureCleared }
    })
  }

  async sign(actorUserId: number, statementId: number, input: SignatureInput, lockVersion: number): Promise<void> {
    await this.sequelize.transaction(async (transaction) => {
      const statement = await this.locked(statementId, transaction)
      const before = { signedByName: statement.signedByName, signedByRole: statement.signedByRole, effectiveOn: statement.effectiveOn, reviewOn: statement.reviewOn }
      await this.saveIfCurrent(statement, lockVersion, { ...input, signedAt: this.now() }, transaction)
      await this.record(actorUserId, statement, 'statement.signed', before, input, transaction)
    })
  }

  /** Sends a complete statement to the partnership, whose admins and QA reviewers are emailed. */
  async submit(actorUserId: number, statementId: number, lockVersion: number): Promise<void> {
    await this.sequelize.transaction(async (transaction) => {
      const statement = await this.locked(statementId, transaction)
      const missing = incompleteSections(normaliseContent(statement.content), statement)
      if (missing.length) throw new InvalidInputError('sections', `Complete every section before submitting: ${missing.map((key) => sectionTitles[key].toLowerCase()).join(', ')}`)
      const at = this.now()
      await this.saveIfCurrent(statement, lockVersion, { status: 'submitted', submittedAt: at, submittedById: actorUserId }, transaction)
      await this.record(actorUserId, statement, 'statement.submitted', { status: statement.status }, { status: 'submitted', version: statement.version }, transaction)
      const [organisation, reviewers] = await queriesInTransaction(transaction, [() => Organisation.findByPk(statement.organisationId, { transaction }), () => this.reviewersOf(statement.partnershipId, transaction)])
      await queueEmails(
        reviewers.map((user) => ({
          to: user.email,
          subject: `Child Safeguarding Statement to review: ${organisation!.name}`,
          text: [`Hello ${user.name},`, `${organisation!.name} has submitted version ${statement.version} of its Child Safeguarding Statement for approval.`, `Review it: ${this.publicUrl}/statements/${statement.id}`].join('\n\n'),
        })),
        transaction,
      )
    })
  }

  /**
   * Publishes a submitted statement: it becomes the organisation's current one on the public
   * directory, and the one it replaces becomes history (superseded) in the same transaction.
   */
  async approve(actorUserId: number, statementId: number): Promise<void> {
    await this.sequelize.transaction(async (transaction) => {
      const statement = await this.locked(statementId, transaction)
      if (statement.status !== 'submitted') throw new InvalidInputError('decision', 'Only a submitted statement can be approved')
      const at = this.now()
      const previous = await Statement.findAll({ where: { organisationId: statement.organisationId, partnershipId: statement.partnershipId, status: 'approved', id: { [Op.ne]: statement.id } }, transaction, lock: transaction.LOCK.UPDATE })
      for (const old of previous) {
        await old.update({ status: 'superseded', supersededAt: at, lockVersion: old.lockVersion + 1 }, { transaction })
        await this.record(actorUserId, old, 'statement.superseded', { status: 'approved' }, { status: 'superseded', byVersion: statement.version }, transaction)
      }
      await statement.update({ status: 'approved', decidedAt: at, decidedById: actorUserId, publishedAt: at, returnReason: null, lockVersion: statement.lockVersion + 1 }, { transaction })
      await this.record(actorUserId, statement, 'statement.approved', { status: 'submitted' }, { status: 'approved', version: statement.version }, transaction)
      await this.tellLeads(statement, 'approved', transaction)
    })
  }

  /** Sends a submitted statement back with the reviewer's reasons; the organisation changes it and submits again. */
  async returnToOrganisation(actorUserId: number, statementId: number, reason: string): Promise<void> {
    await this.sequelize.transaction(async (transaction) => {
      const statement = await this.locked(statementId, transaction)
      if (statement.status !== 'submitted') throw new InvalidInputError('reason', 'Only a submitted statement can be returned')
      await statement.update({ status: 'returned', returnReason: reason, decidedAt: this.now(), decidedById: actorUserId, lockVersion: statement.lockVersion + 1 }, { transaction })
      await this.record(actorUserId, statement, 'statement.returned', { status: 'submitted' }, { status: 'returned', reason }, transaction)
      await this.tellLeads(statement, 'returned', transaction)
    })
  }

  private reviewersOf(partnershipId: number, transaction: Transaction): Promise<User[]> {
    return membersWithRoles({ partnershipId }, ['partnership_admin', 'qa_reviewer'], transaction)
  }

  /** The organisation's active leads, who hear about decisions and reviews falling due. */
  leadsOf(organisationId: number, transaction?: Transaction): Promise<User[]> {
    return membersWithRoles({ organisationId }, ['organisation_lead'], transaction)
  }

  private async tellLeads(statement: Statement, decision: 'approved' | 'returned', transaction: Transaction): Promise<void> {
    const [leads, partnership] = await queriesInTransaction(transaction, [() => this.leadsOf(statement.organisationId, transaction), () => Partnership.findByPk(statement.partnershipId, { transaction })])
    const link = `${this.publicUrl}/statements/${statement.id}`
    await queueEmails(
      leads.map((user) => ({
        to: user.email,
        subject: decision === 'approved' ? 'Your Child Safeguarding Statement is published' : 'Your Child Safeguarding Statement has been returned',
        text: [
          `Hello ${user.name},`,
          decision === 'approved'
            ? `${partnership!.name} has approved version ${statement.version} of your Child Safeguarding Statement. It is now on the public directory: ${this.publicUrl}${publicStatementPath(statement.partnershipId, statement.organisationId)}\n\nIts review date is ${statement.reviewOn ? formatDate(statement.reviewOn) : 'not set'}.`
            : `${partnership!.name} has returned version ${statement.version} of your Child Safeguarding Statement. Their reasons:\n\n${statement.returnReason}\n\nChange it and submit it again: ${link}`,
        ].join('\n\n'),
      })),
      transaction,
    )
  }
}
