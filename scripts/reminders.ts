import { sendReminders } from '../server/actions/plan/reminders'
import { loadConfig } from '../server/config'
import { openDatabase } from '../server/database'
import { createLogger } from '../server/logger'
import { createServices } from '../server/services'

/**
 * `npm run reminders`, for a scheduler (once a day): emails the owners of open actions due within
 * 14 days or overdue, and organisations whose statement is due for review, then sends the outbox.
 * Prints one line per email and a summary. Safe to run twice a day: nothing is reminded twice.
 */
async function main() {
  const config = loadConfig()
  const sequelize = await openDatabase(config)
  const services = createServices(sequelize, config, createLogger(config.production ? 'info' : 'warn'))
  const { lines, summary } = await sendReminders(services, config.publicUrl)
  for (const line of lines) process.stdout.write(`${line}\n`)
  process.stdout.write(`${summary}\n`)
  await sequelize.close()
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message ?? error}\n`)
  process.exit(1)
})
