import { once } from 'node:events'
import type { AddressInfo } from 'node:net'
import { createApp } from '../server/app'
import { hashPassword } from '../server/auth/password'
import { loadConfig } from '../server/config'
import { openDatabase } from '../server/database'
import { AssessmentReturn, Area, FrameworkVersion, Membership, Organisation, Partnership, User } from '../server/db/models'
import { createLogger } from '../server/logger'
import { createServices } from '../server/services'
import { createTestDatabase } from '../test/helpers/testDatabase'
import { startProfile } from './profile'

/**
 * The server side of bench/saveSection, run as a child process so the load generator does not
 * share its event loop. Seeds a fresh database (SQLite, or PostgreSQL with TEST_DATABASE_URL) with
 * one organisation lead per return, listens on a free port and tells the parent where, then runs
 * until the parent says stop. Configured as in production where it matters for speed.
 */
export interface BenchServerReady {
  engine: string
  port: number
  password: string
  users: { email: string; returnId: number }[]
  criteria: string[]
}

const USERS = Number(process.env.BENCH_USERS ?? 50)
const PASSWORD = 'bench password 123'

async function main() {
  // Production runs compiled JavaScript without source maps; tsx turns them on, and Sequelize's
  // SQLite dialect formats a stack trace for every query, which costs several times more with them.
  process.setSourceMapsEnabled(false)
  const database = await createTestDatabase()
  // As in production: compiled views cached, request logs at info (on stdout, where the parent counts errors).
  const config = { ...loadConfig({ LOG_LEVEL: 'info' }), production: true, databaseUrl: database.databaseUrl, sqliteFile: database.sqliteFile }
  const sequelize = await openDatabase(config)
  const logger = createLogger(config.logLevel)
  const services = createServices(sequelize, config, logger, { mailer: { send: async () => undefined } })
  await services.frameworks.loadShippedFrameworks()
  await services.ruleSets.loadShippedRuleSets()
  const partnership = await Partnership.create({ name: 'Bench Partnership', slug: 'bench' })
  const area = await Area.create({ name: 'North', partnershipId: partnership.id })
  const passwordHash = await hashPassword(PASSWORD)
  const emails = new Map<number, string>()
  for (let index = 1; index <= USERS; index++) {
    const organisation = await Organisation.create({ name: `Organisation ${index}`, role: 'named_organisation', sectorKey: 'voluntary-community', sizeTier: 'small' })
    await sequelize.models.organisation_partnerships.create({ organisationId: organisation.id, partnershipId: partnership.id })
    await sequelize.models.organisation_areas.create({ organisationId: organisation.id, areaId: area.id })
    const user = await User.create({ email: `lead${index}@bench.test`, name: `Lead ${index}`, passwordHash })
    await Membership.create({ userId: user.id, role: 'organisation_lead', organisationId: organisation.id, partnershipId: null })
    emails.set(organisation.id, user.email)
  }
  const version = (await FrameworkVersion.findOne({ where: { key: 'section-11', version: '2025' } }))!
  const { cycle } = await services.cycleIssue.issue(1, partnership.id, { name: 'Bench', frameworkVersionId: version.id, opensOn: '2026-01-01', closesOn: '2026-12-31', roles: [], sectors: [], areaIds: [], sizeTiers: [] })
  const returns = await AssessmentReturn.findAll({ where: { firstCycleId: cycle.id }, order: [['organisationId', 'ASC']] })

  const stopOutbox = services.outbox.start()
  const server = createApp(services, config).listen(0, '127.0.0.1')
  await once(server, 'listening')
  const ready: BenchServerReady = {
    engine: sequelize.getDialect(),
    port: (server.address() as AddressInfo).port,
    password: PASSWORD,
    users: returns.map((assessment) => ({ email: emails.get(assessment.organisationId)!, returnId: assessment.id })),
    criteria: version.definition.standards[0].criteria.map((criterion) => criterion.key),
  }
  const stopProfile = await startProfile('save-section-server')
  process.send!(ready)
  // Told to stop, or the parent has gone: either way the database is dropped.
  await Promise.race([once(process, 'message'), once(process, 'disconnect')])
  await stopProfile()
  stopOutbox()
  server.closeAllConnections()
  server.close()
  await sequelize.close()
  await database.drop()
  if (process.connected) process.disconnect()
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? error}\n`)
  process.exit(1)
})
