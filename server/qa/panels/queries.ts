import {
  AssessmentReturn,
  Challenge,
  ChallengeEvent,
  ChallengeEventAction,
  ChallengeEventChallenge,
  ChallengeEventMember,
  ChallengeEventOrganisation,
  ChallengeEventOutcome,
  ChallengeEventScore,
  ChallengeEventStandard,
  Cycle,
  CycleReturn,
  FrameworkVersion,
  Membership,
  Organisation,
  User,
} from '../../db/models'
import type { ReturnStatus } from '../../db/models/assessmentReturn.model'
import { NotFoundError } from '../../errors'
import type { Framework } from '../../standards/frameworkSchema'

/** Roles whose holders can sit on a panel. */
export const PANEL_ROLES = ['partnership_admin', 'qa_reviewer'] as const

export interface EventChoices {
  cycle: Cycle
  framework: Framework
  candidates: { id: number; name: string; roles: string[] }[]
  organisations: { organisationId: number; name: string; returnId: number; status: ReturnStatus }[]
  standards: { key: string; title: string }[]
}

export interface OutcomeView {
  summary: string
  recordedAt: Date
  recordedBy: string
  /** Per standard discussed, in the event's order: the agreed score, or null for no change. */
  scores: { standardKey: string; agreedScore: number | null }[]
  actions: { id: number; action: string; owner: string; targetOn: string }[]
}

export interface EventOrganisationView {
  organisationId: number
  name: string
  returnId: number
  status: ReturnStatus
  outcome: OutcomeView | null
  /** Challenges this event raised on the organisation's return, oldest first. */
  challenges: Challenge[]
}

export interface EventView {
  event: ChallengeEvent
  cycle: Cycle
  framework: Framework
  members: { id: number; name: string }[]
  standards: { key: string; title: string }[]
  organisations: EventOrganisationView[]
  outcomesRecorded: number
}

export interface EventListRow {
  id: number
  title: string
  heldOn: string
  cycleName: string
  organisations: number
  outcomesRecorded: number
}

export function partnershipCycles(partnershipId: number): Promise<Cycle[]> {
  return Cycle.findAll({ where: { partnershipId }, order: [['opensOn', 'DESC'], ['id', 'DESC']], attributes: ['id', 'name', 'opensOn', 'frameworkVersionId'] })
}

/** Who may sit on the partnership's panels, by name: its active admins and QA reviewers. */
export async function panelCandidates(partnershipId: number): Promise<EventChoices['candidates']> {
  const memberships = await Membership.findAll({
    where: { partnershipId, role: [...PANEL_ROLES] },
    include: [{ model: User, as: 'user', where: { active: true }, attributes: ['id', 'name'] }],
  })
  const byUser = new Map<number, EventChoices['candidates'][number]>()
  for (const membership of memberships as (Membership & { user: User })[]) {
    const candidate = byUser.get(membership.userId) ?? { id: membership.userId, name: membership.user.name, roles: [] }
    candidate.roles.push(membership.role)
    byUser.set(membership.userId, candidate)
  }
  return [...byUser.values()].sort((a, b) => a.name.localeCompare(b.name))
}

