import { readFileSync } from 'node:fs'
import path from 'node:path'
import { expect } from 'chai'
import type { Page } from 'playwright-core'
import { expectAccessible, signIn, useBrowser } from '../helpers/browser'
import { isoDaysFromToday, newAction } from '../helpers/actionFixture'
import { testContext } from '../helpers/testContext'

describe('in the browser: the owner measures an action, adds evidence and escalates it; an admin records the executive’s response', function () {
  const browser = useBrowser(() => testContext().app)
  let lead: Page
  let actionPath: string

  before(async () => {
    const action = await newAction({ title: 'Browser action: chairs hear the child', status: 'off_track' })
    actionPath = `/actions/${action.id}`
    lead = await browser.newPage()
    await signIn(lead, 'lead@police.riverside.test')
  })

  async function fillDate(page: Page, name: string, iso: string) {
    const [year, month, day] = iso.split('-')
    await page.locator(`#${name}-day`).fill(String(Number(day)))
    await page.locator(`#${name}-month`).fill(String(Number(month)))
    await page.locator(`#${name}-year`).fill(year)
  }

  it('adds a measure and readings, after clear messages, and sees them charted with a table', async () => {
    await lead.goto(actionPath)
    await lead.getByRole('button', { name: 'Add a measure' }).click()
    await expectAccessible(lead)
    await lead.getByLabel('What will be measured').fill('Strategy meetings recording the child’s wishes')
    await lead.getByLabel('Unit (optional)').fill('%')
    await lead.getByLabel('Baseline').fill('forty')
    await lead.getByLabel('Target').fill('75')
    await Promise.all([lead.waitForNavigation(), lead.getByRole('button', { name: 'Add the measure' }).click()])
    await lead.waitForFunction("document.activeElement?.classList.contains('govuk-error-summary')")
    expect(await lead.locator('.govuk-error-summary').textContent()).to.contain('The baseline must be a number')
    await expectAccessible(lead)
    await lead.getByLabel('Baseline').fill('40')
    await lead.getByRole('button', { name: 'Add the measure' }).click()
    await lead.waitForURL(/\/actions\/\d+#measures$/)

    for (const [days, value] of [[-120, '44'], [-60, '52'], [-5, '61']] as const) {
      await lead.getByRole('link', { name: 'Record a reading of Strategy meetings recording the child’s wishes' }).click()
      if (days === -120) {
        await lead.getByLabel('Value').fill(value)
        await Promise.all([lead.waitForNavigation(), lead.getByRole('button', { name: 'Record the reading' }).click()])
        expect(await lead.locator('.govuk-error-summary').textContent()).to.contain('Enter the date of the reading')
        expect(await lead.getByLabel('Value').inputValue()).to.equal(value)
        await expectAccessible(lead)
      }
      await fillDate(lead, 'readOn', isoDaysFromToday(days))
      await lead.getByLabel('Value').fill(value)
      await lead.getByRole('button', { name: 'Record the reading' }).click()
      await lead.waitForURL(/\/readings$/)
      await lead.goto(actionPath)
    }
    const chart = lead.getByRole('img', { name: /Strategy meetings recording the child’s wishes: readings from/ })
    expect(await chart.count()).to.equal(1)
    await lead.getByText('The readings as a table').click()
    expect(await lead.locator('#measures table').textContent()).to.match(/44%[^]*52%[^]*61%/)
    await expectAccessible(lead)
  })

  it('adds evidence with a file, and escalates the off-track action with a note', async () => {
    await lead.getByRole('button', { name: 'Add evidence' }).click()
    await expectAccessible(lead)
    await lead.getByLabel('Impact').check()
    await lead.getByLabel('Description').fill('Chart of strategy meetings over the year')
    await lead.locator('#file').setInputFiles({ name: 'chart.png', mimeType: 'image/png', buffer: readFileSync(path.join(__dirname, '../fixtures/evidence/chart.png')) })
    await lead.getByRole('button', { name: 'Add the evidence' }).click()
    await lead.waitForURL(/#evidence$/)
    expect(await lead.locator('#evidence').textContent()).to.contain('chart.png')

    await lead.getByRole('button', { name: 'Escalate to the executive' }).click()
    await expectAccessible(lead)
    await lead.getByLabel('Note for the executive').fill('Chairs are not released for the briefing')
    await lead.getByRole('button', { name: 'Escalate the action' }).click()
    await lead.waitForURL(/#escalations$/)
    expect(await lead.locator('#escalations').textContent()).to.contain('Awaiting the executive’s response')
    await expectAccessible(lead)
  })

  it('lets an admin record the executive’s response, shown in the escalation log', async () => {
    const admin = await browser.newPage()
    await signIn(admin, 'admin@riverside.test')
    await admin.goto(actionPath)
    await admin.getByRole('link', { name: /Record the response/ }).click()
    await expectAccessible(admin)
    await admin.getByLabel('The executive’s response').fill('Backfill agreed for two chairs from April')
    await admin.getByRole('button', { name: 'Record the response' }).click()
    await admin.waitForURL(/#escalations$/)
    expect(await admin.locator('#escalations').textContent()).to.contain('Backfill agreed for two chairs from April')
    await expectAccessible(admin)
  })
})
