import { expect } from 'chai'
import type { Page } from 'playwright-core'
import { DEMO_USERS } from '../../server/demo/demoData'
import { axeViolations, expectAccessible, signIn, useBrowser } from '../helpers/browser'
import { testContext } from '../helpers/testContext'

describe('in the browser: sign-in and each demo user’s dashboard', function () {
  const browser = useBrowser(() => testContext().app)
  let page: Page

  // A fresh context per test: no cookies or session carried from one user to the next.
  beforeEach(async () => {
    page = await browser.newPage()
  })

  afterEach(async () => {
    await page.context().close()
  })

  // Guards the harness: a runner that silently checked nothing would pass every page below.
  it('the axe runner reports a violation when there is one', async () => {
    await page.goto('/sign-in')
    // A string, not a function: the project's TypeScript has no DOM types.
    await page.evaluate("document.querySelector('main').append(document.createElement('img'))")
    expect((await axeViolations(page)).map((violation) => violation.id)).to.include('image-alt')
  })

  it('the first Tab on the sign-in page focuses the skip link', async () => {
    await page.goto('/sign-in')
    await page.keyboard.press('Tab')
    expect(await page.locator(':focus').textContent()).to.equal('Skip to main content')
  })

  it('the sign-in page has no accessibility violations', async () => {
    await page.goto('/sign-in')
    expect(await page.title()).to.equal('Sign in – Assure')
    await expectAccessible(page)
  })

  it('the sign-in page after a failed attempt shows the errors with no accessibility violations', async () => {
    await page.goto('/sign-in')
    await page.getByLabel('Email address', { exact: true }).fill('nobody@riverside.test')
    await page.getByLabel('Password', { exact: true }).fill('not-the-password')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.locator('.govuk-error-summary').waitFor()
    expect(await page.title()).to.match(/^Error: /)
    await expectAccessible(page)
  })

  for (const user of DEMO_USERS) {
    it(`${user.name} (${user.role}) signs in to a dashboard with no accessibility violations`, async () => {
      await signIn(page, user.email)
      expect(new URL(page.url()).pathname).to.equal('/dashboard')
      expect(await page.locator('h1').count()).to.equal(1)
      expect(await page.locator('main').getByText(user.name, { exact: true }).count()).to.be.greaterThan(0)
      await expectAccessible(page)
    })
  }
})
