import { Op } from 'sequelize'
import { isPartnershipRole } from '../../auth/roles'
import { Area, AuditCase, AuditRound, AuditRoundMember, Membership, Organisation, Partnership, User } from '../../db/models'
import type { AuditTool } from '../auditToolSchema'
import { checkAuditToolFiles } from '../auditToolFiles'

export interface Person {
  id: number
  name: string
  /** Holds a partnership role (admin, QA reviewer, auditor) here: may facilitate, and audit for any agency. */
  partnershipRole: boolean
  /** Organisations of the partnership the person belongs to: they may audit for these only. */
  organisationIds: number[]
}

export interface RoundChoices {
  areas: { id: number; name: string }[]
  tools: AuditTool[]
  agencies: { id: number; name: string }[]
  people: Person[]
}

/** Facilitators come from the partnership's own people (admins, QA reviewers, auditors). */
export const canFacilitate = (person: Person) => person.partnershipRole

/** Someone from an organisation audits only for it; someone with a partnership role, for any agency. */
export const canAuditFor = (person: Person, organisationId: number) => person.partnershipRole || person.organisationIds.includes(organisationId)

export async function partnershipOrganisationIds(partnershipId: number): Promise<number[]> {
  const partnership = await Partnership.findByPk(partnershipId, { include: [{ model: Organisation, as: 'organisations', attributes: ['id'], through: { attributes: [] } }] })
  return ((partnership as (Partnership & { organisations?: Organisation[] }) | null)?.organisations ?? []).map((organisation) => organisation.id)
}

/** The partnership's active people, with what they may do in a round. */
export async function partnershipPeople(partnershipId: number): Promise<Person[]> {
  const organisationIds = await partnershipOrganisationIds(partnershipId)
  const memberships = (await Membership.findAll({
    where: { [Op.or]: [{ partnershipId }, { organisationId: organisationIds }] },
    include: [{ model: User, as: 'user', where: { active: true }, attributes: ['id', 'name'] }],
  })) as (Membership & { user: User })[]
  const people = new Map<number, Person>()
  for (const membership of memberships) {
    const person = people.get(membership.userId) ?? { id: membership.userId, name: membership.user.name, partnershipRole: false, organisationIds: [] }
    if (isPartnershipRole(membership.role)) person.partnershipRole = true
    else if (membership.organisationId !== null && !person.organisationIds.includes(membership.organisationId)) person.organisationIds.push(membership.organisationId)
    people.set(person.id, person)
  }
  return [...people.values()].sort((a, b) => a.name.localeCompare(b.name))
}

/** Everything the set-up form offers: the partnership's areas, the valid audit tools, its active organisations and people. */
export async function roundChoices(partnershipId: number): Promise<RoundChoices> {
  const organisationIds = await partnershipOrganisationIds(partnershipId)
  const [areas, agencies, people] = await Promise.all([
    Area.findAll({ where: { partnershipId }, order: [['name', 'ASC']], attributes: ['id', 'name'] }),
    Organisation.findAll({ where: { id: organisationIds, active: true }, order: [['name', 'ASC']], attributes: ['id', 'name'] }),
    partnershipPeople(partnershipId),
  ])
  return {
    areas: areas.map(({ id, name }) => ({ id, name })),
    tools: checkAuditToolFiles().tools.map((entry) => entry.tool),
    agencies: agencies.map(({ id, name }) => ({ id, name })),
    people,
  }
}

export interface RoundListRow {
  id: number
  title: string
  theme: string
  status: AuditRound['status']
  gradingOpensOn: string
  gradingDueOn: string
  workshopOn: string
  /** The signed-in person's part: "Facilitator", "Auditor for …", or "" when they see it as a manager or the QA sub-group. */
  part: string
}

/**
 * The rounds a person may see in a partnership: every round for those who manage rounds or oversee
 * them (admins, QA reviewers), otherwise the rounds they are a member of. Open rounds first, each by
 * workshop date.
 */
