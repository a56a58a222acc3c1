import { createApp } from './app'
import { ConfigError, loadConfig } from './config'
import { InvalidShippedRulesError } from './scoring/ruleSetService'
import { ShippedFrameworkChangedError } from './standards/service'
import { DatabaseUnreachableError, openDatabase } from './database'
import { demoSignInsText, isEmpty, seedDemo, seedDemoCycle } from './demo/seed'
import { createLogger } from './logger'
import { createServices } from './services'

async function main(): Promise<void> {
  const config = loadConfig()
  const logger = createLogger(config.logLevel)
  const sequelize = await openDatabase(config)
  const services = createServices(sequelize, config, logger)
  await services.frameworks.loadShippedFrameworks()
  await services.ruleSets.loadShippedRuleSets()
  if (config.seedDemo && (await isEmpty())) {
    await seedDemo(sequelize)
    await seedDemoCycle(services)
    logger.info('Seeded the demo partnership')
  }
  const stopOutbox = services.outbox.start()
  const stopRescoring = services.scoringJobs.start()
  const app = createApp(services, config)
  const server = app.listen(config.port, () => {
    const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `SQLite (${config.sqliteFile})`
    process.stdout.write(`\nAssure is running on http://localhost:${config.port} using ${where}\n`)
    if (config.seedDemo) process.stdout.write(`\n${demoSignInsText()}\n\n`)
  })
  const shutDown = () => {
    stopOutbox()
    stopRescoring()
    server.close(() => sequelize.close().then(() => process.exit(0)))
  }
  process.on('SIGTERM', shutDown)
  process.on('SIGINT', shutDown)
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DatabaseUnreachableError || error instanceof ShippedFrameworkChangedError || error instanceof InvalidShippedRulesError) {
    process.stderr.write(`${error.message}\n`)
  } else {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`)
  }
  process.exit(1)
})
