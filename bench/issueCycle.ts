import { performance } from 'node:perf_hooks'
import { loadConfig } from '../server/config'
import { openDatabase } from '../server/database'
import { Area, Membership, Organisation, Partnership, User } from '../server/db/models'
import { createLogger } from '../server/logger'
import { createServices } from '../server/services'
import { createTestDatabase } from '../test/helpers/testDatabase'

/**
 * Issues a cycle to 2,000 organisations (each with a lead to email) on a fresh database:
 * SQLite by default, PostgreSQL when TEST_DATABASE_URL is set. Prints one JSON line.
 */
const ORGANISATIONS = Number(process.env.BENCH_ORGANISATIONS ?? 2000)

async function main() {
  const database = await createTestDatabase()
  const config = { ...loadConfig({ LOG_LEVEL: 'silent' }), databaseUrl: database.databaseUrl, sqliteFile: database.sqliteFile }
  const sequelize = await openDatabase(config)
  try {
    const services = createServices(sequelize, config, createLogger('silent'), { mailer: { send: async () => undefined } })
    await services.frameworks.loadShippedFrameworks()
    await services.ruleSets.loadShippedRuleSets()
    const partnership = await Partnership.create({ name: 'Bench Partnership', slug: 'bench' })
    const areas = await Promise.all(['North', 'South'].map((name) => Area.create({ name, partnershipId: partnership.id })))
    const organisations = await Organisation.bulkCreate(
      Array.from({ length: ORGANISATIONS }, (_, index) => ({ name: `Organisation ${index + 1}`, role: 'relevant_agency' as const, sectorKey: 'education', sizeTier: 'medium' as const })),
    )
    const ids = (await Organisation.findAll({ attributes: ['id'] })).map((row) => row.id)
    await sequelize.models.organisation_partnerships.bulkCreate(ids.map((organisationId) => ({ organisationId, partnershipId: partnership.id })))
    await sequelize.models.organisation_areas.bulkCreate(ids.map((organisationId, index) => ({ organisationId, areaId: areas[index % 2].id })))
    await User.bulkCreate(ids.map((id) => ({ email: `lead${id}@bench.test`, name: `Lead ${id}`, passwordHash: null })))
    const users = await User.findAll({ attributes: ['id', 'email'] })
    await Membership.bulkCreate(users.map((user) => ({ userId: user.id, role: 'organisation_lead' as const, organisationId: Number(user.email.match(/\d+/)![0]), partnershipId: null })))
    const version = (await services.frameworks.list(partnership.id)).find((candidate) => candidate.key === 'section-11' && candidate.version === '2025')!

    const started = performance.now()
    const { issued } = await services.cycleIssue.issue(users[0].id, partnership.id, {
      name: 'Bench 2025/26',
      frameworkVersionId: version.id,
      opensOn: '2026-01-01',
      closesOn: '2026-03-31',
      roles: [],
      sectors: [],
      areaIds: [],
      sizeTiers: [],
    })
    const seconds = (performance.now() - started) / 1000
    if (issued !== organisations.length) throw new Error(`Issued ${issued}, expected ${organisations.length}`)
    process.stdout.write(`${JSON.stringify({ organisations: issued, seconds: Math.round(seconds * 1000) / 1000, engine: sequelize.getDialect() })}\n`)
  } finally {
    await sequelize.close()
    await database.drop()
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? error}\n`)
  process.exit(1)
})
