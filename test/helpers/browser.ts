import { expect } from 'chai'
import { existsSync } from 'node:fs'
import { once } from 'node:events'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import axe from 'axe-core'
import type { Result, RunOptions } from 'axe-core'
import type { Express } from 'express'
import { Browser, Page, chromium } from 'playwright-core'
import { DEMO_PASSWORD } from '../../server/demo/demoData'

/** Debian's Chromium: Playwright's own browser downloads are not reachable from where these tests run. */
export const CHROMIUM_PATH = '/usr/bin/chromium'

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']

/**
 * For a `before` hook: skips the whole suite, saying why, when Chromium is not installed.
 * A missing browser is an environment gap, not a failure, but it must not pass silently.
 */
export function skipWithoutChromium(context: Mocha.Context): void {
  if (existsSync(CHROMIUM_PATH)) return
  process.stdout.write(`  Skipping browser tests: no Chromium at ${CHROMIUM_PATH} (install it with: apt-get install -y chromium)\n`)
  context.skip()
}

const launchedBrowsers = new Set<Browser>()

export async function launchChromium(): Promise<Browser> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
  launchedBrowsers.add(browser)
  browser.on('disconnected', () => launchedBrowsers.delete(browser))
  return browser
}

/** Where every open page is and what it shows (its error summary, else its heading): for reading a failure from CI's log. */
export async function describeOpenPages(): Promise<string[]> {
  const pages = [...launchedBrowsers].flatMap((browser) => browser.contexts().flatMap((context) => context.pages()))
  return Promise.all(
    pages.map(async (page) => {
      const title = await page.title().catch(() => '(no title)')
      const shown = await page.locator('.govuk-error-summary, h1').first().textContent({ timeout: 1000 }).catch(() => '(nothing)')
      return `${page.url()} titled "${title}" showing "${(shown ?? '').replace(/\s+/g, ' ').trim().slice(0, 400)}"`
    }),
  )
}

export interface RunningApp {
  baseUrl: string
  close(): Promise<void>
}

export async function startApp(app: Express): Promise<RunningApp> {
  const server: Server = app.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    async close() {
      // Keep-alive sockets from the browser would otherwise hold close() open.
      server.closeAllConnections()
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())))
    },
  }
}

/** Signs in through the form as a person would, and waits for the dashboard. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/sign-in')
  await page.getByLabel('Email address', { exact: true }).fill(email)
  await page.getByLabel('Password', { exact: true }).fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.waitForURL('**/dashboard')
}

/**
 * Runs axe against the WCAG 2.2 AA rules. The app's CSP only allows nonced scripts, so a
 * script tag would be refused; evaluating the source through the DevTools protocol is not
 * subject to the page's CSP, so the policy under test stays exactly as served.
 */
export async function axeViolations(page: Page): Promise<Result[]> {
  await page.evaluate(axe.source)
  const options: RunOptions = { runOnly: { type: 'tag', values: WCAG_TAGS } }
  const results = await page.evaluate(
    (runOptions) => (globalThis as unknown as { axe: typeof axe }).axe.run(runOptions),
    options,
  )
  // Zero violations only means something if rules actually ran.
  if (results.passes.length === 0 && results.violations.length === 0) throw new Error(`axe checked nothing on ${page.url()}`)
  return results.violations
}

export function describeViolations(violations: Result[]): string {
  return violations
    .map((violation) => {
      const nodes = violation.nodes.map((node) => `      ${node.target.join(' ')}`).join('\n')
      return `  ${violation.id} (${violation.impact}): ${violation.help}\n    ${violation.helpUrl}\n${nodes}`
    })
    .join('\n')
}

/** What the browser refused under the app's Content Security Policy, per page opened by useBrowser. */
const policyRefusals = new WeakMap<Page, string[]>()

/** Fails with every WCAG 2.2 AA violation on the page, readably, and with anything the page's Content Security Policy refused so far (an inline style or script would not work for real users). */
export async function expectAccessible(page: Page): Promise<void> {
  const violations = await axeViolations(page)
  expect(violations, `Accessibility violations on ${page.url()}:\n${describeViolations(violations)}\n`).to.have.length(0)
  expect(policyRefusals.get(page) ?? [], `Refused by the Content Security Policy by ${page.url()}`).to.deep.equal([])
}

/**
 * For a browser suite: starts the test app and Chromium before its tests (or skips, saying why,
 * without Chromium) and stops both after. `newPage()` opens a page in a fresh context: no cookies.
 */
export function useBrowser(app: () => Express) {
  let running: RunningApp | undefined
  let browser: Browser | undefined
  before(async function () {
    skipWithoutChromium(this)
    running = await startApp(app())
    browser = await launchChromium()
  })
  after(async () => {
    await browser?.close()
    await running?.close()
  })
  return {
    async newPage(): Promise<Page> {
      const context = await browser!.newContext({ baseURL: running!.baseUrl })
      const page = await context.newPage()
      const refusals: string[] = []
      page.on('console', (message) => {
        if (message.type() === 'error' && /Content Security Policy/.test(message.text())) refusals.push(message.text())
      })
      policyRefusals.set(page, refusals)
      return page
    },
  }
}
