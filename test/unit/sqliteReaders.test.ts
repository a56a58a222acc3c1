import { expect } from 'chai'
import { DatabaseError } from 'sequelize'
import { Area, Partnership } from '../../server/db/models'
import { selectRows } from '../../server/db/rawRows'
import { sqliteReadersOf } from '../../server/db/sqliteReaders'
import { testContext } from '../helpers/testContext'

/**
 * Plain reads outside a transaction run, on SQLite, on connections of their own (sqliteReaders.ts);
 * on PostgreSQL through Sequelize's pool. Either way they see every committed write, never an
 * uncommitted one, and are not held up by a transaction that is writing.
 */
describe('plain reads outside a transaction', () => {
  const nameOf = async (id: number) => (await selectRows<{ name: string }>(testContext().sequelize, 'SELECT name FROM areas WHERE id = :id', { id }))[0]?.name

  it('run on their own connections on SQLite only', () => {
    const { sequelize } = testContext()
    expect(sqliteReadersOf(sequelize) !== undefined).to.equal(sequelize.getDialect() === 'sqlite')
  })

  it('see a write as soon as it is committed, and not before, without waiting for the transaction writing', async () => {
    const { sequelize } = testContext()
    const partnership = (await Partnership.findOne({ where: { slug: 'riverside' } }))!
    const area = await Area.create({ name: 'Readers before', partnershipId: partnership.id })
    expect(await nameOf(area.id)).to.equal('Readers before')
    await sequelize.transaction(async (transaction) => {
      await area.update({ name: 'Readers after' }, { transaction })
      // Read while the transaction holds the write lock: the committed name, at once.
      expect(await nameOf(area.id)).to.equal('Readers before')
    })
    expect(await nameOf(area.id)).to.equal('Readers after')
    await area.destroy()
    expect(await nameOf(area.id)).to.equal(undefined)
  })

  it('fail with a database error that carries the statement, so the error handler can name its table', async () => {
    const failed = await selectRows(testContext().sequelize, 'SELECT nothing FROM no_such_table', {}).catch((error: unknown) => error)
    expect(failed).to.be.instanceOf(DatabaseError)
    expect((failed as DatabaseError).sql).to.contain('no_such_table')
  })
})
