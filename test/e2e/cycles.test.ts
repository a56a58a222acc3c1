import { expect } from 'chai'
import type { Page } from 'playwright-core'
import { expectAccessible, signIn, useBrowser } from '../helpers/browser'
import { testContext } from '../helpers/testContext'

describe('in the browser: frameworks and issuing a cycle', function () {
  const browser = useBrowser(() => testContext().app)
  let page: Page

  before(async () => {
    page = await browser.newPage()
    await signIn(page, 'admin@riverside.test')
  })

  it('lists frameworks, shows one as a small group would see it, and compares versions, all accessibly', async () => {
    await page.goto('/frameworks')
    await expectAccessible(page)
    await page.getByRole('link', { name: 'Section 11 safeguarding self-assessment' }).first().click()
    await page.getByLabel('Role').selectOption('named_organisation')
    await page.getByLabel('Size').selectOption('small')
    await page.getByRole('button', { name: 'Show this view' }).click()
    expect(await page.getByRole('status').textContent()).to.match(/would answer \d+ of \d+ criteria/)
    await expectAccessible(page)
    await page.goto('/frameworks')
    await page.getByRole('link', { name: 'Compare with 2024' }).click()
    expect(await page.getByRole('heading', { level: 1 }).textContent()).to.contain('Version 2024 and version 2025')
    await expectAccessible(page)
  })

  it('issues a cycle: the form, the preview, then the live cycle page', async () => {
    await page.goto('/cycles/new')
    await expectAccessible(page)
    await page.getByLabel('Cycle name').fill('Faith groups 2026')
    await page.getByLabel('Framework version').selectOption({ label: 'Section 11 safeguarding self-assessment, version 2025' })
    const dates = { Opening: ['1', '2', '2026'], Closing: ['30', '4', '2026'] }
    for (const [legend, [day, month, year]] of Object.entries(dates)) {
      const group = page.getByRole('group', { name: `${legend} date` })
      await group.getByLabel('Day').fill(day)
      await group.getByLabel('Month').fill(month)
      await group.getByLabel('Year').fill(year)
    }
    await page.getByRole('group', { name: 'Sectors' }).getByLabel('Faith').check()
    await page.getByRole('button', { name: 'Continue' }).click()

    expect(await page.getByRole('heading', { level: 1 }).textContent()).to.contain('Check who the cycle goes to')
    await expectAccessible(page)
    await page.getByRole('button', { name: /^Issue to \d+ organisations?$/ }).click()

    await page.waitForURL(/\/cycles\/\d+$/)
    expect(await page.locator('.govuk-notification-banner').textContent()).to.match(/Faith groups 2026 issued to \d+ organisation/)
    await expectAccessible(page)
  })

  it('shows a form error in the summary and inline, keeping what was typed', async () => {
    await page.goto('/cycles/new')
    await page.getByLabel('Cycle name').fill('Half done')
    await page.getByRole('button', { name: 'Continue' }).click()
    expect(await page.title()).to.match(/^Error: /)
    expect(await page.getByLabel('Cycle name').inputValue()).to.equal('Half done')
    await expectAccessible(page)
  })
})
