import { actionSourceKindLabels, type ActionSourceKind } from '../../db/models/actionSource.model'
import { col, fn, Op, QueryTypes, WhereOptions, where as whereOf } from 'sequelize'
import { Action, ActionEscalation, ActionSource, Area, Organisation, Theme } from '../../db/models'
import { actionPriorityLabels, actionStatusLabels, ActionPriority, ActionStatus, OPEN_STATUSES } from '../../db/models/action.model'
import { daysBetween, formatDate } from '../../forms/dates'
import { PlanFilters, PlanSort, STALE_DAYS, statusFilterLabel } from './filters'

/** One action as the plan lists it. */
export interface PlanRow {
  id: number
  title: string
  outcomeSought: string
  ownerName: string
  ownerOrganisationId: number | null
  ownerOrganisationName: string | null
  areaName: string | null
  dueOn: string
  status: ActionStatus
  priority: ActionPriority
  /** The latest progress update, or when the action was created if it has none. */
  lastActivityAt: Date
  updated: boolean
  /** Days past its due date when still open, else 0. */
  daysOverdue: number
}

/** A listed action with what only the rows shown need: its sources, themes, latest update and escalations. */
export interface PlanRowDetail extends PlanRow {
  sourceKinds: ActionSourceKind[]
  themes: string[]
  latestUpdate: { note: string; at: Date } | null
  escalations: { note: string; escalatedAt: Date; response: string | null; respondedAt: Date | null }[]
  awaitingResponse: boolean
}

const DAY = 86_400_000
const isOpen = (status: ActionStatus) => OPEN_STATUSES.includes(status)

/** Actions of the partnership matching the filters, as one SQL condition (so a plan of thousands is never filtered in memory). */
export function planWhere(partnershipId: number, filters: PlanFilters, today: string, now: Date): WhereOptions<Action> {
  const escape = (value: string | number) => Action.sequelize!.escape(value)
  const conditions: WhereOptions<Action>[] = [{ partnershipId }]
  if (filters.status) conditions.push({ status: filters.status === 'open' ? [...OPEN_STATUSES] : filters.status })
  if (filters.organisationId) conditions.push({ ownerOrganisationId: filters.organisationId })
  if (filters.areaId) conditions.push({ areaId: filters.areaId })
  if (filters.priority) conditions.push({ priority: filters.priority })
  if (filters.dueFrom) conditions.push({ dueOn: { [Op.gte]: filters.dueFrom } })
  if (filters.dueTo) conditions.push({ dueOn: { [Op.lte]: filters.dueTo } })
  if (filters.overdue) conditions.push({ status: [...OPEN_STATUSES], dueOn: { [Op.lt]: today } })
  if (filters.stale) {
    conditions.push({ status: [...OPEN_STATUSES] })
    conditions.push(whereOf(fn('COALESCE', col('Action.last_update_at'), col('Action.created_at')), Op.lte, new Date(now.getTime() - STALE_DAYS * DAY)) as WhereOptions<Action>)
  }
  if (filters.source) conditions.push({ id: { [Op.in]: Action.sequelize!.literal(`(SELECT action_id FROM action_sources WHERE kind = ${escape(filters.source)})`) } })
  if (filters.themeId) conditions.push({ id: { [Op.in]: Action.sequelize!.literal(`(SELECT action_id FROM action_themes WHERE theme_id = ${escape(filters.themeId)})`) } })
  if (filters.awaitingResponse) conditions.push({ id: { [Op.in]: Action.sequelize!.literal('(SELECT action_id FROM action_escalations WHERE responded_at IS NULL)') } })
  return { [Op.and]: conditions }
}

const ORDER: Record<PlanSort | 'stale', [unknown, string][]> = {
  due: [['dueOn', 'ASC'], ['id', 'ASC']],
  'due-desc': [['dueOn', 'DESC'], ['id', 'ASC']],
  stale: [[fn('COALESCE', col('Action.last_update_at'), col('Action.created_at')), 'ASC'], ['id', 'ASC']],
}

