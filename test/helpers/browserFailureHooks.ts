import { describeOpenPages } from './browser'

/** Mocha root hooks for the browser tests: when one fails, print what each open page showed at that moment. */
export const mochaHooks = {
  async afterEach(this: Mocha.Context) {
    if (this.currentTest?.state !== 'failed') return
    for (const page of await describeOpenPages()) process.stdout.write(`      open page: ${page}\n`)
  },
}
