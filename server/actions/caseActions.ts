import { Op, Transaction } from 'sequelize'
import { Action, ActionSource } from '../db/models'
import { InvalidInputError } from '../errors'
import { todayInEngland } from '../forms/dates'

/** A case audit workshop's action as the workshop form writes it. */
export interface CaseActionInput {
  title: string
  outcomeSought: string
  ownerOrganisationId: number | null
  ownerName: string
  dueOn: string
}

/** The plan's actions a case audit workshop created for a case, oldest first. */
export async function caseActions(caseId: number, transaction?: Transaction): Promise<Action[]> {
  const sources = await ActionSource.findAll({ where: { kind: 'audit_case', sourceId: caseId }, attributes: ['actionId'], transaction })
  return Action.findAll({ where: { id: sources.map((source) => source.actionId) }, order: [['id', 'ASC']], transaction })
}

/** Each case's workshop actions, by case id. */
export async function actionsOfCases(caseIds: number[]): Promise<Map<number, Action[]>> {
  const sources = await ActionSource.findAll({ where: { kind: 'audit_case', sourceId: { [Op.in]: caseIds } }, attributes: ['actionId', 'sourceId'] })
  const actions = await Action.findAll({ where: { id: sources.map((source) => source.actionId) }, order: [['id', 'ASC']] })
  const byId = new Map(actions.map((action) => [action.id, action]))
  const byCase = new Map<number, Action[]>(caseIds.map((id) => [id, []]))
  for (const source of sources) if (byId.has(source.actionId)) byCase.get(source.sourceId)!.push(byId.get(source.actionId)!)
  for (const list of byCase.values()) list.sort((a, b) => a.id - b.id)
  return byCase
}

/**
 * Writes a workshop's actions for a case into the partnership's plan: rows with the id of one of the
 * case's actions change it; rows without add a draft action, tagged with the case's themes; the
 * case's actions left out are removed while still drafts. One that has gone live in the plan is
 * the plan's to change or close, so changing or removing it here is refused.
 */
export async function writeCaseActions(
  actor: { userId: number; partnershipId: number; now: Date },
  caseId: number,
  rows: (CaseActionInput & { id: number | null })[],
  themeIds: number[],
  transaction: Transaction,
): Promise<void> {
  const saved = await caseActions(caseId, transaction)
  const kept = new Set<number>()
  for (const { id, ...fields } of rows) {
    const existing = id === null ? undefined : saved.find((row) => row.id === id && !kept.has(row.id))
    if (existing) {
      kept.add(existing.id)
      if (existing.status !== 'draft') {
        // A live action is the plan's: its owner changes with a handover note, its dates with an update.
        const changed = (Object.keys(fields) as (keyof CaseActionInput)[]).some((key) => fields[key] !== existing[key])
        if (changed) throw new InvalidInputError('actions', `“${existing.title}” is already live in the action plan: change it there rather than here`)
        continue
      }
      await existing.update({ ...fields, version: existing.version + 1 }, { transaction })
      continue
    }
    const created = await Action.create(
      { partnershipId: actor.partnershipId, ...fields, whyItMatters: null, deliverable: null, areaId: null, startsOn: todayInEngland(actor.now), status: 'draft', priority: 'medium', createdById: actor.userId },
      { transaction },
    )
    await ActionSource.create({ actionId: created.id, kind: 'audit_case', sourceId: caseId }, { transaction })
    await Action.sequelize!.models.action_themes.bulkCreate(themeIds.map((themeId) => ({ actionId: created.id, themeId })), { transaction })
  }
  const removed = saved.filter((row) => !kept.has(row.id))
  const live = removed.find((row) => row.status !== 'draft')
  if (live) throw new InvalidInputError('actions', `“${live.title}” is already live in the action plan: close it there rather than remove it here`)
  if (removed.length) await Action.destroy({ where: { id: removed.map((row) => row.id) }, transaction })
}
