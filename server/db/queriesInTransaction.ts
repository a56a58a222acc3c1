import type { Sequelize, Transaction } from 'sequelize'

type Queries<T extends readonly unknown[]> = { readonly [K in keyof T]: () => Promise<T[K]> }

/** Sequelize keeps the transaction's instance on it at run time; its types leave it out. */
const dialectOf = (transaction: Transaction) => (transaction as unknown as { sequelize: Sequelize }).sequelize.getDialect()

/**
 * Runs several queries of one transaction and gives their results in order.
 *
 * On PostgreSQL they go one after another: a transaction is one client, which takes one query at a
 * time (a second sent while one runs is deprecated, and pg 9 refuses it). On SQLite they go all at
 * once, so its one connection runs them back to back without waiting between them for an event loop
 * busy with other people's pages; every one has finished before the first failure is thrown, so
 * none is still running when the transaction ends. Outside a transaction they go all at once.
 */
export async function queriesInTransaction<T extends readonly unknown[]>(transaction: Transaction | null | undefined, queries: readonly [...Queries<T>]): Promise<T> {
  if (transaction && dialectOf(transaction) === 'postgres') {
    const results: unknown[] = []
    for (const query of queries) results.push(await query())
    return results as unknown as T
  }
  if (!transaction) return (await Promise.all(queries.map((query) => query()))) as unknown as T
  const settled = await Promise.allSettled(queries.map((query) => query()))
  const failed = settled.find((result): result is PromiseRejectedResult => result.status === 'rejected')
  if (failed) throw failed.reason
  return settled.map((result) => (result as PromiseFulfilledResult<unknown>).value) as unknown as T
}
