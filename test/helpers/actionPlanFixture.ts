import { randomBytes } from 'node:crypto'
import { hashPassword } from '../../server/auth/password'
import { Action, ActionEscalation, ActionSource, ActionUpdate, Area, Membership, Organisation, Partnership, Theme, User } from '../../server/db/models'
import type { ActionPriority, ActionStatus } from '../../server/db/models/action.model'
import type { ActionSourceKind } from '../../server/db/models/actionSource.model'
import { DEMO_PASSWORD } from '../../server/demo/demoData'
import { todayInEngland } from '../../server/forms/dates'
import { testContext } from './testContext'

const DAY = 86_400_000
/** Today plus `days` in England, as an ISO date. */
export const isoDaysFromToday = (days: number, from = new Date()) => todayInEngland(new Date(from.getTime() + days * DAY))

export interface ActionSpec {
  title: string
  status?: ActionStatus
  dueInDays?: number
  owner?: Organisation
  area?: Area | null
  priority?: ActionPriority
  sources?: ActionSourceKind[]
  themes?: Theme[]
  createdDaysAgo?: number
  updatedDaysAgo?: number | null
  latestNote?: string
  escalation?: { note: string; response?: string }
}

/**
 * A partnership of its own for the plan's tests, so its counts are exact whatever else the
 * demo or other tests add: two areas, two organisations, three themes, an admin, an auditor and
 * a lead of the first organisation (all with the demo password).
 */
export async function planFixture(label: string) {
  const suffix = randomBytes(3).toString('hex')
  const partnership = await Partnership.create({ name: `${label} Partnership`, slug: `${label.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${suffix}` })
  const [north, south] = await Promise.all(['North', 'South'].map((name) => Area.create({ partnershipId: partnership.id, name: `${label} ${name}` })))
  const organisation = (name: string) => Organisation.create({ name: `${label} ${name}`, role: 'relevant_agency', sectorKey: 'nhs-provider', sizeTier: 'large' })
  const [trust, school] = [await organisation('Health Trust'), await organisation('Academy')]
  const link = testContext().sequelize.models.organisation_partnerships
  for (const owner of [trust, school]) await link.create({ organisationId: owner.id, partnershipId: partnership.id })
  const [neglect, exploitation, voice] = await Promise.all(['Neglect', 'Exploitation', 'Voice of the child'].map((name) => Theme.create({ partnershipId: partnership.id, name: `${label} ${name}` })))
  const passwordHash = await hashPassword(DEMO_PASSWORD)
  const user = async (role: 'partnership_admin' | 'auditor' | 'organisation_lead', who: string, organisationId: number | null) => {
    const created = await User.create({ email: `${who}-${suffix}@${label.toLowerCase().replace(/[^a-z0-9]+/g, '')}.test`, name: `${label} ${who}`, passwordHash })
    await Membership.create({ userId: created.id, role, partnershipId: organisationId === null ? partnership.id : null, organisationId })
    return created
  }
  const admin = await user('partnership_admin', 'admin', null)
  const auditor = await user('auditor', 'auditor', null)
  const trustLead = await user('organisation_lead', 'lead', trust.id)

  async function action(spec: ActionSpec): Promise<Action> {
    const now = Date.now()
    const created = await Action.create({
      partnershipId: partnership.id,
      title: spec.title,
      outcomeSought: `Outcome of ${spec.title}`,
      whyItMatters: null,
      deliverable: 'A deliverable',
      ownerOrganisationId: (spec.owner ?? trust).id,
      ownerName: 'Named Owner',
      areaId: spec.area === undefined ? north.id : (spec.area?.id ?? null),
      startsOn: isoDaysFromToday(-200),
      dueOn: isoDaysFromToday(spec.dueInDays ?? 30),
      status: spec.status ?? 'on_track',
      priority: spec.priority ?? 'medium',
      lastUpdateAt: spec.updatedDaysAgo === undefined || spec.updatedDaysAgo === null ? null : new Date(now - spec.updatedDaysAgo * DAY),
      createdById: admin.id,
      createdAt: new Date(now - (spec.createdDaysAgo ?? 5) * DAY),
    })
    for (const [index, kind] of (spec.sources ?? ['audit_case']).entries()) await ActionSource.create({ actionId: created.id, kind, sourceId: 900_000 + created.id * 10 + index })
    for (const theme of spec.themes ?? []) await testContext().sequelize.models.action_themes.create({ actionId: created.id, themeId: theme.id })
    if (spec.latestNote) {
      await ActionUpdate.create({ actionId: created.id, note: 'An earlier update', statusBefore: null, statusAfter: null, previousOwnerOrganisationId: null, previousOwnerName: null, newOwnerOrganisationId: null, newOwnerName: null, handoverNote: null, writtenById: admin.id, createdAt: new Date(now - 20 * DAY) })
      await ActionUpdate.create({ actionId: created.id, note: spec.latestNote, statusBefore: null, statusAfter: null, previousOwnerOrganisationId: null, previousOwnerName: null, newOwnerOrganisationId: null, newOwnerName: null, handoverNote: null, writtenById: admin.id, createdAt: new Date(now - 2 * DAY) })
    }
    if (spec.escalation) {
      await ActionEscalation.create({
        actionId: created.id, reason: 'overdue', note: spec.escalation.note, escalatedById: admin.id, escalatedAt: new Date(now - 3 * DAY),
        ...(spec.escalation.response ? { response: spec.escalation.response, respondedById: admin.id, respondedAt: new Date(now - DAY) } : {}),
      })
    }
    return created
  }

  return { partnership, north, south, trust, school, neglect, exploitation, voice, admin, auditor, trustLead, action }
}
