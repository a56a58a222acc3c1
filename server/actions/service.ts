import { Sequelize, Transaction, UniqueConstraintError } from 'sequelize'
import type { AuditEventService } from '../auditEvents/service'
import { Action, ActionEvidence, ActionSource, ActionUpdate, Area, Organisation, Theme, User } from '../db/models'
import { OPEN_STATUSES } from '../db/models/action.model'
import type { ActionSourceKind } from '../db/models/actionSource.model'
import { InvalidInputError, NotFoundError } from '../errors'
import { queueEmails } from '../mail/outbox'
import { newOwnerEmails, signOffRequestEmails } from './emails'
import { actionThemeIds, partnershipOrganisations } from './queries'
import type { EditActionInput, NewActionInput, UpdateInput } from './schema'
import { UpdateProblem, updateProblems } from './updateRules'

/** Someone else changed the action after this form was made from it: nothing was written; theirs is here. */
export class ActionConflictError extends Error {
  constructor(
    readonly current: Action,
    readonly currentThemeIds: number[],
  ) {
    super('The action was changed by someone else')
  }
}

/** An update breaks the plan's rules: every problem, for the form to list. */
export class ActionRulesError extends Error {
  constructor(readonly problems: UpdateProblem[]) {
    super(problems.map((problem) => problem.text).join('; '))
  }
}

/** Who is writing an update and what their role lets them do. */
export interface UpdateWriter {
  userId: number
  canSignOff: boolean
  canReopen: boolean
}

type Source = { kind: ActionSourceKind; sourceId: number }

/** An action as the audit trail keeps it. */
async function snapshot(action: Action, transaction: Transaction) {
  const { title, outcomeSought, whyItMatters, deliverable, ownerOrganisationId, ownerName, areaId, startsOn, dueOn, status, priority, closedReason, signedOffById, version } = action
  return { title, outcomeSought, whyItMatters, deliverable, ownerOrganisationId, ownerName, areaId, startsOn, dueOn, status, priority, closedReason, signedOffById, version, themeIds: await actionThemeIds(action.id, transaction) }
}

const FINISHED = ['completed', 'closed']

