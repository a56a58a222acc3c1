import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { Sequelize } from 'sequelize'

export interface DatabaseTarget {
  databaseUrl?: string
  sqliteFile: string
}

interface SqliteConnection {
  run(sql: string, callback: (error: Error | null) => void): void
}

function runPragma(connection: SqliteConnection, sql: string): Promise<void> {
  return new Promise((resolve, reject) => connection.run(sql, (error) => (error ? reject(error) : resolve())))
}

interface SqliteConnectionManager {
  getConnection(options: unknown): Promise<SqliteConnection>
}

/**
 * PostgreSQL when a DATABASE_URL is given, otherwise the SQLite file (created on first use).
 * Sequelize's SQLite dialect opens a connection per transaction and runs no connect hooks, so
 * each new connection is given its pragmas here: WAL, foreign keys, and a busy timeout so that
 * concurrent writers wait rather than fail.
 */
export function createSequelize(target: DatabaseTarget): Sequelize {
  if (target.databaseUrl) {
    return new Sequelize(target.databaseUrl, { dialect: 'postgres', logging: false, pool: { max: 10 } })
  }
  mkdirSync(path.dirname(target.sqliteFile), { recursive: true })
  const sequelize = new Sequelize({ dialect: 'sqlite', storage: target.sqliteFile, logging: false })
  const manager = (sequelize as unknown as { connectionManager: SqliteConnectionManager }).connectionManager
  const getConnection = manager.getConnection.bind(manager)
  const prepared = new WeakMap<SqliteConnection, Promise<void>>()
  manager.getConnection = async (options) => {
    const connection = await getConnection(options)
    if (!prepared.has(connection)) {
      prepared.set(
        connection,
        (async () => {
          await runPragma(connection, 'PRAGMA busy_timeout = 5000')
          await runPragma(connection, 'PRAGMA journal_mode = WAL')
          await runPragma(connection, 'PRAGMA foreign_keys = ON')
        })(),
      )
    }
    await prepared.get(connection)
    return connection
  }
  return sequelize
}
