import { Op, WhereOptions, col, fn, literal, where } from 'sequelize'

/**
 * Case-insensitive "contains", the same on SQLite and PostgreSQL (whose LIKE is case-sensitive).
 * LIKE wildcards typed by the user are matched literally: both engines honour an explicit ESCAPE.
 */
export function containsIgnoringCase(column: string, text: string): WhereOptions {
  const pattern = `%${text.toLowerCase().replace(/[\\%_]/g, (character) => `\\${character}`)}%`
  return where(fn('LOWER', col(column)), { [Op.like]: literal(`'${pattern.replace(/'/g, "''")}' ESCAPE '\\'`) })
}
