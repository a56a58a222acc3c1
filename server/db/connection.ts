import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { Sequelize, Transaction } from 'sequelize'

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
 * each new connection is given its pragmas here: foreign keys, and a busy timeout so that
 * concurrent writers wait rather than fail; the first also switches the file to WAL.
 */
export function createSequelize(target: DatabaseTarget): Sequelize {
  if (target.databaseUrl) {
    return new Sequelize(target.databaseUrl, { dialect: 'postgres', logging: false, pool: { max: 10 } })
  }
  mkdirSync(path.dirname(target.sqliteFile), { recursive: true })
  // IMMEDIATE: a transaction takes the write lock when it begins, so a second writer waits for it
  // (busy timeout) instead of failing when a read-then-write transaction tries to upgrade its lock.
  const sequelize = new Sequelize({ dialect: 'sqlite', storage: target.sqliteFile, logging: false, transactionType: Transaction.TYPES.IMMEDIATE })
  const manager = (sequelize as unknown as { connectionManager: SqliteConnectionManager }).connectionManager
  const getConnection = manager.getConnection.bind(manager)
  const prepared = new WeakMap<SqliteConnection, Promise<void>>()
  // WAL is a property of the file, set once; asking for it again on a busy database fails at once.
  let walSet = false
  manager.getConnection = async (options) => {
    const connection = await getConnection(options)
    if (!prepared.has(connection)) {
      prepared.set(
        connection,
        (async () => {
          await runPragma(connection, 'PRAGMA busy_timeout = 5000')
          await runPragma(connection, 'PRAGMA foreign_keys = ON')
          if (!walSet) {
            walSet = true
            await runPragma(connection, 'PRAGMA journal_mode = WAL')
          }
        })(),
      )
    }
    await prepared.get(connection)
    return connection
  }
  serialiseTransactions(sequelize)
  return sequelize
}

/**
 * SQLite allows one writer at a time. Writers waiting in SQLite's busy handler each hold one of
 * libuv's few worker threads, which can starve the transaction holding the lock of the thread it
 * needs to commit. So this process queues its transactions itself and SQLite never sees two at
 * once. (PostgreSQL, for more than one instance, needs none of this.)
 */
function serialiseTransactions(sequelize: Sequelize): void {
  const begin = sequelize.transaction.bind(sequelize) as (...args: unknown[]) => Promise<unknown>
  let queue: Promise<unknown> = Promise.resolve()
  sequelize.transaction = ((...args: unknown[]) => {
    // A transaction inside another (Sequelize's findOrCreate makes one) runs in its parent's turn.
    const options = args[0] as { transaction?: unknown } | undefined
    if (options && typeof options === 'object' && options.transaction) return begin(...args)
    const turn = queue.then(() => begin(...args))
    queue = turn.catch(() => undefined)
    return turn
  }) as Sequelize['transaction']
}
