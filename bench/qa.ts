import { once } from 'node:events'
import type { AddressInfo } from 'node:net'
import { performance } from 'node:perf_hooks'
import { QueryTypes, Sequelize } from 'sequelize'
import { createApp } from '../server/app'
import { hashPassword } from '../server/auth/password'
import { loadConfig } from '../server/config'
import { openDatabase } from '../server/database'
import { Area, AssessmentReturn, CycleReturn, Membership, Organisation, Partnership, ReturnAnswer, User } from '../server/db/models'
import { organisationRoleKinds, sizeTiers } from '../server/db/models/organisationKinds'
import { createLogger } from '../server/logger'
import { SECTOR_KEYS } from '../server/organisations/sectors'
import { heatmap } from '../server/qa/heatmap'
import { ratingCounts } from '../server/qa/ratingCounts'
import { createServices } from '../server/services'
import { standardsFor } from '../server/standards/applicability'
import { seededRandom } from '../test/helpers/generatedReturns'
import { profiled } from './profile'
import { createTestDatabase } from '../test/helpers/testDatabase'
import { CookieJar } from './cookieJar'

/**
 * A partnership of BENCH_ORGANISATIONS (default 500) organisations with three Section 11 cycles
 * (2024, 2024, 2025 versions; about 60 criteria), every return answered and scored through the
 * scoring service. Then, signed in as a QA reviewer over HTTP, each QA view is requested
 * BENCH_REQUESTS times (default 30), and the SQL the view needs is timed on its own as the floor.
 * Views: the comparison, the heatmap, a filtered two-year comparison and one organisation's history.
 * Prints one JSON line per view: {"view":"comparison","p50ms":…,"p95ms":…,"floorMs":…,"ratio":…,"ratioP50":…}:
 * ratio is the view's p95 over the floor's median, ratioP50 the view's median over it. First, the
 * least any page costs: a signed-in page that reads nothing (the not-found page: the session, the
 * user, the layout), so a view's ratio can be read against what no view can go below.
 * SQLite by default; TEST_DATABASE_URL for PostgreSQL; BENCH_PROFILE=1 writes CPU profiles of the requests.
 */
const ORGANISATIONS = Number(process.env.BENCH_ORGANISATIONS ?? 500)
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 30)
const PASSWORD = 'bench reviewer password'

/** The one query the history needs: every answer of the organisation's returns to the partnership's cycles. */
function historyAnswers(sequelize: Sequelize, organisationId: number, partnershipId: number) {
  return sequelize.query(
    `SELECT ra.return_id, ra.criterion_key, ra.score, ra.moderated_score, ra.not_applicable, ra.narrative FROM return_answers ra
     WHERE ra.return_id IN (SELECT r.id FROM returns r JOIN cycle_returns cr ON cr.return_id = r.id AND cr.withdrawn_at IS NULL JOIN cycles c ON c.id = cr.cycle_id
       WHERE r.organisation_id = :organisationId AND c.partnership_id = :partnershipId)`,
    { replacements: { organisationId, partnershipId }, type: QueryTypes.SELECT },
  )
}

const percentile = (values: number[], fraction: number) => Math.round([...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * fraction))] * 10) / 10

async function time(run: () => Promise<unknown>, times: number): Promise<number[]> {
  const took: number[] = []
  for (let index = 0; index < times; index++) {
    const started = performance.now()
    await run()
    took.push(performance.now() - started)
  }
  return took
}

