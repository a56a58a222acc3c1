import { randomBytes } from 'node:crypto'
import { rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Client } from 'pg'

export interface TestDatabase {
  databaseUrl?: string
  sqliteFile: string
  description: string
  drop(): Promise<void>
}

/**
 * A fresh, empty database for one test run: on the PostgreSQL server named by TEST_DATABASE_URL
 * (a new database assure_test_<random>, dropped afterwards), otherwise a temporary SQLite file.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `assure_test_${randomBytes(6).toString('hex')}`
  const serverUrl = process.env.TEST_DATABASE_URL
  if (!serverUrl) {
    const sqliteFile = path.join(os.tmpdir(), `${name}.sqlite`)
    return {
      sqliteFile,
      description: `SQLite ${sqliteFile}`,
      async drop() {
        for (const suffix of ['', '-wal', '-shm']) rmSync(`${sqliteFile}${suffix}`, { force: true })
      },
    }
  }
  const admin = new Client({ connectionString: serverUrl })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  await admin.end()
  const databaseUrl = new URL(serverUrl)
  databaseUrl.pathname = `/${name}`
  return {
    databaseUrl: databaseUrl.toString(),
    sqliteFile: '',
    description: `PostgreSQL database ${name}`,
    async drop() {
      const client = new Client({ connectionString: serverUrl })
      await client.connect()
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await client.end()
    },
  }
}
