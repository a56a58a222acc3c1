import { DatabaseError, type Sequelize } from 'sequelize'
import { BUSY_TIMEOUT_MS } from './sqliteWriteTurns'

interface SqliteDatabase {
  all(sql: string, callback: (error: Error | null, rows: unknown[]) => void): void
  configure(option: 'busyTimeout', milliseconds: number): void
  close(callback: (error: Error | null) => void): void
}

interface SqliteModule {
  Database: new (file: string, mode: number) => SqliteDatabase
  OPEN_READWRITE: number
}

interface SqliteConnectionManager {
  lib: SqliteModule
  _onProcessExit(): Promise<void>
}

/** How many connections the plain reads share: libuv has four threads, and transactions need some. */
const READERS = 2

/**
 * Connections of their own for plain reads outside a transaction (selectRows), on SQLite.
 * Sequelize runs every statement outside a transaction on its one connection, one after another,
 * and each waits for the event loop between its steps; so under load a page's reads queued behind
 * every other page's, and each waited for whatever the event loop was busy with. In WAL mode
 * readers neither block nor wait for each other or the writer, so these run side by side in
 * libuv's threads, straight through the driver (a read's rows come back exactly as SQLite gives
 * them, which is what Sequelize gives for SQL of ours). Opened on first use (the file exists by
 * then: the migrations made it) and closed with Sequelize. Only SELECTs are ever run on them.
 */
export class SqliteReaders {
  private readonly databases: SqliteDatabase[] = []
  private next = 0

  constructor(
    private readonly lib: SqliteModule,
    private readonly file: string,
    private readonly options: { logging?: unknown },
  ) {}

  all<T>(sql: string): Promise<T[]> {
    // Logged as Sequelize logs its statements, when it is set to (it is not, but while debugging).
    if (typeof this.options.logging === 'function') this.options.logging(`Executing (reader): ${sql}`)
    const database = this.reader()
    return new Promise((resolve, reject) =>
      database.all(sql, (error, rows) => (error ? reject(new DatabaseError(Object.assign(error, { sql, parameters: {} }))) : resolve(rows as T[]))),
    )
  }

  private reader(): SqliteDatabase {
    const index = this.next++ % READERS
    if (!this.databases[index]) {
      // Not OPEN_CREATE: a missing file is an error, never a new empty database.
      const database = new this.lib.Database(this.file, this.lib.OPEN_READWRITE)
      database.configure('busyTimeout', BUSY_TIMEOUT_MS)
      this.databases[index] = database
    }
    return this.databases[index]
  }

  async close(): Promise<void> {
    const open = this.databases.splice(0)
    await Promise.all(open.map((database) => new Promise<void>((resolve) => database.close(() => resolve()))))
  }
}

const readersBySequelize = new WeakMap<Sequelize, SqliteReaders>()

/** Gives this SQLite database its readers (see SqliteReaders), closed when Sequelize closes. */
export function attachSqliteReaders(sequelize: Sequelize, file: string): void {
  const manager = (sequelize as unknown as { connectionManager: SqliteConnectionManager }).connectionManager
  const readers = new SqliteReaders(manager.lib, file, (sequelize as unknown as { options: { logging?: unknown } }).options)
  readersBySequelize.set(sequelize, readers)
  const closeConnections = manager._onProcessExit.bind(manager)
  manager._onProcessExit = async () => {
    await readers.close()
    return closeConnections()
  }
}

/** The readers of a SQLite database, or undefined (PostgreSQL, whose pool already reads side by side). */
export const sqliteReadersOf = (sequelize: Sequelize): SqliteReaders | undefined => readersBySequelize.get(sequelize)
