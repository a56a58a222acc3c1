import { loadConfig } from '../server/config'
import { openDatabase } from '../server/database'
import { createMigrator } from '../server/db/migrate'
import { demoSignInsText, seedDemo, seedDemoCycle } from '../server/demo/seed'
import { createLogger } from '../server/logger'
import { createServices } from '../server/services'

/** `npm run demo:reset`: removes every table, migrates from scratch and seeds the demo partnership. */
async function main() {
  const config = loadConfig()
  if (config.production) throw new Error('demo:reset refuses to run when NODE_ENV=production')
  const sequelize = await openDatabase(config)
  const migrator = createMigrator(sequelize)
  await migrator.down({ to: 0 })
  await migrator.up()
  const services = createServices(sequelize, config, createLogger('silent'))
  await services.frameworks.loadShippedFrameworks()
  await services.ruleSets.loadShippedRuleSets()
  await seedDemo(sequelize)
  await seedDemoCycle(services)
  process.stdout.write(`Demo data reset.\n${demoSignInsText()}\n`)
  await sequelize.close()
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message ?? error}\n`)
  process.exit(1)
})
