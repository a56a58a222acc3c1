import { setTimeout as sleep } from 'node:timers/promises'
import { loadConfig } from '../server/config'
import { openDatabase } from '../server/database'
import { createLogger } from '../server/logger'
import { JobProgress } from '../server/scoring/jobService'
import { createServices } from '../server/services'

/**
 * `npm run rescore -- --cycle <id>`: rescores every submitted return of a cycle with the published
 * rules, with a progress bar. Ctrl-C stops after the current batch and pauses the job; the same
 * command resumes it where it stopped. If an app instance is already working on the job, this
 * shows that job's progress instead of starting a second worker.
 */
function cycleArgument(argv: string[]): number {
  const index = argv.indexOf('--cycle')
  const value = Number(index >= 0 ? argv[index + 1] : NaN)
  if (!Number.isInteger(value) || value <= 0) {
    process.stderr.write('Usage: npm run rescore -- --cycle <cycle id>\n')
    process.exit(2)
  }
  return value
}

function progressLine({ done, total, failed, status }: JobProgress): string {
  const width = 30
  const filled = total ? Math.round((done / total) * width) : width
  const percent = total ? Math.floor((done / total) * 100) : 100
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} returns (${percent}%)${failed ? `, ${failed} failed` : ''} ${status}`
}

async function main() {
  const cycleId = cycleArgument(process.argv.slice(2))
  const config = loadConfig()
  const sequelize = await openDatabase(config)
  const services = createServices(sequelize, config, createLogger(config.production ? 'info' : 'warn'))
  const show = (progress: JobProgress) => process.stderr.write(process.stderr.isTTY ? `\r${progressLine(progress)}` : `${progressLine(progress)}\n`)
  let stopping = false
  process.on('SIGINT', () => {
    stopping = true
    process.stderr.write('\nStopping after this batch…\n')
  })
  const job = await services.scoringJobs.createOrResume(null, cycleId)
  const ran = await services.scoringJobs.run(job.id, { onProgress: show, shouldStop: () => stopping })
  if (!ran) {
    process.stderr.write('Another worker is rescoring this cycle; showing its progress.\n')
    let current = await services.scoringJobs.get(job.id)
    while (current.status !== 'finished' && !stopping) {
      show(current)
      await sleep(1000)
      current = await services.scoringJobs.get(job.id)
    }
    show(current)
  }
  const final = await services.scoringJobs.get(job.id)
  process.stderr.write('\n')
  process.stdout.write(
    final.status === 'finished'
      ? `Rescored ${final.done} returns of cycle ${cycleId}${final.failed ? `; scoring failed for ${final.failed} (see the framework's scoring rules page)` : ''}.\n`
      : `Paused at ${final.done} of ${final.total}. Run the same command to resume.\n`,
  )
  await sequelize.close()
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message ?? error}\n`)
  process.exit(1)
})
