import type { Sequelize, Transaction } from 'sequelize'

/** As long as SQLite's own busy timeout (see sqliteConnections.ts). */
export const BUSY_TIMEOUT_MS = 5000

/**
 * SQLite allows one writer at a time, and a statement that waits for the write lock waits inside
 * SQLite, holding one of libuv's four worker threads. A few of those, plus reads queued behind them,
 * and the transaction holding the lock gets no thread to finish on: everything stops until the busy
 * timeout. So this process's writers take turns here, in order, and SQLite never sees two of them:
 * a transaction holds its turn from BEGIN to its end, a write outside a transaction for its one
 * statement. (PostgreSQL, for more than one instance, needs none of this.)
 */
export class WriteTurns {
  private last: Promise<void> = Promise.resolve()

  /** Waits for every earlier turn to end; the turn lasts until the returned function is called. */
  take(): Promise<() => void> {
    let end!: () => void
    const ended = new Promise<void>((resolve) => (end = resolve))
    const granted = this.last
    this.last = granted.then(() => ended)
    return granted.then(() => end)
  }

  /**
   * A turn for one statement outside a transaction. Should that statement belong to the work of
   * a transaction of this process that forgot to pass it, waiting would never end; after the busy
   * timeout it goes ahead, and SQLite's busy timeout decides, as it would without turns.
   */
  async takeForStatement(): Promise<() => void> {
    const turn = this.take()
    let timer: NodeJS.Timeout | undefined
    const gaveUp = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), BUSY_TIMEOUT_MS)))
    const end = await Promise.race([turn, gaveUp])
    clearTimeout(timer)
    return end ?? (() => void turn.then((endLater) => endLater()))
  }
}

/** Every transaction begun on `sequelize` waits for its turn, and holds it until it has ended. */
export function transactionsTakeTurns(sequelize: Sequelize, turns: WriteTurns): void {
  const begin = sequelize.transaction.bind(sequelize) as (...args: unknown[]) => Promise<unknown>
  sequelize.transaction = (async (...args: unknown[]) => {
    // A transaction inside another (Sequelize's findOrCreate makes one) runs in its parent's turn.
    const options = args[0] as { transaction?: unknown } | undefined
    if (options && typeof options === 'object' && options.transaction) return begin(...args)
    const end = await turns.take()
    // A managed transaction (given a callback) has ended when its promise settles; an unmanaged one
    // (findOrCreate's, for one) is only beginning, so its turn lasts until it commits or rolls back.
    const managed = args.some((arg) => typeof arg === 'function')
    let result: unknown
    try {
      result = await begin(...args)
    } catch (error) {
      end()
      throw error
    }
    if (managed) end()
    else onEnd(result as Transaction, end)
    return result
  }) as Sequelize['transaction']
}

function onEnd(transaction: Transaction, callback: () => void): void {
  for (const method of ['commit', 'rollback'] as const) {
    const original = transaction[method].bind(transaction)
    transaction[method] = () => original().finally(callback)
  }
}
