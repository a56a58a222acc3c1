import { launchChromium, startApp } from '../test/helpers/browser'
import { testContext } from '../test/helpers/testContext'
describe('probe', () => {
  it('requests', async () => {
    const running = await startApp(testContext().app)
    const browser = await launchChromium()
    const ctx = await browser.newContext({ baseURL: running.baseUrl }); const page = await ctx.newPage()
    const cdp = await ctx.newCDPSession(page)
    await cdp.send('Log.enable')
    cdp.on('Log.entryAdded', (e: any) => console.log('LOG', e.entry.source, e.entry.url, e.entry.text))
    await page.goto('/sign-in')
    await page.waitForTimeout(1500)
    await browser.close(); await running.close()
  })
})
