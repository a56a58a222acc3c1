import { Op } from 'sequelize'
import { Action, ActionSource, ImprovementArea, Organisation } from '../../db/models'
import { selectRows } from '../../db/rawRows'
import { ActionStatus, actionStatusLabels, OPEN_STATUSES } from '../../db/models/action.model'
import type { ActionSourceKind } from '../../db/models/actionSource.model'
import type { CurrentUser } from '../../auth/currentUser'
import { can } from '../../auth/permissions'
import { formatDate, todayInEngland } from '../../forms/dates'

/** One of a source's actions as the source's page lists it: enough to see where it stands, and a link. */
export interface SourceAction {
  id: number
  title: string
  status: ActionStatus
  statusLabel: string
  ownerName: string
  ownerOrganisationName: string | null
  dueOn: string
  dueLabel: string
  overdue: boolean
}

/**
 * The plan's actions that answer each of these sources (of one kind), by source id, oldest first.
 * `today` marks open actions past their due date as overdue; `partnershipIds` keeps only those
 * partnerships' actions (a return goes to several partnerships, each with its own plan).
 */
export async function actionsForSources(kind: ActionSourceKind, sourceIds: number[], options: { today?: string; partnershipIds?: number[] } = {}): Promise<Map<number, SourceAction[]>> {
  const { today, partnershipIds } = options
  const bySource = new Map<number, SourceAction[]>(sourceIds.map((id) => [id, []]))
  if (!sourceIds.length) return bySource
  const links = await ActionSource.findAll({ where: { kind, sourceId: { [Op.in]: sourceIds } }, attributes: ['actionId', 'sourceId'] })
  if (!links.length) return bySource
  const actions = (await Action.findAll({
    where: { id: [...new Set(links.map((link) => link.actionId))], ...(partnershipIds ? { partnershipId: partnershipIds } : {}) },
    attributes: ['id', 'title', 'status', 'ownerName', 'dueOn'],
    include: [{ model: Organisation, as: 'ownerOrganisation', attributes: ['name'] }],
    order: [['id', 'ASC']],
  })) as (Action & { ownerOrganisation: Organisation | null })[]
  const byId = new Map(
    actions.map((action) => [
      action.id,
      {
        id: action.id,
        title: action.title,
        status: action.status,
        statusLabel: actionStatusLabels[action.status],
        ownerName: action.ownerName,
        ownerOrganisationName: action.ownerOrganisation?.name ?? null,
        dueOn: action.dueOn,
        dueLabel: formatDate(action.dueOn),
        overdue: today !== undefined && OPEN_STATUSES.includes(action.status) && action.dueOn < today,
      },
    ]),
  )
  for (const link of links) {
    const action = byId.get(link.actionId)
    if (action) bySource.get(link.sourceId)?.push(action)
  }
  for (const list of bySource.values()) list.sort((a, b) => a.id - b.id)
  return bySource
}

/** A source's actions as a page's partial takes them (views/actions/_source-actions.ejs). */
export interface SourceActionsPanel {
  actions: SourceAction[]
  /** Where "Create an action" goes, or null when the viewer may not create actions. */
  createHref: string | null
}

/** The link that opens the new action form filled in from a source. */
export function createFromSourceHref(kind: ActionSourceKind, sourceId: number): string {
  return `/actions/new?source=${kind}:${sourceId}`
}

/**
 * The panels for several sources of one kind, by source id: what a source's page (a return's QA
 * review, a case's workshop, the organisation's return) passes to views/actions/_source-actions.ejs.
 * The viewer sees the actions of their own partnerships, and "Create an action" when they may
 * create actions in one of the partnerships the source belongs to.
 */
export async function sourcePanels(viewer: CurrentUser | undefined, kind: ActionSourceKind, sourceIds: number[], sourcePartnershipIds: number[], now: Date): Promise<Map<number, SourceActionsPanel>> {
  const actions = await actionsForSources(kind, sourceIds, { today: todayInEngland(now), partnershipIds: viewer?.partnershipIds ?? [] })
  const canCreate = sourcePartnershipIds.some((partnershipId) => can(viewer, 'actions:create', { partnershipId }))
  return new Map(sourceIds.map((id) => [id, { actions: actions.get(id) ?? [], createHref: canCreate ? createFromSourceHref(kind, id) : null }]))
}

const RETURN_SOURCES = `
SELECT 'improvement_area' AS kind, id FROM improvement_areas WHERE return_id = :returnId
UNION ALL
SELECT 'accepted_action' AS kind, id FROM accepted_actions WHERE return_id = :returnId`

/**
 * The plan's actions from a return's areas for improvement and accepted suggested actions, as one
 * list for the return's page (no "Create an action": they arrive by themselves on submission).
 */
export async function returnPlanPanel(viewer: CurrentUser | undefined, returnId: number, now: Date): Promise<SourceActionsPanel> {
  // One plain query for both kinds of source: the task list, which shows this panel, is opened after every save.
  const sources = await selectRows<{ kind: ActionSourceKind; id: number }>(ImprovementArea.sequelize!, RETURN_SOURCES, { returnId })
  const idsOf = (kind: ActionSourceKind) => sources.filter((source) => source.kind === kind).map((source) => source.id)
  const options = { today: todayInEngland(now), partnershipIds: viewer?.partnershipIds ?? [] }
  const lists = await Promise.all([actionsForSources('improvement_area', idsOf('improvement_area'), options), actionsForSources('accepted_action', idsOf('accepted_action'), options)])
  const byId = new Map(lists.flatMap((list) => [...list.values()].flat()).map((action) => [action.id, action]))
  return { actions: [...byId.values()].sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.id - b.id), createHref: null }
}
