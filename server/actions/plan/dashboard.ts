import { Op } from 'sequelize'
import { Action, ActionEscalation } from '../../db/models'
import { ActionStatus, OPEN_STATUSES } from '../../db/models/action.model'
import { daysBetween } from '../../forms/dates'

export interface OwnAction {
  id: number
  title: string
  status: ActionStatus
  dueOn: string
  daysOverdue: number
}

/** An organisation user's dashboard: the open actions their organisations own, soonest due first. */
export async function organisationOpenActions(organisationIds: number[], today: string): Promise<OwnAction[]> {
  if (!organisationIds.length) return []
  const actions = await Action.findAll({
    attributes: ['id', 'title', 'status', 'dueOn'],
    where: { ownerOrganisationId: organisationIds, status: [...OPEN_STATUSES] },
    order: [['dueOn', 'ASC'], ['id', 'ASC']],
  })
  return actions.map((action) => ({ id: action.id, title: action.title, status: action.status, dueOn: action.dueOn, daysOverdue: action.dueOn < today ? daysBetween(action.dueOn, today) : 0 }))
}

export interface PlanSummary {
  open: number
  overdue: number
  awaitingResponse: number
}

/** A partnership user's dashboard: how many actions are open, overdue, and escalated awaiting the executive's response. */
export async function planSummary(partnershipId: number, today: string): Promise<PlanSummary> {
  const open = { partnershipId, status: [...OPEN_STATUSES] }
  const [openCount, overdue, awaitingResponse] = await Promise.all([
    Action.count({ where: open }),
    Action.count({ where: { ...open, dueOn: { [Op.lt]: today } } }),
    Action.count({ where: { partnershipId }, distinct: true, col: 'id', include: [{ model: ActionEscalation, as: 'escalations', attributes: [], where: { respondedAt: null }, required: true }] }),
  ])
  return { open: openCount, overdue, awaitingResponse }
}
