import type { Sequelize } from 'sequelize'
import type { Config } from './config'
import { createSequelize } from './db/connection'
import { migrate } from './db/migrate'
import { initModels } from './db/models'

export class DatabaseUnreachableError extends Error {}

/** Connects (PostgreSQL when DATABASE_URL is set, else SQLite), defines the models and migrates. */
export async function openDatabase(config: Pick<Config, 'databaseUrl' | 'sqliteFile'>): Promise<Sequelize> {
  const sequelize = createSequelize(config)
  initModels(sequelize)
  try {
    await sequelize.authenticate()
  } catch (error) {
    await sequelize.close().catch(() => undefined)
    const target = config.databaseUrl ? 'the database at DATABASE_URL' : `the SQLite file ${config.sqliteFile}`
    throw new DatabaseUnreachableError(`Cannot connect to ${target} (check DATABASE_URL): ${(error as Error).message}`)
  }
  await migrate(sequelize)
  return sequelize
}