async function main() {
  process.setSourceMapsEnabled(false)
  const database = await createTestDatabase()
  const config = { ...loadConfig({ LOG_LEVEL: 'silent' }), production: true, databaseUrl: database.databaseUrl, sqliteFile: database.sqliteFile }
  const sequelize = await openDatabase(config)
  const services = createServices(sequelize, config, createLogger('silent'), { mailer: { send: async () => undefined } })
  try {
    await services.frameworks.loadShippedFrameworks()
    await services.ruleSets.loadShippedRuleSets()
    const partnership = await Partnership.create({ name: 'Bench Partnership', slug: 'bench' })
    const areas = await Promise.all(['North', 'South'].map((name) => Area.create({ name, partnershipId: partnership.id })))
    const random = seededRandom(5)
    await Organisation.bulkCreate(
      Array.from({ length: ORGANISATIONS }, (_, index) => ({
        name: `Organisation ${index + 1}`,
        role: organisationRoleKinds[index % organisationRoleKinds.length],
        sectorKey: SECTOR_KEYS[index % SECTOR_KEYS.length],
        sizeTier: sizeTiers[index % sizeTiers.length],
      })),
    )
    const organisations = await Organisation.findAll()
    await sequelize.models.organisation_partnerships.bulkCreate(organisations.map((organisation) => ({ organisationId: organisation.id, partnershipId: partnership.id })))
    await sequelize.models.organisation_areas.bulkCreate(organisations.map((organisation, index) => ({ organisationId: organisation.id, areaId: areas[index % 2].id })))
    const reviewer = await User.create({ email: 'qa@bench.test', name: 'Bench Reviewer', passwordHash: await hashPassword(PASSWORD) })
    await Membership.create({ userId: reviewer.id, role: 'qa_reviewer', organisationId: null, partnershipId: partnership.id })
    const versions = await services.frameworks.list(partnership.id)
    const version = (key: string) => versions.find((candidate) => candidate.key === 'section-11' && candidate.version === key)!

    const cycleIds: number[] = []
    for (const [year, versionKey] of [[2024, '2024'], [2025, '2024'], [2026, '2025']] as const) {
      const { cycle } = await services.cycleIssue.issue(reviewer.id, partnership.id, { name: `Bench ${year}`, frameworkVersionId: version(versionKey).id, opensOn: `${year}-01-01`, closesOn: `${year}-03-31`, roles: [], sectors: [], areaIds: [], sizeTiers: [] })
      cycleIds.push(cycle.id)
      const links = await CycleReturn.findAll({ where: { cycleId: cycle.id }, include: [{ model: AssessmentReturn, as: 'assessmentReturn', include: [{ model: Organisation, as: 'organisation' }] }] })
      for (const link of links as (CycleReturn & { assessmentReturn: AssessmentReturn & { organisation: Organisation } })[]) {
        const assessment = link.assessmentReturn
        const answers = standardsFor(version(versionKey).definition, assessment.organisation).flatMap((standard) =>
          standard.criteria.map((criterion) => ({ returnId: assessment.id, criterionKey: criterion.key, score: Math.min(3, Math.floor(random() * 3.4 + (year - 2024) * 0.2)), notApplicable: false, notApplicableReason: null, narrative: random() < 0.8 ? 'Evidence' : null, questionAnswers: {}, updatedById: null })),
        )
        await ReturnAnswer.bulkCreate(answers)
        await assessment.update({ status: 'submitted', submittedAt: new Date(`${year}-03-01T10:00:00Z`) })
        await services.scoring.score(assessment.id, 'submitted')
      }
    }

    const server = createApp(services, config).listen(0, '127.0.0.1')
    await once(server, 'listening')
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    const cookies = new CookieJar()
    const get = async (path: string, init: RequestInit = {}) => {
      const response = await fetch(`${base}${path}`, { ...init, redirect: 'manual', headers: { cookie: cookies.header(), ...(init.headers ?? {}) } })
      cookies.update(response)
      const text = await response.text()
      if (response.status >= 400) throw new Error(`${path}: ${response.status}`)
      return text
    }
    const csrf = (await get('/sign-in')).match(/name="_csrf" value="([^"]+)"/)![1]
    await get('/sign-in', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ email: 'qa@bench.test', password: PASSWORD, _csrf: csrf }).toString() })

    const [first, second, third] = cycleIds
    const historyOrganisation = organisations[Math.floor(organisations.length / 2)].id
    const views = [
      { view: 'comparison', path: `/comparison?cycleId=${third}&earlierCycleId=${second}`, floor: () => Promise.all([ratingCounts(sequelize, third, {}), ratingCounts(sequelize, second, {})]) },
      { view: 'heatmap', path: `/heatmap?cycleId=${third}&earlierCycleId=${second}&sort=S11-3`, floor: () => heatmap(sequelize, third, second, {}) },
      { view: 'comparison-two-years', path: `/comparison?cycleId=${third}&earlierCycleId=${first}&sector=education`, floor: () => Promise.all([ratingCounts(sequelize, third, { sector: 'education' }), ratingCounts(sequelize, first, { sector: 'education' })]) },
      { view: 'history', path: `/organisations/${historyOrganisation}/history`, floor: () => historyAnswers(sequelize, historyOrganisation, partnership.id) },
    ]
    const emptyPage = await time(() => fetch(`${base}/no-such-page`, { headers: { cookie: cookies.header() } }).then((response) => response.text()), REQUESTS)
    console.log(JSON.stringify({ view: 'signed-in-empty-page', engine: sequelize.getDialect(), p50ms: percentile(emptyPage, 0.5), p95ms: percentile(emptyPage, 0.95) }))
    for (const { view, path, floor } of views) {
      await get(path)
      const requests = await profiled(view, () => time(() => get(path), REQUESTS))
      const floors = await time(floor, REQUESTS)
      const [p50, p95, floorMs] = [percentile(requests, 0.5), percentile(requests, 0.95), percentile(floors, 0.5)]
      console.log(JSON.stringify({ view, engine: sequelize.getDialect(), organisations: ORGANISATIONS, p50ms: p50, p95ms: p95, floorMs, ratio: Math.round((p95 / floorMs) * 10) / 10, ratioP50: Math.round((p50 / floorMs) * 10) / 10 }))
    }
    server.closeAllConnections()
    server.close()
  } finally {
    await sequelize.close()
    await database.drop()
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