/** The plan's matching actions, sorted, in one query; details for the rows shown come from planDetails. */
export async function planRows(partnershipId: number, filters: PlanFilters, sort: PlanSort | 'stale', today: string, now: Date): Promise<PlanRow[]> {
  const actions = (await Action.findAll({
    attributes: ['id', 'title', 'outcomeSought', 'ownerName', 'ownerOrganisationId', 'dueOn', 'status', 'priority', 'lastUpdateAt', 'createdAt'],
    where: planWhere(partnershipId, filters, today, now),
    include: [
      { model: Organisation, as: 'ownerOrganisation', attributes: ['name'] },
      { model: Area, as: 'area', attributes: ['name'] },
    ],
    order: ORDER[sort] as never,
  })) as (Action & { ownerOrganisation: Organisation | null; area: Area | null })[]
  return actions.map((action) => ({
    id: action.id,
    title: action.title,
    outcomeSought: action.outcomeSought,
    ownerName: action.ownerName,
    ownerOrganisationId: action.ownerOrganisationId,
    ownerOrganisationName: action.ownerOrganisation?.name ?? null,
    areaName: action.area?.name ?? null,
    dueOn: action.dueOn,
    status: action.status,
    priority: action.priority,
    lastActivityAt: action.lastUpdateAt ?? action.createdAt,
    updated: action.lastUpdateAt !== null,
    daysOverdue: isOpen(action.status) && action.dueOn < today ? daysBetween(action.dueOn, today) : 0,
  }))
}

/** Sources, themes, latest update and escalations of the given rows: four queries, whatever the number of rows. */
export async function planDetails(rows: PlanRow[]): Promise<PlanRowDetail[]> {
  const ids = rows.map((row) => row.id)
  if (!ids.length) return []
  const sequelize = Action.sequelize!
  const [sources, themes, updates, escalations] = await Promise.all([
    ActionSource.findAll({ where: { actionId: ids }, attributes: ['actionId', 'kind'], order: [['id', 'ASC']] }),
    sequelize.query<{ action_id: number; name: string }>('SELECT tag.action_id, t.name FROM action_themes tag JOIN themes t ON t.id = tag.theme_id WHERE tag.action_id IN (:ids) ORDER BY t.name', { replacements: { ids }, type: QueryTypes.SELECT }),
    // The latest update of each action: none later, and of two at the same moment the later row.
    sequelize.query<{ action_id: number; note: string; created_at: string | Date }>(
      `SELECT u.action_id, u.note, u.created_at FROM action_updates u WHERE u.action_id IN (:ids)
         AND NOT EXISTS (SELECT 1 FROM action_updates v WHERE v.action_id = u.action_id AND (v.created_at > u.created_at OR (v.created_at = u.created_at AND v.id > u.id)))`,
      { replacements: { ids }, type: QueryTypes.SELECT },
    ),
    ActionEscalation.findAll({ where: { actionId: ids }, order: [['escalatedAt', 'ASC'], ['id', 'ASC']] }),
  ])
  const group = <T extends { id: number }>(pairs: [number, T][]) => {
    const map = new Map<number, T[]>()
    for (const [id, value] of pairs) map.set(id, [...(map.get(id) ?? []), value])
    return map
  }
  const kindsOf = group(sources.map((source) => [source.actionId, { id: source.id, kind: source.kind }]))
  const themesOf = group(themes.map((theme, index) => [theme.action_id, { id: index, name: theme.name }]))
  const latest = new Map(updates.map((update) => [update.action_id, { note: update.note, at: new Date(update.created_at) }]))
  const escalationsOf = group(escalations.map((escalation) => [escalation.actionId, escalation]))
  return rows.map((row) => {
    const mine = escalationsOf.get(row.id) ?? []
    return {
      ...row,
      sourceKinds: [...new Set((kindsOf.get(row.id) ?? []).map((source) => source.kind))],
      themes: (themesOf.get(row.id) ?? []).map((theme) => theme.name),
      latestUpdate: latest.get(row.id) ?? null,
      escalations: mine.map((escalation) => ({ note: escalation.note, escalatedAt: escalation.escalatedAt, response: escalation.response, respondedAt: escalation.respondedAt })),
      awaitingResponse: mine.some((escalation) => escalation.respondedAt === null),
    }
  })
}