/** What a panel on one of the partnership's cycles can choose from; null when the cycle is not the partnership's. */
export async function eventChoices(partnershipId: number, cycleId: number): Promise<EventChoices | null> {
  const cycle = await Cycle.findOne({ where: { id: cycleId, partnershipId }, include: [{ model: FrameworkVersion, as: 'frameworkVersion' }] })
  if (!cycle) return null
  const links = (await CycleReturn.findAll({
    where: { cycleId, withdrawnAt: null },
    include: [{ model: AssessmentReturn, as: 'assessmentReturn', attributes: ['id', 'status', 'organisationId'], include: [{ model: Organisation, as: 'organisation', attributes: ['id', 'name'] }] }],
  })) as (CycleReturn & { assessmentReturn: AssessmentReturn & { organisation: Organisation } })[]
  const framework = cycle.frameworkVersion!.definition
  return {
    cycle,
    framework,
    candidates: await panelCandidates(partnershipId),
    organisations: links
      .map((link) => ({ organisationId: link.assessmentReturn.organisationId, name: link.assessmentReturn.organisation.name, returnId: link.returnId, status: link.assessmentReturn.status }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    standards: framework.standards.map((standard) => ({ key: standard.key, title: standard.title })),
  }
}

/** The partnership an event belongs to, for the permission check. */
export async function partnershipOfEvent(eventId: number): Promise<number> {
  const event = Number.isInteger(eventId) ? await ChallengeEvent.findByPk(eventId, { attributes: ['partnershipId'] }) : null
  if (!event) throw new NotFoundError('Challenge event not found')
  return event.partnershipId
}

/** The partnership's events, the next first among those to come and the latest first among those held. */
export async function listEvents(partnershipId: number, today: string): Promise<{ upcoming: EventListRow[]; past: EventListRow[] }> {
  const events = await ChallengeEvent.findAll({ where: { partnershipId }, order: [['heldOn', 'ASC'], ['id', 'ASC']] })
  const eventIds = events.map((event) => event.id)
  const [cycles, organisations, outcomes] = await Promise.all([
    Cycle.findAll({ where: { id: [...new Set(events.map((event) => event.cycleId))] }, attributes: ['id', 'name'] }),
    ChallengeEventOrganisation.findAll({ where: { eventId: eventIds }, attributes: ['eventId'] }),
    ChallengeEventOutcome.findAll({ where: { eventId: eventIds }, attributes: ['eventId'] }),
  ])
  const cycleName = new Map(cycles.map((cycle) => [cycle.id, cycle.name]))
  const count = (rows: { eventId: number }[], eventId: number) => rows.filter((row) => row.eventId === eventId).length
  const rows = events.map((event) => ({
    id: event.id,
    title: event.title,
    heldOn: event.heldOn,
    cycleName: cycleName.get(event.cycleId) ?? '',
    organisations: count(organisations, event.id),
    outcomesRecorded: count(outcomes, event.id),
  }))
  return { upcoming: rows.filter((row) => row.heldOn >= today), past: rows.filter((row) => row.heldOn < today).reverse() }
}

/** Outcomes as read on a page: scores in the event's order of standards, actions in their order, who recorded them. */
async function outcomeViews(outcomes: ChallengeEventOutcome[], standardOrder: (outcome: ChallengeEventOutcome) => string[]): Promise<Map<number, OutcomeView>> {
  if (!outcomes.length) return new Map()
  const outcomeIds = outcomes.map((outcome) => outcome.id)
  const [scores, actions, recorders] = await Promise.all([
    ChallengeEventScore.findAll({ where: { outcomeId: outcomeIds } }),
    ChallengeEventAction.findAll({ where: { outcomeId: outcomeIds }, order: [['position', 'ASC']] }),
    User.findAll({ where: { id: outcomes.map((outcome) => outcome.recordedById).filter((id): id is number => id !== null) }, attributes: ['id', 'name'] }),
  ])
  const recorderName = new Map(recorders.map((user) => [user.id, user.name]))
  return new Map(
    outcomes.map((outcome) => {
      const agreed = new Map(scores.filter((score) => score.outcomeId === outcome.id).map((score) => [score.standardKey, score.agreedScore]))
      return [
        outcome.id,
        {
          summary: outcome.summary,
          recordedAt: outcome.updatedAt,
          recordedBy: (outcome.recordedById && recorderName.get(outcome.recordedById)) || 'Unknown',
          scores: standardOrder(outcome).filter((key) => agreed.has(key)).map((standardKey) => ({ standardKey, agreedScore: agreed.get(standardKey) ?? null })),
          actions: actions.filter((action) => action.outcomeId === outcome.id).map(({ id, action, owner, targetOn }) => ({ id, action, owner, targetOn })),
        },
      ]
    }),
  )
}

export async function eventView(eventId: number): Promise<EventView> {
  const event = await ChallengeEvent.findByPk(eventId)
  if (!event) throw new NotFoundError('Challenge event not found')
  const [cycle, memberRows, organisationRows, standardRows, outcomes, links] = await Promise.all([
    Cycle.findByPk(event.cycleId, { include: [{ model: FrameworkVersion, as: 'frameworkVersion' }] }),
    ChallengeEventMember.findAll({ where: { eventId } }),
    ChallengeEventOrganisation.findAll({ where: { eventId } }),
    ChallengeEventStandard.findAll({ where: { eventId }, order: [['position', 'ASC']] }),
    ChallengeEventOutcome.findAll({ where: { eventId } }),
    ChallengeEventChallenge.findAll({ where: { eventId } }),
  ])
  const framework = cycle!.frameworkVersion!.definition
  const [members, organisations, returns, challenges] = await Promise.all([
    User.findAll({ where: { id: memberRows.map((row) => row.userId) }, attributes: ['id', 'name'], order: [['name', 'ASC']] }),
    Organisation.findAll({ where: { id: organisationRows.map((row) => row.organisationId) }, attributes: ['id', 'name'] }),
    AssessmentReturn.findAll({ where: { id: organisationRows.map((row) => row.returnId) }, attributes: ['id', 'status'] }),
    Challenge.findAll({ where: { id: links.map((link) => link.challengeId) }, order: [['id', 'ASC']] }),
  ])
  const standardKeys = standardRows.map((row) => row.standardKey)
  const views = await outcomeViews(outcomes, () => standardKeys)
  const nameOf = new Map(organisations.map((organisation) => [organisation.id, organisation.name]))
  const statusOf = new Map(returns.map((assessment) => [assessment.id, assessment.status]))
  return {
    event,
    cycle: cycle!,
    framework,
    members: members.map(({ id, name }) => ({ id, name })),
    standards: standardKeys.map((key) => ({ key, title: framework.standards.find((standard) => standard.key === key)?.title ?? key })),
    organisations: organisationRows
      .map((row) => {
        const outcome = outcomes.find((candidate) => candidate.organisationId === row.organisationId)
        const raised = new Set(links.filter((link) => link.organisationId === row.organisationId).map((link) => link.challengeId))
        return {
          organisationId: row.organisationId,
          name: nameOf.get(row.organisationId) ?? '',
          returnId: row.returnId,
          status: statusOf.get(row.returnId)!,
          outcome: outcome ? views.get(outcome.id)! : null,
          challenges: challenges.filter((challenge) => raised.has(challenge.id)),
        }
      })
      .sort((a, b) => a.name.localeCompare(b.name)),
    outcomesRecorded: outcomes.length,
  }
}

export interface OrganisationEventView {
  eventId: number
  title: string
  heldOn: string
  cycleName: string
  panel: string[]
  standards: { key: string; title: string; agreedScore: number | null; scoreLabel: string | null }[]
  outcome: OutcomeView | null
  challengesRaised: number
}

/** The partnership's challenge events that discussed the organisation, latest first, with what each agreed about it. */
export async function organisationEvents(organisationId: number, partnershipId: number): Promise<OrganisationEventView[]> {
  const discussed = await ChallengeEventOrganisation.findAll({ where: { organisationId }, attributes: ['eventId'] })
  const events = await ChallengeEvent.findAll({ where: { id: discussed.map((row) => row.eventId), partnershipId }, order: [['heldOn', 'DESC'], ['id', 'DESC']] })
  if (!events.length) return []
  const eventIds = events.map((event) => event.id)
  const [cycles, memberRows, standardRows, outcomes, links] = await Promise.all([
    Cycle.findAll({ where: { id: [...new Set(events.map((event) => event.cycleId))] }, include: [{ model: FrameworkVersion, as: 'frameworkVersion' }] }),
    ChallengeEventMember.findAll({ where: { eventId: eventIds } }),
    ChallengeEventStandard.findAll({ where: { eventId: eventIds }, order: [['position', 'ASC']] }),
    ChallengeEventOutcome.findAll({ where: { eventId: eventIds, organisationId } }),
    ChallengeEventChallenge.findAll({ where: { eventId: eventIds, organisationId }, attributes: ['eventId'] }),
  ])
  const members = await User.findAll({ where: { id: [...new Set(memberRows.map((row) => row.userId))] }, attributes: ['id', 'name'], order: [['name', 'ASC']] })
  const keysOf = (eventId: number) => standardRows.filter((row) => row.eventId === eventId).map((row) => row.standardKey)
  const views = await outcomeViews(outcomes, (outcome) => keysOf(outcome.eventId))
  return events.map((event) => {
    const framework = cycles.find((cycle) => cycle.id === event.cycleId)!.frameworkVersion!.definition
    const outcomeRow = outcomes.find((outcome) => outcome.eventId === event.id)
    const outcome = outcomeRow ? views.get(outcomeRow.id)! : null
    const panel = new Set(memberRows.filter((row) => row.eventId === event.id).map((row) => row.userId))
    return {
      eventId: event.id,
      title: event.title,
      heldOn: event.heldOn,
      cycleName: cycles.find((cycle) => cycle.id === event.cycleId)!.name,
      panel: members.filter((member) => panel.has(member.id)).map((member) => member.name),
      standards: keysOf(event.id).map((key) => {
        const agreedScore = outcome?.scores.find((score) => score.standardKey === key)?.agreedScore ?? null
        const level = framework.scoreScale.levels.find((candidate) => candidate.value === agreedScore)
        return { key, title: framework.standards.find((standard) => standard.key === key)?.title ?? key, agreedScore, scoreLabel: level ? `${level.value} ${level.label}` : null }
      }),
      outcome,
      challengesRaised: links.filter((link) => link.eventId === event.id).length,
    }
  })
}
