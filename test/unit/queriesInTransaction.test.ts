import { expect } from 'chai'
import type { Transaction } from 'sequelize'
import { queriesInTransaction } from '../../server/db/queriesInTransaction'
import { Partnership } from '../../server/db/models/partnership.model'
import { testContext } from '../helpers/testContext'

/** Queries in the transaction that count how many of them are running at once. */
function countingQueries(count: number, failAt?: number) {
  const seen = { running: 0, mostAtOnce: 0, finished: 0 }
  const queries = (transaction?: Transaction) => Array.from({ length: count }, (_, index) => async () => {
    seen.running++
    seen.mostAtOnce = Math.max(seen.mostAtOnce, seen.running)
    try {
      const [rows] = await testContext().sequelize.query(`SELECT ${index + 1} AS n`, { transaction })
      if (index === failAt) throw new Error(`query ${index + 1} failed`)
      return (rows as { n: number }[])[0].n
    } finally {
      seen.running--
      seen.finished++
    }
  })
  return { seen, queries }
}

describe('queriesInTransaction', () => {
  const dialect = () => testContext().sequelize.getDialect()

  it('gives each query’s result in the order the queries were given', async () => {
    const { queries } = countingQueries(5)
    const results = await testContext().sequelize.transaction((transaction) => queriesInTransaction(transaction, queries(transaction)))
    expect(results).to.deep.equal([1, 2, 3, 4, 5])
  })

  it('sends PostgreSQL one query at a time on the transaction’s client, and SQLite all at once', async () => {
    const { seen, queries } = countingQueries(4)
    await testContext().sequelize.transaction((transaction) => queriesInTransaction(transaction, queries(transaction)))
    expect(seen.mostAtOnce).to.equal(dialect() === 'postgres' ? 1 : 4)
  })

  it('throws the failure only once no query is still running, and the transaction rolls back', async () => {
    const { seen, queries } = countingQueries(4, 1)
    let runningWhenThrown = -1
    const name = `Rolled back ${Date.now()}`
    const failed = await testContext()
      .sequelize.transaction(async (transaction) => {
        await Partnership.create({ name, slug: `rolled-back-${Date.now()}` }, { transaction })
        await queriesInTransaction(transaction, queries(transaction)).catch((error: Error) => {
          runningWhenThrown = seen.running
          throw error
        })
      })
      .then(
        () => null,
        (error: Error) => error.message,
      )
    expect(failed).to.equal('query 2 failed')
    expect(runningWhenThrown).to.equal(0)
    expect(await Partnership.count({ where: { name } })).to.equal(0)
  })

  it('runs queries outside a transaction all at once', async () => {
    const { seen, queries } = countingQueries(3)
    expect(await queriesInTransaction(undefined, queries())).to.deep.equal([1, 2, 3])
    expect(seen.finished).to.equal(3)
  })
})
