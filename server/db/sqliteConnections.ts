import type { Sequelize } from 'sequelize'
import { BUSY_TIMEOUT_MS, WriteTurns } from './sqliteWriteTurns'

type Callback = (this: unknown, error: Error | null, rows?: unknown) => void

interface SqliteConnection {
  /** Set by Sequelize while the connection serves a transaction. */
  uuid?: string
  run(sql: string, ...rest: unknown[]): SqliteConnection
  all(sql: string, ...rest: unknown[]): SqliteConnection
  exec(sql: string, ...rest: unknown[]): SqliteConnection
  close(callback: (error: Error | null) => void): void
  serialize(callback: () => void): void
}

interface SqliteConnectionManager {
  connections: Record<string, SqliteConnection>
  getConnection(options?: { uuid?: string }): Promise<SqliteConnection>
  releaseConnection(connection: SqliteConnection): void
  _onProcessExit(): Promise<void>
}

function runPragma(connection: SqliteConnection, sql: string): Promise<void> {
  return new Promise((resolve, reject) => connection.run(sql, (error: Error | null) => (error ? reject(error) : resolve())))
}

/**
 * Sequelize's SQLite dialect runs no connect hooks and opens a connection per transaction. Here
 * each new connection gets its pragmas (foreign keys, and a busy timeout so that a writer from
 * elsewhere is waited for rather than failed; the first also switches the file to WAL), writes
 * take turns, transactions reuse connections, and column types are read once per table.
 */
