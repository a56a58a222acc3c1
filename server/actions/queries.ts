import { Transaction } from 'sequelize'
import type { CurrentUser } from '../auth/currentUser'
import { Action, ActionSource, ActionUpdate, Area, Organisation, Partnership, Theme, User } from '../db/models'
import { OPEN_STATUSES } from '../db/models/action.model'
import { describeSources, SourceLink } from './sources/sourceLinks'
import { Comparable, mostSimilar, Similarity } from './similarity'

export interface Choice {
  id: number
  name: string
}

/** What an action's forms offer: the partnership's active organisations, its areas and its themes. */
export interface ActionChoices {
  organisations: Choice[]
  areas: Choice[]
  themes: Choice[]
}

/** The partnership's active organisations, by name; `id` narrows to one (is it the partnership's?). */
export function partnershipOrganisations(partnershipId: number, options: { id?: number; transaction?: Transaction } = {}) {
  return Organisation.findAll({
    attributes: ['id', 'name'],
    where: { active: true, ...(options.id === undefined ? {} : { id: options.id }) },
    include: [{ model: Partnership, as: 'partnerships', attributes: [], where: { id: partnershipId }, through: { attributes: [] } }],
    order: [['name', 'ASC']],
    transaction: options.transaction,
  })
}

export async function actionChoices(partnershipId: number): Promise<ActionChoices> {
  const [organisations, areas, themes] = await Promise.all([
    partnershipOrganisations(partnershipId),
    Area.findAll({ attributes: ['id', 'name'], where: { partnershipId }, order: [['name', 'ASC']] }),
    Theme.findAll({ attributes: ['id', 'name'], where: { partnershipId }, order: [['name', 'ASC']] }),
  ])
  const plain = (rows: { id: number; name: string }[]) => rows.map(({ id, name }) => ({ id, name }))
  return { organisations: plain(organisations), areas: plain(areas), themes: plain(themes) }
}

/** The ids of an action's themes. */
export async function actionThemeIds(actionId: number, transaction?: Transaction): Promise<number[]> {
  const rows = await Action.sequelize!.models.action_themes.findAll({ where: { actionId }, attributes: ['themeId'], transaction })
  return rows.map((row) => row.get('themeId') as number).sort((a, b) => a - b)
}

/** One update on an action's timeline, with names instead of ids. */
export interface UpdateView {
  id: number
  note: string
  statusBefore: Action['status'] | null
  statusAfter: Action['status'] | null
  previousOwner: string | null
  newOwner: string | null
  handoverNote: string | null
  writtenBy: string
  createdAt: Date
}

export interface ActionView {
  action: Action
  ownerOrganisation: string | null
  area: string | null
  themes: Choice[]
  sources: SourceLink[]
  /** Newest first. */
  updates: UpdateView[]
  signedOffBy: string | null
  createdBy: string | null
}

const ownerLabel = (organisation: string | null | undefined, name: string | null) => [name, organisation].filter(Boolean).join(', ') || null

/** Everything the action page shows of the action itself (the measures, evidence and escalation panels are server/actions/panels.ts's). */
export async function actionView(action: Action, viewer?: CurrentUser): Promise<ActionView> {
  const [owner, area, themes, sources, updates] = await Promise.all([
    action.ownerOrganisationId ? Organisation.findByPk(action.ownerOrganisationId, { attributes: ['name'] }) : null,
    action.areaId ? Area.findByPk(action.areaId, { attributes: ['name'] }) : null,
    Theme.findAll({ attributes: ['id', 'name'], include: [{ model: Action, as: 'actions', attributes: [], where: { id: action.id }, through: { attributes: [] } }], order: [['name', 'ASC']] }),
    ActionSource.findAll({ where: { actionId: action.id }, order: [['id', 'ASC']] }),
    ActionUpdate.findAll({ where: { actionId: action.id }, include: [{ model: User, as: 'writtenBy', attributes: ['name'] }], order: [['createdAt', 'DESC'], ['id', 'DESC']] }),
  ])
  const organisationIds = [...new Set(updates.flatMap((update) => [update.previousOwnerOrganisationId, update.newOwnerOrganisationId]).filter((id): id is number => id !== null))]
  const organisationNames = new Map((await Organisation.findAll({ attributes: ['id', 'name'], where: { id: organisationIds } })).map((row) => [row.id, row.name]))
  const userIds = [action.signedOffById, action.createdById].filter((id): id is number => id !== null)
  const userNames = new Map((await User.findAll({ attributes: ['id', 'name'], where: { id: userIds } })).map((row) => [row.id, row.name]))
  const orgName = (id: number | null) => (id === null ? null : (organisationNames.get(id) ?? null))
  return {
    action,
    ownerOrganisation: owner?.name ?? null,
    area: area?.name ?? null,
    themes: themes.map(({ id, name }) => ({ id, name })),
    sources: await describeSources(sources.map(({ kind, sourceId }) => ({ kind, sourceId })), action.partnershipId, viewer),
    updates: updates.map((update) => {
      const ownerChanged = update.newOwnerName !== null || update.newOwnerOrganisationId !== null
      return {
        id: update.id,
        note: update.note,
        statusBefore: update.statusBefore,
        statusAfter: update.statusAfter,
        previousOwner: ownerChanged ? ownerLabel(orgName(update.previousOwnerOrganisationId), update.previousOwnerName) : null,
        newOwner: ownerChanged ? ownerLabel(orgName(update.newOwnerOrganisationId), update.newOwnerName) : null,
        handoverNote: update.handoverNote,
        writtenBy: (update.get('writtenBy') as User | null)?.name ?? 'A former user',
        createdAt: update.createdAt,
      }
    }),
    signedOffBy: action.signedOffById ? (userNames.get(action.signedOffById) ?? null) : null,
    createdBy: action.createdById ? (userNames.get(action.createdById) ?? null) : null,
  }
}

/** An open action offered as a possible duplicate, with why. */
export interface SimilarAction {
  id: number
  title: string
  status: Action['status']
  owner: string
  dueOn: string
  similarity: Similarity
  sharedThemes: string[]
}

/** The partnership's open actions most like the one about to be created (see similarity.ts). */
export async function similarOpenActions(partnershipId: number, draft: Comparable, limit = 5): Promise<SimilarAction[]> {
  const open = await Action.findAll({
    attributes: ['id', 'title', 'outcomeSought', 'status', 'ownerName', 'ownerOrganisationId', 'dueOn'],
    where: { partnershipId, status: OPEN_STATUSES as Action['status'][] },
    include: [{ model: Theme, as: 'themes', attributes: ['id', 'name'], through: { attributes: [] } }],
  })
  const candidates = open.map((action) => {
    const themes = (action.get('themes') as Theme[]) ?? []
    return { action, title: action.title, outcomeSought: action.outcomeSought, themeIds: themes.map((theme) => theme.id), themes }
  })
  const best = mostSimilar(draft, candidates, limit)
  const owners = new Map((await Organisation.findAll({ attributes: ['id', 'name'], where: { id: best.map((match) => match.action.ownerOrganisationId).filter((id): id is number => id !== null) } })).map((row) => [row.id, row.name]))
  return best.map(({ action, themes, similarity }) => ({
    id: action.id,
    title: action.title,
    status: action.status,
    owner: ownerLabel(action.ownerOrganisationId ? owners.get(action.ownerOrganisationId) : null, action.ownerName) ?? 'No owner yet',
    dueOn: action.dueOn,
    similarity,
    sharedThemes: themes.filter((theme) => similarity.sharedThemeIds.includes(theme.id)).map((theme) => theme.name),
  }))
}