/** An action's life in the plan: created (from a source or not), defined, activated, updated, handed over, completed with sign-off, closed. */
export class ActionService {
  constructor(
    private readonly sequelize: Sequelize,
    private readonly audit: AuditEventService,
    private readonly publicUrl: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** A new draft action in the partnership's plan, linked to the source it answers when there is one. */
  async create(actorUserId: number, partnershipId: number, input: NewActionInput, source: Source | null): Promise<Action> {
    return this.withThemeRace(input.newTheme, () =>
      this.sequelize.transaction(async (transaction) => {
        await this.checkOwner(partnershipId, input.ownerOrganisationId, transaction)
        await this.checkArea(partnershipId, input.areaId, transaction)
        const themeIds = await this.themeIds(actorUserId, partnershipId, input, transaction)
        const { title, outcomeSought, whyItMatters, deliverable, ownerOrganisationId, ownerName, areaId, startsOn, dueOn, priority } = input
        const action = await Action.create(
          { partnershipId, title, outcomeSought, whyItMatters: whyItMatters || null, deliverable: deliverable || null, ownerOrganisationId, ownerName, areaId, startsOn, dueOn, priority, status: 'draft', createdById: actorUserId },
          { transaction },
        )
        await this.setThemes(action.id, themeIds, transaction)
        if (source) await ActionSource.create({ actionId: action.id, ...source }, { transaction })
        await this.audit.record(
          { actorUserId, partnershipId, action: 'action.created', entityType: 'action', entityId: action.id, after: { ...(await snapshot(action, transaction)), source } },
          transaction,
        )
        return action
      }),
    )
  }

  /** Links a source to an existing open action instead of creating a duplicate; linking it twice changes nothing. */
  async linkSource(actorUserId: number, actionId: number, source: Source): Promise<void> {
    await this.sequelize.transaction(async (transaction) => {
      const action = await Action.findByPk(actionId, { transaction, lock: transaction.LOCK.UPDATE })
      if (!action) throw new NotFoundError('Action not found')
      if (!OPEN_STATUSES.includes(action.status)) throw new InvalidInputError('action', 'This action is completed or closed: create a new action instead')
      if (await ActionSource.findOne({ where: { actionId, kind: source.kind, sourceId: source.sourceId }, transaction })) return
      await ActionSource.create({ actionId, ...source }, { transaction })
      await this.audit.record({ actorUserId, partnershipId: action.partnershipId, action: 'action.source_linked', entityType: 'action', entityId: actionId, after: { source } }, transaction)
    })
  }

  /** Changes what the action says it will do, if nobody has changed it since the copy the form was made from. */
  async edit(actorUserId: number, actionId: number, input: EditActionInput): Promise<Action> {
    return this.withThemeRace(input.newTheme, () =>
      this.sequelize.transaction(async (transaction) => {
        const action = await this.lockedAt(actionId, input.version, transaction)
        if (FINISHED.includes(action.status)) throw new InvalidInputError('title', 'This action is completed or closed: reopen it with an update before changing its details')
        if (action.status !== 'draft' && !input.deliverable) throw new InvalidInputError('deliverable', 'Enter the deliverable: an active action must have one')
        await this.checkArea(action.partnershipId, input.areaId, transaction)
        const themeIds = await this.themeIds(actorUserId, action.partnershipId, input, transaction)
        const before = await snapshot(action, transaction)
        const { title, outcomeSought, whyItMatters, deliverable, areaId, startsOn, dueOn, priority } = input
        await action.update({ title, outcomeSought, whyItMatters: whyItMatters || null, deliverable: deliverable || null, areaId, startsOn, dueOn, priority, version: action.version + 1 }, { transaction })
        await this.setThemes(action.id, themeIds, transaction)
        await this.audit.record({ actorUserId, partnershipId: action.partnershipId, action: 'action.edited', entityType: 'action', entityId: action.id, before, after: await snapshot(action, transaction) }, transaction)
        return action
      }),
    )
  }

  /**
   * A dated progress update: its note, and a change of status and owner when asked for, checked
   * against the plan's rules (updateRules.ts). Completion is the sign-off. The new owner is emailed
   * with the handover note; a request for sign-off goes to the QA reviewers. All in one transaction.
   */
  async update(writer: UpdateWriter, actionId: number, input: UpdateInput): Promise<ActionUpdate> {
    return this.sequelize.transaction(async (transaction) => {
      const action = await this.lockedAt(actionId, input.version, transaction)
      const newOrganisationId = input.ownerOrganisationId ?? action.ownerOrganisationId
      const newName = input.ownerName || action.ownerName
      const ownerChanging = newOrganisationId !== action.ownerOrganisationId || newName !== action.ownerName
      if (newOrganisationId !== action.ownerOrganisationId && !input.ownerName) throw new ActionRulesError([{ field: 'ownerName', text: 'Enter the name of the new owner' }])
      if (newOrganisationId !== action.ownerOrganisationId) await this.checkOwner(action.partnershipId, newOrganisationId, transaction)
      const to = input.status && input.status !== action.status ? input.status : null
      const hasCompletionEvidence = to === 'completed' && (await ActionEvidence.count({ where: { actionId, tag: ['impact', 'evidence'] }, transaction })) > 0
      // A deliverable given with the update is taken only when the action has none: changing one is editing the action.
      const deliverableAdded = action.deliverable?.trim() ? null : input.deliverable || null
      const problems = updateProblems(
        { status: action.status, deliverable: action.deliverable?.trim() ? action.deliverable : deliverableAdded, ownerOrganisationId: action.ownerOrganisationId, hasCompletionEvidence, canSignOff: writer.canSignOff, canReopen: writer.canReopen },
        { newStatus: to, ownerOrganisationIdAfter: newOrganisationId, ownerChanging, hadOwner: action.ownerOrganisationId !== null, handoverNote: input.handoverNote, closedReason: input.closedReason },
      )
      if (problems.length) throw new ActionRulesError(problems)

      const before = await snapshot(action, transaction)
      const previousOwner = await this.ownerLabel(action.ownerOrganisationId, action.ownerName, transaction)
      const now = this.now()
      const update = await ActionUpdate.create(
        {
          actionId,
          note: input.note,
          statusBefore: to ? action.status : null,
          statusAfter: to,
          previousOwnerOrganisationId: ownerChanging ? action.ownerOrganisationId : null,
          previousOwnerName: ownerChanging ? action.ownerName : null,
          newOwnerOrganisationId: ownerChanging ? newOrganisationId : null,
          newOwnerName: ownerChanging ? newName : null,
          handoverNote: ownerChanging ? input.handoverNote || null : null,
          writtenById: writer.userId,
          createdAt: now,
        },
        { transaction },
      )
      const reopening = to !== null && FINISHED.includes(action.status)
      await action.update(
        {
          ...(to ? { status: to } : {}),
          ...(to === 'closed' ? { closedReason: input.closedReason } : {}),
          ...(to === 'completed' ? { signedOffById: writer.userId, signedOffAt: now } : {}),
          ...(reopening ? { closedReason: null, signedOffById: null, signedOffAt: null } : {}),
          ...(deliverableAdded ? { deliverable: deliverableAdded } : {}),
          ownerOrganisationId: newOrganisationId,
          ownerName: newName,
          lastUpdateAt: now,
          version: action.version + 1,
        },
        { transaction },
      )
      const event = to === 'completed' ? 'action.signed_off' : reopening ? 'action.reopened' : to === 'closed' ? 'action.closed' : 'action.updated'
      await this.audit.record(
        { actorUserId: writer.userId, partnershipId: action.partnershipId, action: event, entityType: 'action', entityId: actionId, before, after: { ...(await snapshot(action, transaction)), updateId: update.id } },
        transaction,
      )
      const writtenBy = (await User.findByPk(writer.userId, { attributes: ['name'], transaction }))?.name ?? 'Someone'
      if (ownerChanging) await queueEmails(await newOwnerEmails(action, { ownerName: newName, handoverNote: input.handoverNote, fromOwner: previousOwner, writtenBy }, this.publicUrl, transaction), transaction)
      if (input.askSignOff && to !== 'completed') await queueEmails(await signOffRequestEmails(action, { note: input.note, writtenBy }, this.publicUrl, transaction), transaction)
      return update
    })
  }

  /** The action, locked for this transaction, if it is still at the version the form was made from. */
  private async lockedAt(actionId: number, seenVersion: number, transaction: Transaction): Promise<Action> {
    const action = await Action.findByPk(actionId, { transaction, lock: transaction.LOCK.UPDATE })
    if (!action) throw new NotFoundError('Action not found')
    if (action.version !== seenVersion) throw new ActionConflictError(action, await actionThemeIds(action.id, transaction))
    return action
  }

  private async ownerLabel(organisationId: number | null, name: string, transaction: Transaction): Promise<string> {
    const organisation = organisationId ? await Organisation.findByPk(organisationId, { attributes: ['name'], transaction }) : null
    return [name, organisation?.name].filter(Boolean).join(' at ') || 'nobody'
  }

  /** An owner organisation must be one of the partnership's (active) organisations. */
  private async checkOwner(partnershipId: number, organisationId: number | null, transaction: Transaction): Promise<void> {
    if (organisationId === null) return
    if ((await partnershipOrganisations(partnershipId, { id: organisationId, transaction })).length) return
    const outsider = await Organisation.findByPk(organisationId, { attributes: ['name'], transaction })
    throw new InvalidInputError('ownerOrganisationId', outsider ? `${outsider.name} is not one of the partnership’s organisations: choose the owner from the list` : 'Choose the owner organisation from the list')
  }

  private async checkArea(partnershipId: number, areaId: number | null, transaction: Transaction): Promise<void> {
    if (areaId !== null && !(await Area.findOne({ where: { id: areaId, partnershipId }, transaction }))) throw new InvalidInputError('areaId', 'Choose an area from the partnership’s list')
  }

  /** The chosen themes, which must be the partnership's, plus the new one: an existing theme of that name (in any case), or added to the shared list. */
  private async themeIds(actorUserId: number, partnershipId: number, input: { themeIds: number[]; newTheme: string }, transaction: Transaction): Promise<number[]> {
    const themes = await Theme.findAll({ where: { partnershipId }, transaction })
    if (input.themeIds.some((id) => !themes.some((theme) => theme.id === id))) throw new InvalidInputError('themeIds', 'Choose themes from the partnership’s list')
    const ids = [...input.themeIds]
    if (input.newTheme) {
      const same = themes.find((theme) => theme.name.toLowerCase() === input.newTheme.toLowerCase())
      const theme = same ?? (await Theme.create({ partnershipId, name: input.newTheme }, { transaction }))
      if (!same) await this.audit.record({ actorUserId, partnershipId, action: 'theme.created', entityType: 'theme', entityId: theme.id, after: { name: theme.name } }, transaction)
      ids.push(theme.id)
    }
    return [...new Set(ids)]
  }

  private async setThemes(actionId: number, themeIds: number[], transaction: Transaction): Promise<void> {
    const actionThemes = this.sequelize.models.action_themes
    await actionThemes.destroy({ where: { actionId }, transaction })
    await actionThemes.bulkCreate(themeIds.map((themeId) => ({ actionId, themeId })), { transaction })
  }

  /** Two people adding the same new theme at the same moment: the second is told, and keeps what they typed. */
  private async withThemeRace<T>(newTheme: string, work: () => Promise<T>): Promise<T> {
    return work().catch((error: unknown) => {
      if (error instanceof UniqueConstraintError && newTheme) throw new InvalidInputError('newTheme', `The theme “${newTheme}” was added by someone else a moment ago: save again to use it`)
      throw error
    })
  }
}