export type StatusCounts = Record<ActionStatus, number> & { open: number; overdue: number }

/** How many of the matching actions are in each status (the status filter itself left out, so every count can be chosen). */
export async function statusCounts(partnershipId: number, filters: PlanFilters, today: string, now: Date): Promise<StatusCounts> {
  const where = planWhere(partnershipId, { ...filters, status: undefined }, today, now)
  const [byStatus, overdue] = await Promise.all([
    Action.findAll({ attributes: ['status', [fn('COUNT', col('Action.id')), 'count']], where, group: ['status'], raw: true }) as unknown as Promise<{ status: ActionStatus; count: number | string }[]>,
    Action.count({ where: { [Op.and]: [where, { status: [...OPEN_STATUSES], dueOn: { [Op.lt]: today } }] } }),
  ])
  const counts = { draft: 0, on_track: 0, at_risk: 0, off_track: 0, completed: 0, closed: 0, open: 0, overdue } as StatusCounts
  for (const { status, count } of byStatus) counts[status] = Number(count)
  counts.open = OPEN_STATUSES.reduce((sum, status) => sum + counts[status], 0)
  return counts
}

export interface PlanOptions {
  themes: { id: number; name: string }[]
  organisations: { id: number; name: string }[]
  areas: { id: number; name: string }[]
}

/** The filter form's choices: the partnership's themes and areas, and the organisations that own any of its actions. */
export async function planOptions(partnershipId: number): Promise<PlanOptions> {
  const [themes, owners, areas] = await Promise.all([
    Theme.findAll({ where: { partnershipId }, attributes: ['id', 'name'], order: [['name', 'ASC']] }),
    Organisation.findAll({
      attributes: ['id', 'name'],
      where: { id: { [Op.in]: Action.sequelize!.literal(`(SELECT owner_organisation_id FROM actions WHERE partnership_id = ${Action.sequelize!.escape(partnershipId)} AND owner_organisation_id IS NOT NULL)`) } },
      order: [['name', 'ASC']],
    }),
    Area.findAll({ where: { partnershipId }, attributes: ['id', 'name'], order: [['name', 'ASC']] }),
  ])
  const plain = (items: { id: number; name: string }[]) => items.map(({ id, name }) => ({ id, name }))
  return { themes: plain(themes), organisations: plain(owners), areas: plain(areas) }
}

/** The filters applied, in words, for the PDF and the page's caption. */
export function filtersInWords(filters: PlanFilters, options: PlanOptions): string[] {
  const name = (items: { id: number; name: string }[], id: number | undefined) => items.find((item) => item.id === id)?.name ?? `unknown (${id})`
  return [
    filters.source && `Source: ${actionSourceKindLabels[filters.source]}`,
    filters.themeId && `Theme: ${name(options.themes, filters.themeId)}`,
    filters.organisationId && `Owner: ${name(options.organisations, filters.organisationId)}`,
    filters.status && `Status: ${statusFilterLabel(filters.status, actionStatusLabels)}`,
    filters.areaId && `Area: ${name(options.areas, filters.areaId)}`,
    filters.priority && `Priority: ${actionPriorityLabels[filters.priority]}`,
    filters.dueFrom && `Due from ${formatDate(filters.dueFrom)}`,
    filters.dueTo && `Due by ${formatDate(filters.dueTo)}`,
    filters.overdue && 'Overdue only',
    filters.stale && `No update in ${STALE_DAYS} days`,
    filters.awaitingResponse && 'Escalated, awaiting the executive’s response',
  ].filter((text): text is string => Boolean(text))
}
