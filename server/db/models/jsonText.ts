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

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const item of Object.values(value)) deepFreeze(item)
    Object.freeze(value)
  }
  return value
}

/**
 * jsonText for a large value read on many requests and seldom changed (a framework definition is
 * read on every return page): the parsed value is kept per row id and reused while the stored text
 * is the same. It is frozen, since every reader shares it; a change is made by assigning a new value.
 */
export function sharedJsonText(field: string) {
  const parsed = new Map<number, { text: string; value: unknown }>()
  return {
    ...jsonText(field),
    get(this: Model) {
      const text = this.getDataValue(field) as string
      const id = this.getDataValue('id') as number | null | undefined
      if (id === null || id === undefined) return JSON.parse(text)
      const cached = parsed.get(id)
      if (cached?.text === text) return cached.value
      const value = deepFreeze(JSON.parse(text))
      parsed.set(id, { text, value })
      return value
    },
  }
}
