import { QueryTypes, type Sequelize, type Transaction } from 'sequelize'

/**
 * Rows of a SELECT written in SQL, as plain objects. For the reads of pages everyone opens all day
 * (a return's section, its task list, the session): a Sequelize model query costs several times the
 * CPU of the query itself, in building the SQL and then a model instance for every row. Values go
 * only through `replacements` (`:name`, escaped by Sequelize; an array becomes a list), never into
 * the SQL text. Columns are aliased to the camelCase names the code uses, in double quotes, which
 * both SQLite and PostgreSQL keep as written.
 */
export function selectRows<T extends object>(sequelize: Sequelize, sql: string, replacements: Record<string, unknown>, transaction?: Transaction | null): Promise<T[]> {
  return sequelize.query<T>(sql, { replacements: withTimestamps(replacements), type: QueryTypes.SELECT, transaction: transaction ?? undefined })
}

/**
 * A time as Sequelize writes it on both engines, in UTC ("2026-01-01 10:00:00.000 +00:00"), so
 * SQLite's text sorts in time order beside what models wrote. (A Date given as a replacement
 * would be written in the server's own time zone.)
 */
const sqlTimestamp = (date: Date) => date.toISOString().replace('T', ' ').replace('Z', ' +00:00')

function withTimestamps(replacements: Record<string, unknown>): Record<string, unknown> {
  const convert = (value: unknown): unknown => (value instanceof Date ? sqlTimestamp(value) : Array.isArray(value) ? value.map(convert) : value)
  return Object.fromEntries(Object.entries(replacements).map(([name, value]) => [name, convert(value)]))
}

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

/**
 * Runs an INSERT, UPDATE or DELETE written in SQL (as selectRows, values only through
 * `replacements`; an array of arrays becomes rows: `VALUES :rows`). Gives the number of rows it changed.
 */
export function changeRows(sequelize: Sequelize, sql: string, replacements: Record<string, unknown>, transaction?: Transaction | null): Promise<number> {
  return sequelize.query(sql, { replacements: withTimestamps(replacements), type: QueryTypes.BULKUPDATE, transaction: transaction ?? undefined }) as unknown as Promise<number>
}
