import { availableParallelism } from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { Worker } from 'node:worker_threads'
import { openDatabase } from '../server/database'
import { loadConfig } from '../server/config'
import { createLogger } from '../server/logger'
import { checkRuleFiles, readRuleFiles } from '../server/scoring/ruleFiles'
import { createServices } from '../server/services'
import { checkFrameworks } from '../server/standards/checkFrameworks'
import { readFrameworkFiles } from '../server/standards/frameworkFiles'
import { AssessmentReturn } from '../server/db/models'
import { seedDemo, seedDemoCycle } from '../server/demo/seed'
import { scoreReturn } from '../server/scoring/scoreReturn'
import { createTestDatabase } from '../test/helpers/testDatabase'
import type { WorkerTask } from './scoringWorker'

/**
 * Scores BENCH_RETURNS (default 10,000) generated Section 11 2025 returns with the shipped rule set
 * on every core (one worker thread each), then the same returns with plainScoring, the same
 * thresholds as plain TypeScript, and checks both give identical ratings and flags. Then times
 * one submit's scoring through the service on a real database (SQLite, or PostgreSQL with
 * TEST_DATABASE_URL): reading the return, scoring it and storing the result.
 *
 * Prints one JSON line: returns, returnsPerSecond, baselinePerSecond, ratio (rules/baseline), agree,
 * workers, engineRunsPerReturn (how often json-rules-engine itself ran: the rest were situations
 * already evaluated), and submitMs (the first submit after a start, then the median and slowest of 30).
 */
const RETURNS = Number(process.env.BENCH_RETURNS ?? 10_000)
const WORKERS = Number(process.env.BENCH_WORKERS ?? Math.max(1, Math.min(availableParallelism(), 8)))

type Scored = { ratings: string[]; flags: string[] }

function startWorker(task: WorkerTask): Promise<{ worker: Worker; next: (phase: string) => Promise<Record<string, unknown>> }> {
  const worker = new Worker(path.join(__dirname, 'scoringWorkerEntry.cjs'), { workerData: task })
  const messages: ((message: unknown) => void)[] = []
  worker.on('message', (message) => messages.shift()?.(message))
  worker.on('error', (error) => {
    throw error
  })
  const next = (phase?: string) =>
    new Promise<Record<string, unknown>>((resolve) => {
      messages.push(resolve as (message: unknown) => void)
      if (phase) worker.postMessage(phase)
    })
  return next().then(() => ({ worker, next: (phase: string) => next(phase) }))
}

async function timedPhase(workers: Awaited<ReturnType<typeof startWorker>>[], phase: string) {
  const started = performance.now()
  const reports = await Promise.all(workers.map((worker) => worker.next(phase)))
  return { seconds: (performance.now() - started) / 1000, reports }
}

/**
 * Scoring one submit through the service on a real database (read the return, score it, store the
 * result): the first after start (which compiles the rules), then the median and slowest of 30 more.
 */
async function submitTimings(): Promise<{ cold: number; median: number; slowest: number; rulesOnlyMedian: number }> {
  process.setSourceMapsEnabled(false)
  const database = await createTestDatabase()
  const config = { ...loadConfig({ LOG_LEVEL: 'silent' }), databaseUrl: database.databaseUrl, sqliteFile: database.sqliteFile }
  const sequelize = await openDatabase(config)
  try {
    const seeding = createServices(sequelize, config, createLogger('silent'))
    await seeding.frameworks.loadShippedFrameworks()
    await seeding.ruleSets.loadShippedRuleSets()
    await seedDemo(sequelize)
    await seedDemoCycle(seeding)
    const submitted = await AssessmentReturn.findAll({ where: { status: 'submitted' }, order: [['id', 'ASC']] })
    // As a server starts: shipped rule sets loaded (and the published ones compiled).
    const services = createServices(sequelize, config, createLogger('silent'))
    await services.ruleSets.loadShippedRuleSets()
    const time = async (returnId: number) => {
      const started = performance.now()
      await services.scoring.score(returnId, 'submitted')
      return performance.now() - started
    }
    const cold = await time(submitted[0].id)
    const warm: number[] = []
    const rulesOnly: number[] = []
    for (let index = 0; index < 30; index++) {
      const returnId = submitted[index % submitted.length].id
      warm.push(await time(returnId))
      const { input, frameworkVersionId } = await services.scoring.inputOf(returnId)
      const compiled = await services.ruleSets.compiled((await services.ruleSets.published(frameworkVersionId))!)
      const started = performance.now()
      await scoreReturn(compiled, input)
      rulesOnly.push(performance.now() - started)
    }
    const round = (ms: number) => Math.round(ms * 100) / 100
    const median = (values: number[]) => round([...values].sort((a, b) => a - b)[Math.floor(values.length / 2)])
    return { cold: round(cold), median: median(warm), slowest: round(Math.max(...warm)), rulesOnlyMedian: median(rulesOnly) }
  } finally {
    await sequelize.close()
    await database.drop()
  }
}

async function main() {
  const { frameworks } = checkFrameworks(readFrameworkFiles())
  const { checked } = checkRuleFiles(readRuleFiles(), frameworks.map((entry) => entry.framework))
  const file = checked.find((entry) => entry.framework.key === 'section-11' && entry.framework.version === '2025')!
  const share = Math.ceil(RETURNS / WORKERS)
  const workers = await Promise.all(
    Array.from({ length: WORKERS }, (_, index) => startWorker({ ruleFile: file.file, from: index * share, to: Math.min(RETURNS, (index + 1) * share) })),
  )
  const rules = await timedPhase(workers, 'rules')
  const baseline = await timedPhase(workers, 'baseline')
  process.stderr.write(`worker ms: rules ${rules.reports.map((r) => Math.round(r.rulesMs as number)).join(', ')}; baseline ${baseline.reports.map((r) => Math.round(r.baselineMs as number)).join(', ')}; wall ${Math.round(rules.seconds * 1000)} / ${Math.round(baseline.seconds * 1000)}\n`)
  const ruleResults = rules.reports.flatMap((report) => report.outcomes as Scored[])
  const baselineResults = baseline.reports.flatMap((report) => report.results as Scored[])
  const same = (a: Scored, b: Scored) => a.ratings.join('|') === b.ratings.join('|') && [...a.flags].sort().join('|') === [...b.flags].sort().join('|')
  const disagreements = ruleResults.filter((result, index) => !same(result, baselineResults[index])).length
  const stats = rules.reports.map((report) => report.stats as { lookups: number; engineRuns: number })
  await Promise.all(workers.map(({ worker }) => worker.terminate()))
  const submit = await submitTimings()
  const returnsPerSecond = Math.round(RETURNS / rules.seconds)
  const baselinePerSecond = Math.round(RETURNS / baseline.seconds)
  const ratings = ruleResults.flatMap((result) => result.ratings)
  const spread = Object.fromEntries([...new Set(ratings)].map((rating) => [rating, ratings.filter((r) => r === rating).length]))
  process.stderr.write(`ratings given: ${JSON.stringify(spread)}; flags: ${ruleResults.reduce((sum, result) => sum + result.flags.length, 0)}\n`)
  console.log(
    JSON.stringify({
      returns: RETURNS,
      returnsPerSecond,
      baselinePerSecond,
      ratio: Math.round((returnsPerSecond / baselinePerSecond) * 1000) / 1000,
      agree: disagreements === 0,
      disagreements,
      workers: WORKERS,
      engineRunsPerReturn: Math.round((stats.reduce((sum, s) => sum + s.engineRuns, 0) / RETURNS) * 1000) / 1000,
      submitMs: submit,
    }),
  )
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
