import { fork } from 'node:child_process'
import { once } from 'node:events'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { performance } from 'node:perf_hooks'
import { createInterface } from 'node:readline'
import type { Sequelize } from 'sequelize'
import { createApp } from '../server/app'
import { loadConfig } from '../server/config'
import { openDatabase } from '../server/database'
import { Area, Organisation, Partnership, Statement } from '../server/db/models'
import { organisationRoleKinds, sizeTiers } from '../server/db/models/organisationKinds'
import { todayInEngland } from '../server/forms/dates'
import { createLogger } from '../server/logger'
import { SECTOR_KEYS } from '../server/organisations/sectors'
import { createServices } from '../server/services'
import { addDays, statementContent } from '../test/helpers/directoryFixtures'
import { seededRandom } from '../test/helpers/generatedReturns'
import { createTestDatabase } from '../test/helpers/testDatabase'
import { startProfile } from './profile'

/**
 * The public directory under load: a partnership of BENCH_STATEMENTS (default 2,000) organisations
 * with published statements, plus superseded versions, drafts, submitted and returned ones that
 * must not show. The app runs as in production in a child process of its own (request logs at
 * info, read by this process to count server errors), and BENCH_CONNECTIONS (50) keep-alive
 * connections each send directory searches one after another for BENCH_SECONDS (20): names, parts
 * of names, sector, role and area filters, pages, and some JSON, drawn from a pool of
 * BENCH_QUERIES (400) different searches.
 *
 * Before the measurement each search in the pool is asked once, one at a time: those are the
 * first builds of each response (the SQL and the rendering), reported as `uncached`. After it,
 * for BENCH_MISS_SECONDS (10), the same connections send only searches never asked before (parts
 * of names, as someone types them), so every one runs its SQL and rendering under load:
 * reported as `missesUnderLoad`.
 * Prints one JSON line: {"requestsPerSecond":…,"p50Ms":…,"p99Ms":…,"statements":2000,"connections":50,
 * "seconds":20,"engine":"sqlite",…}. SQLite by default; TEST_DATABASE_URL for PostgreSQL; BENCH_PROFILE=1
 * writes a CPU profile of the server (bench/profiles/directory-server.cpuprofile).
 */
const STATEMENTS = Number(process.env.BENCH_STATEMENTS ?? 2000)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20)
const QUERIES = Number(process.env.BENCH_QUERIES ?? 400)
/** How long the second measurement runs: every request a search not asked before, so none is answered from the cache. */
const MISS_SECONDS = Number(process.env.BENCH_MISS_SECONDS ?? 10)

const PLACES = ['Riverside', 'Millbrook', 'Eastfield', 'Westgate', 'Northbrook', 'Southmead', 'Oakley', 'Ashford', 'Bramley', 'Cedar Vale', 'Dunmore', 'Elmstead', 'Fairholme', 'Glenside', 'Hartwell', 'Ivybridge', 'Kingsmead', 'Larchfield', 'Meadowbank', 'Newlands']
const KINDS = ['Youth Club', 'Football Club', 'Dance Academy', 'Scout Group', 'Primary School', 'Swimming Club', 'Parish Church', 'Mosque Education Centre', 'Tuition Centre', 'Drama Group', 'Boxing Club', 'Holiday Scheme', 'Music School', 'Cricket Club', 'Athletics Club', 'Gurdwara Classes', 'Chess Club', 'Martial Arts Academy', 'Nursery', 'Family Centre']

interface Ready {
  port: number
  engine: string
  areaIds: number[]
}

