import { expect } from 'chai'
import { randomBytes } from 'node:crypto'
import { rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { DataTypes, Sequelize } from 'sequelize'
import { createSequelize } from '../../server/db/connection'

describe('SQLite connections', () => {
  let file: string
  let sequelize: Sequelize

  beforeEach(async () => {
    file = path.join(os.tmpdir(), `assure_connections_${randomBytes(6).toString('hex')}.sqlite`)
    sequelize = createSequelize({ sqliteFile: file })
    await sequelize.query('CREATE TABLE things (id INTEGER PRIMARY KEY, n INTEGER)')
  })

  afterEach(async () => {
    await sequelize.close()
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true })
  })

  it('keeps an unmanaged transaction (as findOrCreate makes) in its turn until it ends, and writes outside it wait', async () => {
    const sent: string[] = []
    // Sequelize logs each statement as it sends it; its typings do not show the options.
    ;(sequelize as unknown as { options: { logging: (sql: string) => void } }).options.logging = (sql) => sent.push(sql.replace(/^Executing \([^)]*\): /, ''))
    const first = await sequelize.transaction()
    await sequelize.query('INSERT INTO things (n) VALUES (1)', { transaction: first })
    const second = sequelize.transaction(async (transaction) => sequelize.query('INSERT INTO things (n) VALUES (2)', { transaction }))
    const outside = sequelize.query('INSERT INTO things (n) VALUES (3)')
    await new Promise((resolve) => setTimeout(resolve, 50))
    await first.commit()
    await Promise.all([second, outside])
    const begins = sent.map((sql, index) => (sql.startsWith('BEGIN') ? index : -1)).filter((index) => index >= 0)
    expect(begins).to.have.length(2)
    expect(begins[1]).to.be.greaterThan(sent.indexOf('COMMIT;'))
    const [rows] = await sequelize.query('SELECT n FROM things ORDER BY n')
    expect(rows).to.deep.equal([{ n: 1 }, { n: 2 }, { n: 3 }])
  })

  it('reads column types again once the schema changes', async () => {
    const attributes = { n: DataTypes.INTEGER }
    const Thing = sequelize.define('thing', attributes, { tableName: 'things', timestamps: false })
    await Thing.create({ n: 1 })
    expect((await Thing.findOne())!.get('n')).to.equal(1)
    // A JSON column is stored as text: only its column type tells Sequelize to parse it on reading.
    await sequelize.getQueryInterface().addColumn('things', 'tags', { type: DataTypes.JSON, allowNull: true })
    const Changed = sequelize.define('changedThing', { ...attributes, tags: DataTypes.JSON }, { tableName: 'things', timestamps: false })
    await Changed.create({ n: 2, tags: ['a', 'b'] })
    expect((await Changed.findOne({ where: { n: 2 } }))!.get('tags')).to.deep.equal(['a', 'b'])
  })
})
