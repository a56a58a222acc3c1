import { QueryInterface, Sequelize } from 'sequelize'
import { SequelizeStorage, Umzug } from 'umzug'
import { migrationsGlob } from '../paths'

export interface MigrationModule {
  up(context: { context: QueryInterface }): Promise<void>
  down(context: { context: QueryInterface }): Promise<void>
}

/**
 * Migrations are named without their extension so a database migrated from source (tsx, .ts)
 * is recognised as up to date when run from the build (.js), and the other way round.
 */
export function createMigrator(sequelize: Sequelize) {
  return new Umzug<QueryInterface>({
    migrations: {
      glob: migrationsGlob,
      resolve: ({ name, path: file, context }) => {
        const load = (): MigrationModule => require(file!) as MigrationModule
        return {
          name: name.replace(/\.(ts|js)$/, ''),
          up: () => load().up({ context }),
          down: () => load().down({ context }),
        }
      },
    },
    context: sequelize.getQueryInterface(),
    storage: new SequelizeStorage({ sequelize, tableName: 'schema_migrations' }),
    logger: undefined,
  })
}

/** Any fixed number: the PostgreSQL advisory lock that lets one instance migrate at a time. */
const MIGRATION_LOCK = 7_110_311

/**
 * Applies pending migrations. On PostgreSQL several instances may start at once, so each waits
 * for a transaction-scoped advisory lock first; the later ones then find nothing pending.
 */
export async function migrate(sequelize: Sequelize): Promise<string[]> {
  const up = async () => (await createMigrator(sequelize).up()).map((migration) => migration.name)
  if (sequelize.getDialect() !== 'postgres') return up()
  return sequelize.transaction(async (transaction) => {
    await sequelize.query(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`, { transaction })
    return up()
  })
}
