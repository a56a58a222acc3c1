import { setUpTestContext, tearDownTestContext } from './testContext'

/** Mocha root hooks: the whole run shares one fresh database, created first and dropped last. */
export const mochaHooks = {
  async beforeAll(this: Mocha.Context) {
    this.timeout(60000)
    const context = await setUpTestContext()
    process.stdout.write(`Tests run against ${context.database.description}\n`)
  },
  async afterAll(this: Mocha.Context) {
    this.timeout(60000)
    await tearDownTestContext()
  },
}
