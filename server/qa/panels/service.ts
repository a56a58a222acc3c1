import { Sequelize, Transaction } from 'sequelize'
import type { AuditEventService } from '../../auditEvents/service'
import {
  ActionSource,
  ChallengeEvent,
  ChallengeEventAction,
  ChallengeEventChallenge,
  ChallengeEventMember,
  ChallengeEventOrganisation,
  ChallengeEventOutcome,
  ChallengeEventScore,
  ChallengeEventStandard,
  User,
} from '../../db/models'
import { returnStatusLabels, ReturnStatus } from '../../db/models/assessmentReturn.model'
import { InvalidInputError, NotFoundError } from '../../errors'
import { formatDate, todayInEngland } from '../../forms/dates'
import { queueEmails } from '../../mail/outbox'
import type { ReturnService } from '../../returns/service'
import type { ReviewService } from '../reviewService'
import { eventChoices, EventChoices } from './queries'
import { outcomeField } from './schema'
import type { ActionInput, EventInput, OutcomeInput } from './schema'
import { queriesInTransaction } from '../../db/queriesInTransaction'

/** Return statuses on which ReviewService accepts a new challenge. */
export const CHALLENGEABLE: ReturnStatus[] = ['submitted', 'under_review', 'returned']

/** An event's details as the audit trail keeps them. */
interface EventSnapshot {
  title: string
  heldOn: string
  cycleId: number
  notes: string | null
  memberIds: number[]
  organisationIds: number[]
  standardKeys: string[]
}

const sorted = (values: number[]) => [...values].sort((a, b) => a - b)

/**
 * Challenge events (peer review panels): scheduling one, changing it until its first outcome is
 * recorded, and recording per organisation what the panel agreed. Challenges the panel raises go
 * through ReviewService, so the organisation sees and answers them like any other.
 */
