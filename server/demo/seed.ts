import type { Sequelize } from 'sequelize'
import { hashPassword } from '../auth/password'
import { isPartnershipRole, roleLabels } from '../auth/roles'
import { Area, AuditEvent, Membership, Organisation, Partnership, User } from '../db/models'
import type { Services } from '../services'
import { DEMO_AREAS, DEMO_ORGANISATIONS, DEMO_PARTNERSHIP, DEMO_PASSWORD, DEMO_USERS } from './demoData'

/** True when the database holds no partnership yet: the only time the demo seeds itself. */
export async function isEmpty(): Promise<boolean> {
  return (await Partnership.count()) === 0
}

/** Seeds the fictional Riverside partnership, its organisations and the demo sign-ins in one transaction. */
export async function seedDemo(sequelize: Sequelize): Promise<void> {
  const hashes = await Promise.all(DEMO_USERS.map(() => hashPassword(DEMO_PASSWORD)))
  await sequelize.transaction(async (transaction) => {
    const partnership = await Partnership.create(DEMO_PARTNERSHIP, { transaction })
    const areas = new Map<string, Area>()
    for (const name of DEMO_AREAS) areas.set(name, await Area.create({ name, partnershipId: partnership.id }, { transaction }))

    const organisations = new Map<string, Organisation>()
    for (const [name, role, sectorKey, sizeTier, areaNames] of DEMO_ORGANISATIONS) {
      const organisation = await Organisation.create({ name, role, sectorKey, sizeTier }, { transaction })
      await sequelize.models.organisation_partnerships.create({ organisationId: organisation.id, partnershipId: partnership.id }, { transaction })
      await sequelize.models.organisation_areas.bulkCreate(
        areaNames.map((area) => ({ organisationId: organisation.id, areaId: areas.get(area)!.id })),
        { transaction },
      )
      organisations.set(name, organisation)
    }

    for (const [index, demoUser] of DEMO_USERS.entries()) {
      const user = await User.create({ email: demoUser.email, name: demoUser.name, passwordHash: hashes[index] }, { transaction })
      const scope = isPartnershipRole(demoUser.role)
        ? { partnershipId: partnership.id, organisationId: null }
        : { partnershipId: null, organisationId: organisations.get(demoUser.organisation!)!.id }
      await Membership.create({ userId: user.id, role: demoUser.role, ...scope }, { transaction })
    }

    await AuditEvent.create(
      {
        actorUserId: null,
        partnershipId: partnership.id,
        action: 'demo.seeded',
        entityType: 'partnership',
        entityId: String(partnership.id),
        before: null,
        after: { organisations: DEMO_ORGANISATIONS.length, users: DEMO_USERS.length },
      },
      { transaction },
    )
  })
}

export function demoSignInsText(): string {
  const lines = DEMO_USERS.map((user) => `  ${user.email.padEnd(36)} ${roleLabels[user.role]}${user.organisation ? ` (${user.organisation})` : ''}`)
  return [`Demo sign-ins (password: ${DEMO_PASSWORD}):`, ...lines].join('\n')
}

function isoDaysFromNow(days: number, now: Date): string {
  return new Date(now.getTime() + days * 86400000).toISOString().slice(0, 10)
}

/**
 * The demo's current Section 11 cycle, issued to every organisation: opened a month ago, due in a
 * month. Run after the shipped frameworks are loaded.
 */
export async function seedDemoCycle(services: Pick<Services, 'cycleIssue' | 'frameworks'>, now = new Date()): Promise<void> {
  const partnership = (await Partnership.findOne({ where: { slug: DEMO_PARTNERSHIP.slug } }))!
  const admin = (await User.findOne({ where: { email: 'admin@riverside.test' } }))!
  const version = (await services.frameworks.list(partnership.id)).find((candidate) => candidate.key === 'section-11' && candidate.version === '2025')
  if (!version) return
  await services.cycleIssue.issue(admin.id, partnership.id, {
    name: `${now.getUTCFullYear()}/${String((now.getUTCFullYear() + 1) % 100).padStart(2, '0')} Section 11`,
    frameworkVersionId: version.id,
    opensOn: isoDaysFromNow(-30, now),
    closesOn: isoDaysFromNow(30, now),
    roles: [],
    sectors: [],
    areaIds: [],
    sizeTiers: [],
  })
}
