import { Op, Sequelize, Transaction } from 'sequelize'
import type { AuditEventService } from '../../auditEvents/service'
import { Action, ActionEscalation, Membership, User } from '../../db/models'
import { actionStatusLabels, OPEN_STATUSES } from '../../db/models/action.model'
import type { EscalationReason } from '../../db/models/actionEscalation.model'
import { InvalidInputError, NotFoundError } from '../../errors'
import { daysBetween, formatDate, formatDateTime, todayInEngland } from '../../forms/dates'
import { queueEmails } from '../../mail/outbox'

/** How far past its due date an open action must be before it can go to the executive. */
export const OVERDUE_DAYS = 30

export const escalationReasonLabels: Record<EscalationReason, string> = { off_track: 'Off track', overdue: `Overdue by ${OVERDUE_DAYS} days or more` }

export type Escalability = { ok: true; reason: EscalationReason } | { ok: false; why: string }

/**
 * Whether the action can be escalated today, and on what grounds: Active: Off track, or still open
 * 30 days or more after its due date. One escalation at a time: while the executive has not
 * responded to the last, another would only repeat it.
 */
export function escalability(action: Pick<Action, 'status' | 'dueOn'>, today: string, awaiting: Pick<ActionEscalation, 'escalatedAt'> | null): Escalability {
  if (!OPEN_STATUSES.includes(action.status)) return { ok: false, why: `This action is ${actionStatusLabels[action.status].toLowerCase()}, so it cannot be escalated` }
  if (awaiting) return { ok: false, why: `This action was escalated on ${formatDateTime(awaiting.escalatedAt)} and the executive has not responded yet` }
  if (action.status === 'off_track') return { ok: true, reason: 'off_track' }
  const overdue = daysBetween(action.dueOn, today)
  if (overdue >= OVERDUE_DAYS) return { ok: true, reason: 'overdue' }
  const lateness = overdue > 0 ? `${overdue} day${overdue === 1 ? '' : 's'} overdue` : `due on ${formatDate(action.dueOn)}`
  return { ok: false, why: `An action can be escalated to the executive when it is Active: Off track, or ${OVERDUE_DAYS} days or more past its due date. This one is ${actionStatusLabels[action.status]} and ${lateness}.` }
}

/** The escalation still waiting for the executive's response, if any. */
export function awaitingResponse(actionId: number, transaction?: Transaction): Promise<ActionEscalation | null> {
  return ActionEscalation.findOne({ where: { actionId, respondedAt: null }, order: [['escalatedAt', 'DESC']], transaction })
}

/** An action escalated to the executive, and the executive's response recorded by the business unit. */
export class ActionEscalationService {
  constructor(
    private readonly sequelize: Sequelize,
    private readonly audit: AuditEventService,
    private readonly publicUrl: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Whether the action can be escalated now (for the page, before the form is sent). */
  async check(action: Action): Promise<Escalability> {
    return escalability(action, todayInEngland(this.now()), await awaitingResponse(action.id))
  }

  /** Escalates the action with the note; the partnership's admins are emailed in the same transaction. */
  async escalate(actorUserId: number, actionId: number, note: string): Promise<ActionEscalation> {
    return this.sequelize.transaction(async (transaction) => {
      const action = await Action.findByPk(actionId, { transaction, lock: transaction.LOCK.UPDATE })
      if (!action) throw new NotFoundError('Action not found')
      const allowed = escalability(action, todayInEngland(this.now()), await awaitingResponse(actionId, transaction))
      if (!allowed.ok) throw new InvalidInputError('note', allowed.why)
      const escalation = await ActionEscalation.create({ actionId, reason: allowed.reason, note, escalatedById: actorUserId, escalatedAt: this.now() }, { transaction })
      await this.audit.record(
        { actorUserId, partnershipId: action.partnershipId, action: 'action.escalated', entityType: 'action', entityId: action.id, after: { escalationId: escalation.id, reason: allowed.reason, note, status: action.status, dueOn: action.dueOn } },
        transaction,
      )
      await this.tellAdmins(actorUserId, action, escalation, transaction)
      return escalation
    })
  }

  private async tellAdmins(actorUserId: number, action: Action, escalation: ActionEscalation, transaction: Transaction): Promise<void> {
    const memberships = await Membership.findAll({ where: { partnershipId: action.partnershipId, role: 'partnership_admin' }, attributes: ['userId'], transaction })
    const admins = await User.findAll({ where: { id: { [Op.in]: memberships.map((membership) => membership.userId) }, active: true }, order: [['id', 'ASC']], transaction })
    const escalatedBy = await User.findByPk(actorUserId, { attributes: ['name'], transaction })
    await queueEmails(
      admins.map((admin) => ({
        to: admin.email,
        subject: `Action escalated to the executive: ${action.title}`,
        text: [
          `Hello ${admin.name},`,
          `${escalatedBy?.name ?? 'Someone'} has escalated the action “${action.title}” to the executive (${escalationReasonLabels[escalation.reason].toLowerCase()}; it was due on ${formatDate(action.dueOn)}).`,
          `Their note:\n${escalation.note}`,
          `When the executive has responded, record the response on the action: ${this.publicUrl}/actions/${action.id}#escalations`,
        ].join('\n\n'),
      })),
      transaction,
    )
  }

  /** Records the executive's response to an escalation, once; whoever escalated it is told. */
  async respond(actorUserId: number, actionId: number, escalationId: number, response: string): Promise<ActionEscalation> {
    return this.sequelize.transaction(async (transaction) => {
      const action = await Action.findByPk(actionId, { transaction, lock: transaction.LOCK.UPDATE })
      if (!action) throw new NotFoundError('Action not found')
      const escalation = await this.find(actionId, escalationId, transaction)
      if (escalation.respondedAt) throw new InvalidInputError('response', `The executive’s response was already recorded on ${formatDateTime(escalation.respondedAt)}`)
      await escalation.update({ response, respondedById: actorUserId, respondedAt: this.now() }, { transaction })
      await this.audit.record(
        { actorUserId, partnershipId: action.partnershipId, action: 'action.escalation_responded', entityType: 'action', entityId: action.id, before: { escalationId, response: null }, after: { escalationId, response } },
        transaction,
      )
      const escalatedBy = escalation.escalatedById ? await User.findOne({ where: { id: escalation.escalatedById, active: true }, transaction }) : null
      if (escalatedBy) {
        await queueEmails(
          [{ to: escalatedBy.email, subject: `The executive has responded: ${action.title}`, text: `Hello ${escalatedBy.name},\n\nThe executive’s response to your escalation of “${action.title}”:\n\n${response}\n\nSee the action: ${this.publicUrl}/actions/${action.id}#escalations` }],
          transaction,
        )
      }
      return escalation
    })
  }

  /** The escalation, only if it belongs to the action. */
  async find(actionId: number, escalationId: number, transaction?: Transaction): Promise<ActionEscalation> {
    const escalation = await ActionEscalation.findOne({ where: { id: escalationId, actionId }, transaction })
    if (!escalation) throw new NotFoundError(`Escalation ${escalationId} is not one of action ${actionId}’s`)
    return escalation
  }
}