export async function listRounds(userId: number, partnershipId: number, seesAll: boolean): Promise<RoundListRow[]> {
  const memberships = (await AuditRoundMember.findAll({
    where: { userId },
    include: [
      { model: AuditRound, as: 'round', where: { partnershipId }, attributes: ['id'] },
      { model: Organisation, as: 'organisation', attributes: ['name'] },
    ],
  })) as (AuditRoundMember & { organisation: Organisation | null })[]
  const roundIds = [...new Set(memberships.map((member) => member.roundId))]
  const rounds = await AuditRound.findAll({
    where: seesAll ? { partnershipId } : { partnershipId, id: roundIds },
    attributes: ['id', 'title', 'theme', 'status', 'gradingOpensOn', 'gradingDueOn', 'workshopOn'],
    order: [['workshopOn', 'DESC'], ['id', 'DESC']],
  })
  const partOf = (roundId: number) => {
    const mine = memberships.filter((member) => member.roundId === roundId)
    const parts = mine.some((member) => member.role === 'facilitator') ? ['Facilitator'] : []
    const agencies = mine.filter((member) => member.role === 'auditor').map((member) => member.organisation?.name ?? '')
    if (agencies.length) parts.push(`Auditor for ${agencies.sort().join(', ')}`)
    return parts.join('; ')
  }
  const rows = rounds.map((round) => ({ ...round.get({ plain: true }), part: partOf(round.id) }) as RoundListRow)
  return [...rows.filter((row) => row.status === 'open'), ...rows.filter((row) => row.status !== 'open')]
}

/** Whether the person takes part in any round of the partnership (for the navigation). */
export async function takesPartInRounds(userId: number, partnershipId: number): Promise<boolean> {
  const member = await AuditRoundMember.findOne({ where: { userId }, attributes: ['id'], include: [{ model: AuditRound, as: 'round', where: { partnershipId }, attributes: [] }] })
  return member !== null
}

export interface RoundMembersView {
  facilitators: { id: number; name: string }[]
  /** Per agency of the round, in name order: who audits for it (none yet is possible). */
  agencies: { id: number; name: string; auditors: { id: number; name: string }[] }[]
}

export interface RoundSetUp extends RoundMembersView {
  round: AuditRound
  areas: { id: number; name: string }[]
  cases: number
}

/** A round's set-up: its areas, agencies, facilitators and auditors, and how many cases it has (never the cases themselves). */
export async function roundSetUp(round: AuditRound): Promise<RoundSetUp> {
  const [areaLinks, agencyLinks, members, cases] = await Promise.all([
    round.sequelize.models.audit_round_areas.findAll({ where: { roundId: round.id } }),
    round.sequelize.models.audit_round_agencies.findAll({ where: { roundId: round.id } }),
    AuditRoundMember.findAll({ where: { roundId: round.id } }),
    AuditCase.count({ where: { roundId: round.id } }),
  ])
  const areaIds = areaLinks.map((link) => link.get('areaId') as number)
  const agencyIds = agencyLinks.map((link) => link.get('organisationId') as number)
  const [areas, agencies, users] = await Promise.all([
    Area.findAll({ where: { id: areaIds }, order: [['name', 'ASC']], attributes: ['id', 'name'] }),
    Organisation.findAll({ where: { id: agencyIds }, order: [['name', 'ASC']], attributes: ['id', 'name'] }),
    User.findAll({ where: { id: [...new Set(members.map((member) => member.userId))] }, attributes: ['id', 'name'], order: [['name', 'ASC']] }),
  ])
  const person = (id: number) => ({ id, name: users.find((user) => user.id === id)?.name ?? '' })
  return {
    round,
    areas: areas.map(({ id, name }) => ({ id, name })),
    facilitators: members.filter((member) => member.role === 'facilitator').map((member) => person(member.userId)).sort((a, b) => a.name.localeCompare(b.name)),
    agencies: agencies.map((agency) => ({
      id: agency.id,
      name: agency.name,
      auditors: members.filter((member) => member.role === 'auditor' && member.organisationId === agency.id).map((member) => person(member.userId)),
    })),
    cases,
  }
}
