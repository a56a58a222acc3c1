import { once } from 'node:events'
import type { AddressInfo } from 'node:net'
import { performance } from 'node:perf_hooks'
import { createApp } from '../server/app'
import { hashPassword } from '../server/auth/password'
import { loadConfig } from '../server/config'
import { openDatabase } from '../server/database'
import { AssessmentReturn, Area, FrameworkVersion, Membership, Organisation, Partnership, User } from '../server/db/models'
import { createLogger } from '../server/logger'
import { createServices } from '../server/services'
import { createTestDatabase } from '../test/helpers/testDatabase'

/**
 * 50 signed-in organisation leads save a section of their own returns over and over for 30 s,
 * through HTTP, each save carrying the version it read. Prints one JSON line: requests/s,
 * p50/p95/p99 latency of the saves, and the error count. SQLite by default; TEST_DATABASE_URL for PostgreSQL.
 */
const USERS = Number(process.env.BENCH_USERS ?? 50)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30)
const PASSWORD = 'bench password 123'

class Client {
  private cookie = ''
  constructor(private readonly base: string) {}
  async request(path: string, init: { method?: string; form?: Record<string, string> } = {}) {
    const response = await fetch(`${this.base}${path}`, {
      method: init.method ?? 'GET',
      redirect: 'manual',
      headers: { cookie: this.cookie, ...(init.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      body: init.form ? new URLSearchParams(init.form).toString() : undefined,
    })
    const setCookie = response.headers.get('set-cookie')
    if (setCookie) this.cookie = setCookie.split(';')[0]
    return { status: response.status, text: await response.text() }
  }
}

const field = (html: string, name: string) => html.match(new RegExp(`name="${name}" value="([^"]*)"`))?.[1] ?? ''

async function main() {
  const database = await createTestDatabase()
  // Production settings where they matter for speed (compiled views are cached), without the rest of production.
  const config = { ...loadConfig({ LOG_LEVEL: 'silent' }), production: process.env.BENCH_DEVELOPMENT !== 'true', databaseUrl: database.databaseUrl, sqliteFile: database.sqliteFile }
  const sequelize = await openDatabase(config)
  const server = createApp(createServices(sequelize, config, createLogger('silent'), { mailer: { send: async () => undefined } }), config).listen(0, '127.0.0.1')
  try {
    const services = createServices(sequelize, config, createLogger('silent'), { mailer: { send: async () => undefined } })
    await services.frameworks.loadShippedFrameworks()
    const partnership = await Partnership.create({ name: 'Bench Partnership', slug: 'bench' })
    const area = await Area.create({ name: 'North', partnershipId: partnership.id })
    const passwordHash = await hashPassword(PASSWORD)
    for (let index = 1; index <= USERS; index++) {
      const organisation = await Organisation.create({ name: `Organisation ${index}`, role: 'named_organisation', sectorKey: 'voluntary-community', sizeTier: 'small' })
      await sequelize.models.organisation_partnerships.create({ organisationId: organisation.id, partnershipId: partnership.id })
      await sequelize.models.organisation_areas.create({ organisationId: organisation.id, areaId: area.id })
      const user = await User.create({ email: `lead${index}@bench.test`, name: `Lead ${index}`, passwordHash })
      await Membership.create({ userId: user.id, role: 'organisation_lead', organisationId: organisation.id, partnershipId: null })
    }
    const version = (await FrameworkVersion.findOne({ where: { key: 'section-11', version: '2025' } }))!
    const { cycle } = await services.cycleIssue.issue(1, partnership.id, { name: 'Bench', frameworkVersionId: version.id, opensOn: '2026-01-01', closesOn: '2026-12-31', roles: [], sectors: [], areaIds: [], sizeTiers: [] })
    const returns = await AssessmentReturn.findAll({ where: { firstCycleId: cycle.id }, order: [['organisationId', 'ASC']] })
    const criteria = version.definition.standards[0].criteria.map((criterion) => criterion.key)

    if (!server.listening) await once(server, 'listening')
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    const latencies: number[] = []
    let errors = 0
    const deadline = performance.now() + SECONDS * 1000
    await Promise.all(
      returns.map(async (assessment, index) => {
        const client = new Client(base)
        const signIn = await client.request('/sign-in')
        const signedIn = await client.request('/sign-in', { method: 'POST', form: { email: `lead${index + 1}@bench.test`, password: PASSWORD, _csrf: field(signIn.text, '_csrf') } })
        if (signedIn.status !== 302) {
          process.stderr.write(`Sign-in failed with ${signedIn.status}: ${signedIn.text.match(/govuk-error-summary__list[\s\S]*?<a[^>]*>([^<]*)/)?.[1]}\n`)
          return
        }
        const path = `/returns/${assessment.id}/sections/S11-1`
        let page = await client.request(path)
        let round = 0
        while (performance.now() < deadline) {
          const form: Record<string, string> = { _csrf: field(page.text, '_csrf'), version: field(page.text, 'version') }
          for (const key of criteria) form[`${key}-score`] = String(round % 4)
          const started = performance.now()
          const saved = await client.request(path, { method: 'POST', form })
          latencies.push(performance.now() - started)
          if (saved.status !== 302) {
            errors++
            if (process.env.BENCH_DEBUG) process.stderr.write(`${saved.status} ${saved.text.match(/<title>([^<]*)/)?.[1]}\n`)
          }
          page = await client.request(path)
          round++
        }
      }),
    )
    latencies.sort((a, b) => a - b)
    const at = (fraction: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * fraction))] * 10) / 10
    process.stdout.write(
      `${JSON.stringify({ engine: sequelize.getDialect(), users: USERS, seconds: SECONDS, saves: latencies.length, requestsPerSecond: Math.round((latencies.length / SECONDS) * 10) / 10, p50: at(0.5), p95: at(0.95), p99: at(0.99), errors })}\n`,
    )
  } finally {
    server.close()
    await sequelize.close()
    await database.drop()
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? error}\n`)
  process.exit(1)
})
