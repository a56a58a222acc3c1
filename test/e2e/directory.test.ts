import { expect } from 'chai'
import type { Page } from 'playwright-core'
import { Area, Partnership } from '../../server/db/models'
import { todayInEngland } from '../../server/forms/dates'
import { expectAccessible, useBrowser } from '../helpers/browser'
import { addDays, organisationIn, statementFor } from '../helpers/directoryFixtures'
import { testContext } from '../helpers/testContext'

describe('in the browser: a member of the public finds a Child Safeguarding Statement in the directory', function () {
  const browser = useBrowser(() => testContext().app)
  let page: Page

  before(async () => {
    const { sequelize } = testContext()
    const today = todayInEngland()
    const partnership = await Partnership.create({ name: 'Browser Directory Partnership', slug: 'browser-directory' })
    const area = await Area.create({ name: 'Hillside', partnershipId: partnership.id })
    const statuses = [addDays(today, 500), addDays(today, 20), addDays(today, -10)]
    for (let index = 0; index < 24; index++) {
      const organisation = await organisationIn(sequelize, partnership, { name: `Hillside Club ${String(index + 1).padStart(2, '0')}`, sectorKey: index % 2 ? 'sport-leisure' : 'faith', areas: [area] })
      await statementFor(organisation, partnership, 'approved', { reviewOn: statuses[index % 3] })
    }
    const draft = await organisationIn(sequelize, partnership, { name: 'Hillside Draft Society', areas: [area] })
    await statementFor(draft, partnership, 'draft')
    page = await browser.newPage()
  })

  it('shows statements with their statuses and pages through them, with no accessibility failures', async () => {
    await page.goto('/directory?q=hillside')
    expect(await page.locator('h1').textContent()).to.equal('Find a Child Safeguarding Statement')
    expect(await page.locator('#results').textContent()).to.contain('24 statements, showing 1 to 20')
    for (const status of ['Current', 'Review due', 'Review overdue']) expect(await page.locator('.govuk-tag', { hasText: status }).count()).to.be.greaterThan(0)
    expect(await page.getByText('Hillside Draft Society').count()).to.equal(0)
    await expectAccessible(page)
    await page.getByRole('link', { name: 'Next' }).click()
    await page.waitForURL(/page=2/)
    expect(await page.locator('#results').textContent()).to.contain('showing 21 to 24')
    await expectAccessible(page)
  })

  it('says so when a search finds nothing, accessibly', async () => {
    await page.goto('/directory')
    await page.getByLabel('Organisation name').fill('No such organisation anywhere')
    await page.getByRole('button', { name: 'Search' }).click()
    await page.waitForURL(/q=No\+such/)
    expect(await page.locator('#results').textContent()).to.contain('No statements match your search')
    expect(await page.getByLabel('Organisation name').inputValue()).to.equal('No such organisation anywhere')
    await expectAccessible(page)
  })

  it('can be searched and filtered with the keyboard alone', async () => {
    await page.goto('/directory')
    /** Tabs forward until the element matching `selector` has focus (or gives up). */
    const tabTo = async (selector: string) => {
      for (let presses = 0; presses < 40; presses++) {
        await page.keyboard.press('Tab')
        if (await page.evaluate(`document.activeElement?.matches(${JSON.stringify(selector)}) ?? false`)) return
      }
      expect.fail(`Could not reach ${selector} with the Tab key`)
    }
    await tabTo('#q')
    await page.keyboard.type('hillside club 0')
    await tabTo('#sector')
    // Arrow keys move through the options ("Any sector" first) without opening the list.
    for (let presses = 0; presses < 20 && (await page.locator('#sector').inputValue()) !== 'sport-leisure'; presses++) await page.keyboard.press('ArrowDown')
    await tabTo('button.govuk-button')
    await Promise.all([page.waitForURL(/sector=sport-leisure/), page.keyboard.press('Enter')])
    const names = await page.locator('tbody th a.govuk-link:not([href$=".pdf"])').allTextContents()
    expect(names).to.deep.equal(['Hillside Club 02', 'Hillside Club 04', 'Hillside Club 06', 'Hillside Club 08'])
    await tabTo('tbody th a.govuk-link')
    expect(await page.evaluate('document.activeElement?.textContent')).to.equal('Hillside Club 02')
    await expectAccessible(page)
  })
})
