import { ConfigError, loadConfig } from '../server/config'
import { DatabaseUnreachableError, openDatabase } from '../server/database'
import { createMigrator } from '../server/db/migrate'

/** `npm run migrate`: applies pending migrations (openDatabase migrates) and lists what is applied. */
async function main() {
  const sequelize = await openDatabase(loadConfig())
  const executed = await createMigrator(sequelize).executed()
  process.stdout.write(`Database is up to date: ${executed.map((migration) => migration.name).join(', ')}\n`)
  await sequelize.close()
}

main().catch((error: unknown) => {
  const known = error instanceof ConfigError || error instanceof DatabaseUnreachableError
  process.stderr.write(`${known ? (error as Error).message : ((error as Error).stack ?? error)}\n`)
  process.exit(1)
})
