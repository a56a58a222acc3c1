import { expect } from 'chai'
import { readdirSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createSequelize } from '../../server/db/connection'
import { createMigrator, migrate } from '../../server/db/migrate'
import { createTestDatabase } from '../helpers/testDatabase'

describe('migrations', () => {
  it('run up from empty, down to nothing, and up again, on the engine under test', async () => {
    const database = await createTestDatabase()
    const sequelize = createSequelize(database)
    try {
      const migrator = createMigrator(sequelize)
      const files = readdirSync(path.join(__dirname, '../../migrations')).filter((file) => file.endsWith('.ts'))
      expect((await migrator.up()).map((migration) => migration.name)).to.deep.equal(files.map((file) => file.replace(/\.ts$/, '')))
      expect(await migrator.pending()).to.deep.equal([])
      await migrator.down({ to: 0 })
      expect(await migrator.executed()).to.deep.equal([])
      await migrator.up()
      const tables = (await sequelize.getQueryInterface().showAllTables()).map(String)
      expect(tables).to.include.members(['organisations', 'users', 'memberships', 'audit_events', 'Sessions'])
    } finally {
      await sequelize.close()
      await database.drop()
    }
  })

  it('let several instances start on one PostgreSQL at once: each waits, one migrates', async function () {
    if (!process.env.TEST_DATABASE_URL) {
      process.stdout.write('      (PostgreSQL only: set TEST_DATABASE_URL to run this; CI does)\n')
      return this.skip()
    }
    const database = await createTestDatabase()
    const instances = [createSequelize(database), createSequelize(database), createSequelize(database)]
    try {
      const applied = await Promise.all(instances.map((sequelize) => migrate(sequelize)))
      const files = readdirSync(path.join(__dirname, '../../migrations')).filter((file) => file.endsWith('.ts'))
      expect(applied.flat().sort()).to.deep.equal(files.map((file) => file.replace(/\.ts$/, '')).sort())
    } finally {
      await Promise.all(instances.map((sequelize) => sequelize.close()))
      await database.drop()
    }
  })

  it('open SQLite with WAL, foreign keys and a busy timeout (SQLite is always available, whatever engine the suite uses)', async () => {
    const sqliteFile = path.join(os.tmpdir(), `assure_pragmas_${process.pid}.sqlite`)
    const sequelize = createSequelize({ sqliteFile })
    try {
      const pragma = async (name: string) => Object.values((await sequelize.query(`PRAGMA ${name}`, { plain: true })) as Record<string, unknown>)[0]
      expect(await pragma('journal_mode')).to.equal('wal')
      expect(await pragma('foreign_keys')).to.equal(1)
      expect(await pragma('busy_timeout')).to.equal(5000)
    } finally {
      await sequelize.close()
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${sqliteFile}${suffix}`, { force: true })
    }
  })
})