async function seed(sequelize: Sequelize, partnership: Partnership, areas: Area[]): Promise<void> {
  const random = seededRandom(9)
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]
  const today = todayInEngland()
  // Published ones first, then organisations whose statement is still in the workflow.
  const unpublished = Math.round(STATEMENTS / 10)
  await Organisation.bulkCreate(
    Array.from({ length: STATEMENTS + unpublished }, (_, index) => ({
      name: `${PLACES[index % PLACES.length]} ${KINDS[Math.floor(index / PLACES.length) % KINDS.length]}${index >= PLACES.length * KINDS.length ? ` ${Math.floor(index / (PLACES.length * KINDS.length)) + 1}` : ''}`,
      role: pick(organisationRoleKinds),
      sectorKey: pick(SECTOR_KEYS),
      sizeTier: pick(sizeTiers),
    })),
  )
  const organisations = await Organisation.findAll({ order: [['id', 'ASC']] })
  await sequelize.models.organisation_partnerships.bulkCreate(organisations.map((organisation) => ({ organisationId: organisation.id, partnershipId: partnership.id })))
  await sequelize.models.organisation_areas.bulkCreate(
    organisations.flatMap((organisation, index) => [...new Set([areas[index % areas.length], pick(areas)])].map((area) => ({ organisationId: organisation.id, areaId: area.id }))),
  )
  const content = statementContent('Bench')
  const statement = (organisationId: number, version: number, status: Statement['status'], reviewOn: string) => ({
    organisationId,
    partnershipId: partnership.id,
    version,
    status,
    content,
    signedByName: 'Bench Signer',
    signedByRole: 'Director',
    signedAt: new Date(),
    effectiveOn: addDays(reviewOn, -730),
    reviewOn,
    publishedAt: status === 'approved' || status === 'superseded' ? new Date() : null,
    supersededAt: status === 'superseded' ? new Date() : null,
    createdById: null,
  })
  const rows = organisations.flatMap((organisation, index) => {
    if (index >= STATEMENTS) return [statement(organisation.id, 1, pick(['draft', 'submitted', 'returned'] as const), addDays(today, 700))]
    // Review dates from overdue to two years ahead, so every status shows; every fourth has an older version it replaced.
    const reviewOn = addDays(today, Math.floor(random() * 900) - 200)
    const current = statement(organisation.id, index % 4 === 0 ? 2 : 1, 'approved', reviewOn)
    return index % 4 === 0 ? [statement(organisation.id, 1, 'superseded', addDays(reviewOn, -730)), current] : [current]
  })
  for (let start = 0; start < rows.length; start += 500) await Statement.bulkCreate(rows.slice(start, start + 500))
}

async function serve(): Promise<void> {
  // As the other benches: tsx turns source maps on, which makes Sequelize's per-query stack traces cost several times more.
  process.setSourceMapsEnabled(false)
  const database = await createTestDatabase()
  const config = { ...loadConfig({ LOG_LEVEL: 'info' }), production: true, databaseUrl: database.databaseUrl, sqliteFile: database.sqliteFile }
  const sequelize = await openDatabase(config)
  const services = createServices(sequelize, config, createLogger(config.logLevel), { mailer: { send: async () => undefined } })
  const partnership = await Partnership.create({ name: 'Bench Partnership', slug: 'bench' })
  const areas = await Promise.all(['North', 'South', 'East', 'West'].map((name) => Area.create({ name, partnershipId: partnership.id })))
  await seed(sequelize, partnership, areas)
  const server = createApp(services, config).listen(0, '127.0.0.1')
  await once(server, 'listening')
  const ready: Ready = { port: (server.address() as AddressInfo).port, engine: sequelize.getDialect(), areaIds: areas.map((area) => area.id) }
  const stopProfile = await startProfile('directory-server')
  process.send!(ready)
  await Promise.race([once(process, 'message'), once(process, 'disconnect')])
  await stopProfile()
  server.closeAllConnections()
  server.close()
  await sequelize.close()
  await database.drop()
  if (process.connected) process.disconnect()
}

/** The pool of searches: mostly the first page, often with a name, sometimes a filter or two, a few as JSON. */
function searches(areaIds: number[]): string[] {
  const random = seededRandom(3)
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]
  const names = [...PLACES, ...KINDS, 'club', 'school', 'ford', 'academy', 'church', 'mead', 'brook', 'centre']
  const pool = new Set<string>(['/directory'])
  while (pool.size < QUERIES) {
    const params = new URLSearchParams()
    if (random() < 0.6) params.set('q', pick(names).toLowerCase())
    if (random() < 0.3) params.set('sector', pick(SECTOR_KEYS))
    if (random() < 0.2) params.set('role', pick(organisationRoleKinds))
    if (random() < 0.3) params.set('area', String(pick(areaIds)))
    if (random() < 0.3) params.set('page', String(2 + Math.floor(random() * 4)))
    const query = params.toString()
    pool.add(`${random() < 0.1 ? '/directory.json' : '/directory'}${query ? `?${query}` : ''}`)
  }
  return [...pool]
}