export class ChallengeEventService {
  constructor(
    private readonly sequelize: Sequelize,
    private readonly audit: AuditEventService,
    private readonly returns: ReturnService,
    private readonly reviews: ReviewService,
    private readonly publicUrl: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Values a tampered form could send that the schema cannot know: the cycle, panel, organisations and standards must be the partnership's. */
  private async checkChoices(partnershipId: number, input: EventInput): Promise<{ choices: EventChoices; standardKeys: string[] }> {
    const choices = await eventChoices(partnershipId, input.cycleId)
    if (!choices) throw new InvalidInputError('cycleId', 'Choose one of the partnership’s cycles')
    if (input.memberIds.some((id) => !choices.candidates.some((candidate) => candidate.id === id))) {
      throw new InvalidInputError('memberIds', 'Choose panel members from the partnership’s admins and QA reviewers')
    }
    if (input.organisationIds.some((id) => !choices.organisations.some((organisation) => organisation.organisationId === id))) {
      throw new InvalidInputError('organisationIds', 'Choose organisations with a return in the cycle')
    }
    if (input.standardKeys.some((key) => !choices.standards.some((standard) => standard.key === key))) {
      throw new InvalidInputError('standardKeys', 'Choose standards of the cycle’s framework')
    }
    // In the framework's order, whatever order the form sent them in.
    return { choices, standardKeys: choices.standards.map((standard) => standard.key).filter((key) => input.standardKeys.includes(key)) }
  }

  private snapshotOf(input: EventInput, standardKeys: string[]): EventSnapshot {
    return {
      title: input.title,
      heldOn: input.heldOn,
      cycleId: input.cycleId,
      notes: input.notes || null,
      memberIds: sorted([...new Set(input.memberIds)]),
      organisationIds: sorted([...new Set(input.organisationIds)]),
      standardKeys,
    }
  }

  private async writeParticipants(eventId: number, snapshot: EventSnapshot, choices: EventChoices, transaction: Transaction): Promise<void> {
    await ChallengeEventMember.bulkCreate(snapshot.memberIds.map((userId) => ({ eventId, userId })), { transaction })
    await ChallengeEventOrganisation.bulkCreate(
      snapshot.organisationIds.map((organisationId) => ({ eventId, organisationId, returnId: choices.organisations.find((candidate) => candidate.organisationId === organisationId)!.returnId })),
      { transaction },
    )
    await ChallengeEventStandard.bulkCreate(snapshot.standardKeys.map((standardKey, position) => ({ eventId, standardKey, position })), { transaction })
  }

  /** Tells panel members about the event, in the transaction that schedules or changes it. */
  private async tellPanel(userIds: number[], event: ChallengeEvent, snapshot: EventSnapshot, choices: EventChoices, transaction: Transaction): Promise<void> {
    const users = await User.findAll({ where: { id: userIds, active: true }, transaction })
    const organisations = choices.organisations.filter((organisation) => snapshot.organisationIds.includes(organisation.organisationId)).map((organisation) => `- ${organisation.name}`)
    const standards = choices.standards.filter((standard) => snapshot.standardKeys.includes(standard.key)).map((standard) => `- ${standard.key} ${standard.title}`)
    await queueEmails(
      users.map((user) => ({
        to: user.email,
        subject: `Challenge event on ${formatDate(event.heldOn)}: ${event.title}`,
        text: [
          `Hello ${user.name},`,
          `You are on the panel of the challenge event “${event.title}” on ${formatDate(event.heldOn)}, discussing ${choices.cycle.name} returns.`,
          `Organisations:\n${organisations.join('\n')}`,
          `Standards:\n${standards.join('\n')}`,
          `See the event: ${this.publicUrl}/challenge-events/${event.id}`,
        ].join('\n\n'),
      })),
      transaction,
    )
  }

  private record(actorUserId: number, event: ChallengeEvent, action: string, before: object | null, after: object, transaction: Transaction) {
    return this.audit.record({ actorUserId, partnershipId: event.partnershipId, action, entityType: 'challenge_event', entityId: event.id, before, after }, transaction)
  }

  async schedule(actorUserId: number, partnershipId: number, input: EventInput): Promise<ChallengeEvent> {
    const { choices, standardKeys } = await this.checkChoices(partnershipId, input)
    const snapshot = this.snapshotOf(input, standardKeys)
    return this.sequelize.transaction(async (transaction) => {
      const event = await ChallengeEvent.create({ partnershipId, cycleId: snapshot.cycleId, title: snapshot.title, heldOn: snapshot.heldOn, notes: snapshot.notes, createdById: actorUserId }, { transaction })
      await this.writeParticipants(event.id, snapshot, choices, transaction)
      await this.record(actorUserId, event, 'challenge_event.scheduled', null, snapshot, transaction)
      await this.tellPanel(snapshot.memberIds, event, snapshot, choices, transaction)
      return event
    })
  }

  private async lockedEvent(eventId: number, transaction: Transaction): Promise<ChallengeEvent> {
    const event = await ChallengeEvent.findByPk(eventId, { transaction, lock: transaction.LOCK.UPDATE })
    if (!event) throw new NotFoundError('Challenge event not found')
    return event
  }

  /** Changes an event's details, refused once an outcome is recorded; panel members added are told. */
  async update(actorUserId: number, eventId: number, input: EventInput): Promise<void> {
    const existing = await ChallengeEvent.findByPk(eventId)
    if (!existing) throw new NotFoundError('Challenge event not found')
    if (input.cycleId !== existing.cycleId) throw new InvalidInputError('cycleId', 'An event’s cycle cannot change: schedule a new event to discuss another cycle')
    const { choices, standardKeys } = await this.checkChoices(existing.partnershipId, input)
    const snapshot = this.snapshotOf(input, standardKeys)
    await this.sequelize.transaction(async (transaction) => {
      const event = await this.lockedEvent(eventId, transaction)
      if (await ChallengeEventOutcome.count({ where: { eventId }, transaction })) throw new InvalidInputError('title', 'Outcomes have been recorded for this event, so its details can no longer be changed')
      const before = await this.snapshot(event, transaction)
      await event.update({ title: snapshot.title, heldOn: snapshot.heldOn, notes: snapshot.notes }, { transaction })
      await ChallengeEventMember.destroy({ where: { eventId }, transaction })
      await ChallengeEventOrganisation.destroy({ where: { eventId }, transaction })
      await ChallengeEventStandard.destroy({ where: { eventId }, transaction })
      await this.writeParticipants(eventId, snapshot, choices, transaction)
      await this.record(actorUserId, event, 'challenge_event.updated', before, snapshot, transaction)
      await this.tellPanel(snapshot.memberIds.filter((id) => !before.memberIds.includes(id)), event, snapshot, choices, transaction)
    })
  }

  private async snapshot(event: ChallengeEvent, transaction: Transaction): Promise<EventSnapshot> {
    const [members, organisations, standards] = await queriesInTransaction(transaction, [
      () => ChallengeEventMember.findAll({ where: { eventId: event.id }, transaction }),
      () => ChallengeEventOrganisation.findAll({ where: { eventId: event.id }, transaction }),
      () => ChallengeEventStandard.findAll({ where: { eventId: event.id }, order: [['position', 'ASC']], transaction }),
    ])
    return {
      title: event.title,
      heldOn: event.heldOn,
      cycleId: event.cycleId,
      notes: event.notes,
      memberIds: sorted(members.map((row) => row.userId)),
      organisationIds: sorted(organisations.map((row) => row.organisationId)),
      standardKeys: standards.map((row) => row.standardKey),
    }
  }

  /**
   * Records (or re-records, replacing it) what the panel agreed about one organisation. New
   * challenges are raised first through ReviewService, each in its own transaction with its email
   * to the organisation (SQLite allows one writer, so they cannot sit inside this one); the outcome,
   * its links to them and the audit event are then written together.
   */
  async recordOutcome(actorUserId: number, eventId: number, organisationId: number, input: OutcomeInput, scale: number[]): Promise<void> {
    const event = await ChallengeEvent.findByPk(eventId)
    if (!event) throw new NotFoundError('Challenge event not found')
    const discussed = await ChallengeEventOrganisation.findOne({ where: { eventId, organisationId } })
    if (!discussed) throw new NotFoundError('This organisation is not discussed at the event')
    if (event.heldOn > todayInEngland(this.now())) throw new InvalidInputError('summary', `Outcomes can be recorded from the day of the event, ${formatDate(event.heldOn)}`)
    const standardKeys = (await ChallengeEventStandard.findAll({ where: { eventId }, order: [['position', 'ASC']] })).map((row) => row.standardKey)
    for (const score of input.scores) {
      if (!standardKeys.includes(score.standardKey)) throw new InvalidInputError(`score-${score.standardKey}`, `${score.standardKey} was not discussed at this event`)
      if (score.agreedScore !== null && !scale.includes(score.agreedScore)) throw new InvalidInputError(`score-${score.standardKey}`, `Choose an agreed score for ${score.standardKey} from the scale, or no change`)
    }

    await this.checkPlannedActionsKept(eventId, organisationId, input)

    const raised: number[] = []
    if (input.challenges.length) {
      const loaded = await this.returns.load(discussed.returnId)
      if (!CHALLENGEABLE.includes(loaded.assessment.status)) {
        throw new InvalidInputError('challenge-0-question', `Challenges can be raised only while the return is being reviewed; it is ${returnStatusLabels[loaded.assessment.status].toLowerCase()}`)
      }
      for (const [row, challenge] of input.challenges.entries()) {
        if (!loaded.standards.some((standard) => standard.key === challenge.standardKey)) throw new InvalidInputError(`challenge-${row}-standard`, `${challenge.standardKey} is not one of the standards this organisation answers`)
      }
      for (const challenge of input.challenges) {
        const question = `Raised at the challenge event on ${formatDate(event.heldOn)}: ${challenge.question}`
        raised.push((await this.reviews.raiseChallenge(actorUserId, loaded, challenge.standardKey, null, question)).id)
      }
    }

    await this.sequelize.transaction(async (transaction) => {
      await this.lockedEvent(eventId, transaction)
      const existing = await ChallengeEventOutcome.findOne({ where: { eventId, organisationId }, transaction })
      const before = existing ? await this.outcomeSnapshot(existing, transaction) : null
      const outcome = existing ? await existing.update({ summary: input.summary, recordedById: actorUserId }, { transaction }) : await ChallengeEventOutcome.create({ eventId, organisationId, summary: input.summary, recordedById: actorUserId }, { transaction })
      if (existing) await ChallengeEventScore.destroy({ where: { outcomeId: outcome.id }, transaction })
      await ChallengeEventScore.bulkCreate(input.scores.map((score) => ({ outcomeId: outcome.id, ...score })), { transaction })
      await this.writeAgreedActions(outcome.id, input.actions, transaction)
      await ChallengeEventChallenge.bulkCreate(raised.map((challengeId) => ({ challengeId, eventId, organisationId })), { transaction })
      const after = { organisationId, summary: input.summary, scores: input.scores, actions: input.actions, challengesRaised: raised }
      await this.record(actorUserId, event, 'challenge_event.outcome_recorded', before, after, transaction)
    })
  }

  /**
   * The agreed actions as recorded: a row sent with its id is changed in place, so an action in the
   * plan made from it stays linked to it; a row without one is added; a row no longer sent is removed.
   */
  private async writeAgreedActions(outcomeId: number, actions: ActionInput[], transaction: Transaction): Promise<void> {
    const saved = await ChallengeEventAction.findAll({ where: { outcomeId }, transaction })
    const kept = new Set<number>()
    for (const [position, { id, ...action }] of actions.entries()) {
      const row = saved.find((candidate) => candidate.id === id && !kept.has(candidate.id))
      if (row) {
        kept.add(row.id)
        await row.update({ ...action, position }, { transaction })
      } else {
        await ChallengeEventAction.create({ outcomeId, position, ...action }, { transaction })
      }
    }
    const removed = saved.filter((row) => !kept.has(row.id)).map((row) => row.id)
    if (removed.length) await ChallengeEventAction.destroy({ where: { id: removed }, transaction })
  }

  /** An agreed action the plan has an action from cannot be removed: the action would lose its source. Checked before anything is written. */
  private async checkPlannedActionsKept(eventId: number, organisationId: number, input: OutcomeInput): Promise<void> {
    const outcome = await ChallengeEventOutcome.findOne({ where: { eventId, organisationId }, attributes: ['id'] })
    if (!outcome) return
    const saved = await ChallengeEventAction.findAll({ where: { outcomeId: outcome.id }, order: [['position', 'ASC']] })
    const sent = new Set(input.actions.map((action) => action.id))
    const dropped = saved.filter((row) => !sent.has(row.id))
    const planned = dropped.length ? await ActionSource.findAll({ where: { kind: 'challenge_event_action', sourceId: dropped.map((row) => row.id) }, attributes: ['sourceId'] }) : []
    const lost = dropped.find((row) => planned.some((source) => source.sourceId === row.id))
    if (lost) throw new InvalidInputError(outcomeField.action(lost.position, 'action'), `“${lost.action}” is in the action plan, so it cannot be removed from the outcome: change its wording instead`)
  }

  private async outcomeSnapshot(outcome: ChallengeEventOutcome, transaction: Transaction) {
    const [scores, actions] = await queriesInTransaction(transaction, [
      () => ChallengeEventScore.findAll({ where: { outcomeId: outcome.id }, transaction }),
      () => ChallengeEventAction.findAll({ where: { outcomeId: outcome.id }, order: [['position', 'ASC']], transaction }),
    ])
    return {
      organisationId: outcome.organisationId,
      summary: outcome.summary,
      scores: scores.map(({ standardKey, agreedScore }) => ({ standardKey, agreedScore })),
      actions: actions.map(({ action, owner, targetOn }) => ({ action, owner, targetOn })),
    }
  }
}
