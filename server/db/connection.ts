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

/**
 * PostgreSQL when a DATABASE_URL is given, otherwise the SQLite file (created on first use).
 * Sequelize's SQLite dialect already turns foreign keys on for each connection; we add a busy
 * timeout (it opens a connection per transaction, so writers wait rather than fail) and WAL.
 */
export function createSequelize(target: DatabaseTarget): Sequelize {
  if (target.databaseUrl) {
    return new Sequelize(target.databaseUrl, { dialect: 'postgres', logging: false, pool: { max: 10 } })
  }
  mkdirSync(path.dirname(target.sqliteFile), { recursive: true })
  const sequelize = new Sequelize({ dialect: 'sqlite', storage: target.sqliteFile, logging: false })
  sequelize.addHook('afterConnect', async (connection) => {
    const sqlite = connection as unknown as SqliteConnection
    await runPragma(sqlite, 'PRAGMA busy_timeout = 5000')
    await runPragma(sqlite, 'PRAGMA journal_mode = WAL')
    await runPragma(sqlite, 'PRAGMA foreign_keys = ON')
  })
  return sequelize
}

export function isPostgres(sequelize: Sequelize): boolean {
  return sequelize.getDialect() === 'postgres'
}