export function adaptSqliteConnections(sequelize: Sequelize, turns: WriteTurns): void {
  const manager = (sequelize as unknown as { connectionManager: SqliteConnectionManager }).connectionManager
  const getConnection = manager.getConnection.bind(manager)
  const prepared = new WeakMap<SqliteConnection, Promise<void>>()
  const tableInfo = new TableInfoCache()
  // WAL is a property of the file, set once; asking for it again on a busy database fails at once.
  let walSet = false
  manager.getConnection = async (options) => {
    const transaction = options?.uuid !== undefined && options.uuid !== 'default'
    const connection = await getConnection(options)
    if (!prepared.has(connection)) {
      cacheTableInfo(connection, tableInfo)
      adaptStatements(connection, transaction)
      transactionControlInOneStep(connection)
      // Sequelize's one connection for everything outside transactions; writes there take turns
      // with transactions, which have their own connections and whose turns cover every statement.
      if (!transaction) writesTakeTurns(connection, turns)
      prepared.set(
        connection,
        (async () => {
          await runPragma(connection, `PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`)
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
  reuseTransactionConnections(manager)
}

/**
 * Sequelize opens a new SQLite connection for each transaction and closes it at the end, so every
 * save paid for opening the file and reading the schema again. A connection released after its
 * COMMIT or ROLLBACK succeeded is out of its transaction (Sequelize destroys one whose end failed),
 * so it is kept for the next transaction instead.
 */
function reuseTransactionConnections(manager: SqliteConnectionManager): void {
  const idle: SqliteConnection[] = []
  const getConnection = manager.getConnection.bind(manager)
  manager.getConnection = async (options) => {
    const reused = options?.uuid && options.uuid !== 'default' ? idle.pop() : undefined
    if (!reused) return getConnection(options)
    manager.connections[options!.uuid!] = reused
    return reused
  }
  manager.releaseConnection = (connection) => {
    if (!connection.uuid) return
    delete manager.connections[connection.uuid]
    idle.push(connection)
  }
  const closeAll = manager._onProcessExit.bind(manager)
  manager._onProcessExit = async () => {
    await Promise.all(idle.splice(0).map((connection) => new Promise<void>((resolve) => connection.close(() => resolve()))))
    return closeAll()
  }
}

const WRITE = /^\s*(INSERT|UPDATE|DELETE|REPLACE|CREATE|ALTER|DROP)\b/i

/** A write waits in JavaScript for its turn, so it never waits for the lock inside SQLite. */
function writesTakeTurns(connection: SqliteConnection, turns: WriteTurns): void {
  for (const method of ['run', 'all', 'exec'] as const) {
    const original = connection[method].bind(connection)
    connection[method] = (sql, ...rest) => {
      const callback = rest[rest.length - 1]
      if (!WRITE.test(sql) || typeof callback !== 'function') return original(sql, ...rest)
      void turns.takeForStatement().then((end) =>
        original(sql, ...rest.slice(0, -1), function (this: unknown, ...results: unknown[]) {
          end()
          ;(callback as (...args: unknown[]) => void).apply(this, results)
        }),
      )
      return connection
    }
  }
}

/**
 * Sequelize's SQLite dialect runs each statement inside the connection's serialize(), which makes
 * it wait until every statement before it on the connection has finished, each of them two round
 * trips through the event loop (prepare, then run). On Sequelize's one connection for everything
 * outside transactions, that keeps the connection to one statement at a time in libuv's four
 * threads, leaving the others free for the transaction holding the write turn, so it stays. On a
 * transaction's own connection, whose statements are all its own and go together only when they
 * do not depend on each other (queriesInTransaction), it made a save hold the write turn through
 * eight round trips instead of two; there, statements run as soon as they are given.
 *
 * The dialect also makes an Error there before every statement and formats its stack afterwards,
 * for the statement's error should it fail: formatting it cost more CPU than many of the statements
 * did. Made with no frames, it costs next to nothing. A failed statement's error keeps its message
 * and SQL, but not where in our code it was run (its stack is bare): the error handler logs the
 * driver's code and the statement's kind and table instead.
 */
function adaptStatements(connection: SqliteConnection, transaction: boolean): void {
  const serialize = connection.serialize.bind(connection)
  connection.serialize = (callback) => {
    const limit = Error.stackTraceLimit
    Error.stackTraceLimit = 0
    try {
      return transaction ? callback() : serialize(callback)
    } finally {
      Error.stackTraceLimit = limit
    }
  }
}

const TRANSACTION_CONTROL = /^\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)\b/i

/**
 * BEGIN, COMMIT and ROLLBACK come from Sequelize as statements to prepare and then run: two round
 * trips through the event loop, while holding the write turn. Executed directly they take one.
 */
function transactionControlInOneStep(connection: SqliteConnection): void {
  const all = connection.all.bind(connection)
  connection.all = (sql, ...rest) => {
    const callback = rest[rest.length - 1]
    if (!TRANSACTION_CONTROL.test(sql) || rest.length !== 2 || typeof callback !== 'function') return all(sql, ...rest)
    return connection.exec(sql, (error: Error | null) => (callback as Callback).call(connection, error, []))
  }
}

/** The statement Sequelize's SQLite dialect runs, before every SELECT, for each table it reads. */
const TABLE_INFO = /^PRAGMA table_info\(`[^`]+`\)$/
const SCHEMA_CHANGE = /^\s*(CREATE|ALTER|DROP)\b/i

/** Column types by table; an answer read while the schema changed is not kept. */
class TableInfoCache {
  private readonly rows = new Map<string, unknown>()
  private generation = 0

  seen(sql: string): void {
    if (SCHEMA_CHANGE.test(sql)) {
      this.rows.clear()
      this.generation++
    }
  }

  get(sql: string): unknown {
    return this.rows.get(sql)
  }

  keeper(sql: string): (rows: unknown) => void {
    const generation = this.generation
    return (rows) => {
      if (generation === this.generation) this.rows.set(sql, rows)
    }
  }
}

/**
 * Before every SELECT, Sequelize's SQLite dialect asks for the column types of each table in it
 * (to convert dates and booleans): more round trips than the queries themselves. The answers
 * change only with the schema, which changes only through migrations run on these connections,
 * so they are kept until a CREATE, ALTER or DROP runs.
 */
function cacheTableInfo(connection: SqliteConnection, cache: TableInfoCache): void {
  for (const method of ['run', 'exec'] as const) {
    const original = connection[method].bind(connection)
    connection[method] = (sql, ...rest) => {
      cache.seen(sql)
      return original(sql, ...rest)
    }
  }
  const all = connection.all.bind(connection)
  connection.all = (sql, ...rest) => {
    cache.seen(sql)
    const callback = rest[0] as Callback
    if (!TABLE_INFO.test(sql) || rest.length !== 1 || typeof callback !== 'function') return all(sql, ...rest)
    const cached = cache.get(sql)
    if (cached) {
      process.nextTick(() => callback.call(connection, null, cached))
      return connection
    }
    const keep = cache.keeper(sql)
    return all(sql, function (this: unknown, error: Error | null, rows?: unknown) {
      if (!error) keep(rows)
      callback.call(this, error, rows)
    })
  }
}
