import { expect } from 'chai'
import type { Page } from 'playwright-core'
import { planFixture } from '../helpers/actionPlanFixture'
import { expectAccessible, signIn, useBrowser } from '../helpers/browser'
import { testContext } from '../helpers/testContext'

describe('in the browser: the partnership filters its action plan with the keyboard and reads the themes sheet', function () {
  const browser = useBrowser(() => testContext().app)
  let page: Page
  let fixture: Awaited<ReturnType<typeof planFixture>>

  before(async () => {
    fixture = await planFixture('Browser Plan')
    const { action, neglect, exploitation, school } = fixture
    await action({ title: 'Neglect pathway relaunch', status: 'at_risk', dueInDays: -12, themes: [neglect], sources: ['improvement_area'], escalation: { note: 'Late' } })
    await action({ title: 'Exploitation screening', status: 'off_track', dueInDays: 20, themes: [exploitation, neglect], sources: ['challenge', 'audit_case'] })
    await action({ title: 'Attendance checks', status: 'draft', dueInDays: 5, owner: school, themes: [exploitation] })
    await action({ title: 'Completed voice work', status: 'completed', dueInDays: -30 })
    page = await browser.newPage()
    await signIn(page, fixture.admin.email)
  })

  it('opens the plan from the dashboard summary, accessible with every action listed', async () => {
    expect(await page.locator('#action-plan + ul').textContent()).to.match(/3\s+Open actions/)
    await page.getByRole('link', { name: 'Action plan' }).first().click()
    await page.waitForURL('**/actions')
    expect(await page.locator('tbody tr').count()).to.equal(4)
    await expectAccessible(page)
  })

  it('filters by status and overdue with the keyboard only, then shows the empty state and clears the filters', async () => {
    // Type-ahead on the closed select, as a keyboard user chooses an option.
    await page.getByLabel('Status', { exact: true }).focus()
    await page.keyboard.type('Open')
    expect(await page.getByLabel('Status', { exact: true }).inputValue()).to.equal('open')
    await page.getByLabel('Overdue', { exact: true }).focus()
    await page.keyboard.press('Space')
    await page.getByRole('button', { name: 'Apply filters' }).focus()
    await page.keyboard.press('Enter')
    await page.waitForURL(/status=open/)
    expect(page.url()).to.contain('due=overdue')
    expect(await page.locator('tbody tr').allTextContents()).to.have.length(1)
    expect(await page.locator('caption').first().textContent()).to.contain('1 action matching: Status: Open (draft or active); Overdue only')
    expect(await page.getByLabel('Overdue', { exact: true }).isChecked()).to.equal(true)
    await expectAccessible(page)

    await page.getByLabel('Priority', { exact: true }).focus()
    await page.keyboard.type('Low')
    await page.getByRole('button', { name: 'Apply filters' }).press('Enter')
    await page.waitForURL(/priority=low/)
    expect(await page.locator('#no-actions').textContent()).to.contain('No actions match these filters')
    await expectAccessible(page)
    await page.getByRole('link', { name: 'Clear filters' }).press('Enter')
    await page.waitForURL(/\/actions$/)
    expect(await page.locator('tbody tr').count()).to.equal(4)
  })

  it('shows a date filter that is not a date in the error summary, accessibly', async () => {
    await page.locator('#dueFrom-day').fill('31')
    await page.locator('#dueFrom-month').fill('2')
    await page.locator('#dueFrom-year').fill('2026')
    await page.getByRole('button', { name: 'Apply filters' }).press('Enter')
    // GOV.UK Frontend moves focus to the error summary once its script has run.
    await page.locator('.govuk-error-summary:focus').waitFor()
    expect(await page.locator('.govuk-error-summary').textContent()).to.contain('The due from date must be a real date')
    expect(await page.locator('#dueFrom-day').inputValue()).to.equal('31')
    await expectAccessible(page)
  })

  it('reads the themes sheet, recurring themes first, and follows a count into the filtered plan', async () => {
    await page.goto('/actions/themes')
    const first = await page.locator('tbody tr').first().textContent()
    expect(first).to.contain(fixture.neglect.name)
    expect(first).to.contain('Recurring')
    await expectAccessible(page)
    await page.getByRole('link', { name: `2 open actions with the theme ${fixture.exploitation.name}` }).press('Enter')
    await page.waitForURL(new RegExp(`themeId=${fixture.exploitation.id}&status=open`))
    expect(await page.locator('tbody tr').count()).to.equal(2)
    expect(await page.getByLabel('Theme', { exact: true }).inputValue()).to.equal(String(fixture.exploitation.id))
  })
})

describe('in the browser: an organisation lead sees their open actions on the dashboard; the overdue and stale lists', function () {
  const browser = useBrowser(() => testContext().app)
  let fixture: Awaited<ReturnType<typeof planFixture>>

  before(async () => {
    fixture = await planFixture('Browser Lists')
    await fixture.action({ title: 'Overdue and stale', status: 'at_risk', dueInDays: -3, createdDaysAgo: 80 })
    await fixture.action({ title: 'Not yet due', status: 'on_track', dueInDays: 30, updatedDaysAgo: 2 })
  })

  it('shows the lead their organisation’s open actions with the overdue marker, each a link', async () => {
    const page = await browser.newPage()
    await signIn(page, fixture.trustLead.email)
    const rows = await page.locator('#your-actions + table tbody tr').allTextContents()
    expect(rows).to.have.length(2)
    expect(rows[0]).to.match(/Overdue and stale[\s\S]*Overdue\s+3 days[\s\S]*Active: At risk/)
    expect(await page.getByRole('link', { name: 'Not yet due' }).getAttribute('href')).to.match(/^\/actions\/\d+$/)
    await expectAccessible(page)
  })

  it('lists the overdue and the stale actions, accessibly', async () => {
    const page = await browser.newPage()
    await signIn(page, fixture.admin.email)
    for (const path of ['/actions/overdue', '/actions/stale']) {
      await page.goto(path)
      expect(await page.locator('tbody tr').allTextContents()).to.have.length(1)
      await expectAccessible(page)
    }
  })
})