/**
 * Searches never asked before, one per call, so none is in the app's cache: part of an
 * organisation's name (the letters someone types), sometimes with a filter or a second page.
 */
function unseenSearches(areaIds: number[]): () => string {
  const random = seededRandom(11)
  const names = PLACES.flatMap((place) => KINDS.map((kind) => `${place} ${kind}`.toLowerCase()))
  const asked = new Set<string>()
  return () => {
    for (;;) {
      const name = names[Math.floor(random() * names.length)]
      const start = Math.floor(random() * (name.length - 3))
      const params = new URLSearchParams({ q: name.slice(start, start + 3 + Math.floor(random() * 6)).trim() })
      if (random() < 0.3) params.set('area', String(areaIds[Math.floor(random() * areaIds.length)]))
      if (random() < 0.2) params.set('page', '2')
      const path = `/directory?${params}`
      if (!asked.has(path)) {
        asked.add(path)
        return path
      }
    }
  }
}

/** CONNECTIONS connections, each asking for the next path as soon as its last answer came, for `seconds`: the sorted latencies. */
async function underLoad(agent: http.Agent, port: number, nextPath: () => string, seconds: number, failed: () => void): Promise<number[]> {
  const latencies: number[] = []
  const deadline = performance.now() + seconds * 1000
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < deadline) {
        const path = nextPath()
        const started = performance.now()
        try {
          if ((await get(agent, port, path)) !== 200) failed()
        } catch {
          failed()
        }
        latencies.push(performance.now() - started)
      }
    }),
  )
  return latencies.sort((a, b) => a - b)
}

const percentile = (sorted: number[], fraction: number) => Math.round((sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? 0) * 10) / 10

function get(agent: http.Agent, port: number, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path, agent }, (response) => {
        response.resume()
        response.on('end', () => resolve(response.statusCode ?? 0))
        response.on('error', reject)
      })
      .on('error', reject)
  })
}

async function measure(): Promise<void> {
  const server = fork(__filename, ['serve'], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] })
  const exited = once(server, 'exit')
  let serverErrors = 0
  createInterface({ input: server.stdout! }).on('line', (line) => {
    if (/"level":(50|60)/.test(line)) serverErrors++
  })
  try {
    const [ready] = (await Promise.race([once(server, 'message'), exited.then(() => Promise.reject(new Error('The bench server stopped before it was ready')))])) as [Ready]
    const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS })
    const pool = searches(ready.areaIds)
    let errors = 0
    const uncached: number[] = []
    for (const path of pool) {
      const started = performance.now()
      if ((await get(agent, ready.port, path)) !== 200) errors++
      uncached.push(performance.now() - started)
    }
    const serverErrorsBefore = serverErrors
    let next = 0
    const latencies = await underLoad(agent, ready.port, () => pool[next++ % pool.length], SECONDS, () => errors++)
    const unseen = unseenSearches(ready.areaIds)
    const misses = await underLoad(agent, ready.port, unseen, MISS_SECONDS, () => errors++)
    agent.destroy()
    uncached.sort((a, b) => a - b)
    process.stdout.write(
      `${JSON.stringify({
        requestsPerSecond: Math.round(latencies.length / SECONDS),
        p50Ms: percentile(latencies, 0.5),
        p99Ms: percentile(latencies, 0.99),
        statements: STATEMENTS,
        connections: CONNECTIONS,
        seconds: SECONDS,
        engine: ready.engine,
        requests: latencies.length,
        distinctSearches: pool.length,
        errors,
        serverErrors: serverErrors - serverErrorsBefore,
        uncached: { p50Ms: percentile(uncached, 0.5), p99Ms: percentile(uncached, 0.99) },
        missesUnderLoad: { seconds: MISS_SECONDS, requestsPerSecond: Math.round(misses.length / MISS_SECONDS), p50Ms: percentile(misses, 0.5), p99Ms: percentile(misses, 0.99) },
      })}\n`,
    )
  } finally {
    if (server.connected) server.send('stop')
    await exited
  }
}

;(process.argv[2] === 'serve' ? serve() : measure()).catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? error}\n`)
  process.exit(1)
})
