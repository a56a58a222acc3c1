import { DataTypes, Model } from 'sequelize'

/**
 * A column holding JSON as text, read and written as a value. Text rather than a JSON type so
 * SQLite and PostgreSQL store it the same way.
 */
export function jsonText(field: string, allowNull = false) {
  return {
    type: DataTypes.TEXT,
    allowNull,
    get(this: Model) {
      const raw = this.getDataValue(field) as string | null | undefined
      return raw === null || raw === undefined ? null : JSON.parse(raw)
    },
    set(this: Model, value: unknown) {
      this.setDataValue(field, value === null || value === undefined ? null : JSON.stringify(value))
    },
  }
}
