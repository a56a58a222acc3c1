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

export async function migrate(sequelize: Sequelize): Promise<string[]> {
  const applied = await createMigrator(sequelize).up()
  return applied.map((migration) => migration.name)
}
