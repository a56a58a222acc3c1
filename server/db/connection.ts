import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { Sequelize, Transaction } from 'sequelize'
import { adaptSqliteConnections } from './sqliteConnections'
import { attachSqliteReaders } from './sqliteReaders'
import { transactionsTakeTurns, WriteTurns } from './sqliteWriteTurns'

export interface DatabaseTarget {
  databaseUrl?: string
  sqliteFile: string
}

/**
 * PostgreSQL when a DATABASE_URL is given, otherwise the SQLite file (created on first use), its
 * connections adapted in sqliteConnections.ts, its writers taking turns (sqliteWriteTurns.ts) and
 * plain reads on connections of their own (sqliteReaders.ts).
 */
export function createSequelize(target: DatabaseTarget): Sequelize {
  if (target.databaseUrl) {
    return new Sequelize(target.databaseUrl, { dialect: 'postgres', logging: false, pool: { max: 10 } })
  }
  mkdirSync(path.dirname(target.sqliteFile), { recursive: true })
  // IMMEDIATE: a transaction takes the write lock when it begins, so a second writer waits for it
  // (busy timeout) instead of failing when a read-then-write transaction tries to upgrade its lock.
  const sequelize = new Sequelize({ dialect: 'sqlite', storage: target.sqliteFile, logging: false, transactionType: Transaction.TYPES.IMMEDIATE })
  const turns = new WriteTurns()
  adaptSqliteConnections(sequelize, turns)
  transactionsTakeTurns(sequelize, turns)
  attachSqliteReaders(sequelize, target.sqliteFile)
  return sequelize
}
