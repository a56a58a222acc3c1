import { QueryTypes, type Sequelize, type Transaction } from 'sequelize'
import { sqliteReadersOf } from './sqliteReaders'

/**
 * Rows of a SELECT written in SQL, as plain objects. For the reads of pages everyone opens all day
 * (a return's section, its task list, the session): a Sequelize model query costs several times the
 * CPU of the query itself, in building the SQL and then a model instance for every row. Values go
 * only through `values` (`:name` in the SQL; see withValues), written in as literals escaped by
 * Sequelize, as its own replacements and model writes do; never pasted into the text. Columns are
 * aliased to the camelCase names the code uses, in double quotes, which both SQLite and PostgreSQL
 * keep as written. On SQLite, outside a transaction, they run on connections of their own
 * (server/db/sqliteReaders.ts).
 */
export function selectRows<T extends object>(sequelize: Sequelize, sql: string, values: Record<string, unknown>, transaction?: Transaction | null): Promise<T[]> {
  const statement = withValues(sequelize, sql, values)
  const readers = transaction ? undefined : sqliteReadersOf(sequelize)
  return readers ? readers.all<T>(statement) : sequelize.query<T>(statement, { type: QueryTypes.SELECT, transaction: transaction ?? undefined })
}

/**
 * Runs an INSERT, UPDATE or DELETE written in SQL, as selectRows does (an array of arrays becomes
 * rows: `VALUES :rows`). Gives the number of rows it changed.
 */
export function changeRows(sequelize: Sequelize, sql: string, values: Record<string, unknown>, transaction?: Transaction | null): Promise<number> {
  return sequelize.query(withValues(sequelize, sql, values), { type: QueryTypes.BULKUPDATE, transaction: transaction ?? undefined }) as unknown as Promise<number>
}

/** Each statement's text split at its `:name`s, once: Sequelize's own replacements scan the text afresh on every query. */
const splitStatements = new Map<string, { texts: string[]; names: string[] }>()

/**
 * The statement with each `:name` replaced by its value, escaped by Sequelize for the engine. An
 * array becomes a list (`IN (:keys)`), an array of arrays a list of rows. A name is a colon and a
 * word not after another colon (so a PostgreSQL cast `::text` is left alone); the statements are
 * our own constants, with no colon in their quoted text.
 */
function withValues(sequelize: Sequelize, sql: string, values: Record<string, unknown>): string {
  let split = splitStatements.get(sql)
  if (!split) {
    const parts = sql.split(/(?<!:):([A-Za-z_]\w*)/)
    split = { texts: parts.filter((_, index) => index % 2 === 0), names: parts.filter((_, index) => index % 2 === 1) }
    splitStatements.set(sql, split)
  }
  let statement = split.texts[0]
  for (const [index, name] of split.names.entries()) {
    if (!(name in values)) throw new Error(`No value given for :${name}`)
    statement += literal(sequelize, values[name]) + split.texts[index + 1]
  }
  return statement
}

function literal(sequelize: Sequelize, value: unknown): string {
  // An empty list is NULL, so `IN (:keys)` matches nothing on both engines (`IN ()` is an error on PostgreSQL).
  if (Array.isArray(value)) return value.length === 0 ? 'NULL' : value.map((item) => (Array.isArray(item) ? `(${literal(sequelize, item)})` : literal(sequelize, item))).join(', ')
  return sequelize.escape((value instanceof Date ? sqlTimestamp(value) : value) as string)
}

/**
 * A time as Sequelize writes it on both engines, in UTC ("2026-01-01 10:00:00.000 +00:00"), so
 * SQLite's text sorts in time order beside what models wrote, whatever the server's time zone.
 */
const sqlTimestamp = (date: Date) => date.toISOString().replace('T', ' ').replace('Z', ' +00:00')

/** SQLite gives DATE columns back as text ("2026-01-01 10:00:00.000 +00:00"), PostgreSQL as Date. */
export function asDate(value: Date | string | null | undefined): Date | null {
  if (value === null || value === undefined) return null
  const date = value instanceof Date ? value : new Date(value)
  return Number.isNaN(date.getTime()) ? null : date
}

/** SQLite gives BOOLEAN columns back as 0 or 1, PostgreSQL as a boolean. */
export const asBoolean = (value: boolean | number | null | undefined): boolean => value === true || value === 1

/** A JSON column kept as text (see jsonText), parsed; null stays null. */
export const asJson = <T>(value: string | null | undefined): T | null => (value === null || value === undefined ? null : (JSON.parse(value) as T))
