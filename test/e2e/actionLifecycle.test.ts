import { expect } from 'chai'
import type { Page } from 'playwright-core'
import { Action, Organisation, Partnership, User } from '../../server/db/models'
import { expectAccessible, signIn, useBrowser } from '../helpers/browser'
import { testContext } from '../helpers/testContext'

/** Types into a field reached by its label, with the keyboard. */
async function type(page: Page, label: string, text: string) {
  await page.getByLabel(label, { exact: true }).focus()
  await page.keyboard.type(text)
}

describe('in the browser, keyboard only: an action is created (after a similar one is offered), then updated', function () {
  const browser = useBrowser(() => testContext().app)
  let qa: Page
  let existing: Action

  before(async () => {
    const partnershipId = (await Partnership.findOne({ where: { slug: 'riverside' } }))!.id
    const police = (await Organisation.findOne({ where: { name: 'Riverside and Millbrook Police' } }))!
    const qaUser = (await User.findOne({ where: { email: 'qa@riverside.test' } }))!
    existing = await testContext().services.actions.create(qaUser.id, partnershipId, {
      title: 'Browser: return interviews for children missing from home',
      outcomeSought: 'Children missing from home are seen by an independent worker within 72 hours of returning',
      whyItMatters: '', deliverable: '', ownerOrganisationId: police.id, ownerName: 'Chris Patel', areaId: null,
      startsOn: '2026-01-01', dueOn: '2026-12-31', priority: 'medium', themeIds: [], newTheme: '',
    }, null)
    qa = await browser.newPage()
    await signIn(qa, 'qa@riverside.test')
  })

  it('offers the similar open action, then creates a new one anyway with everything typed', async () => {
    await qa.goto('/actions/new')
    await expectAccessible(qa)
    await type(qa, 'Title', 'Browser: missing children get return interviews')
    await type(qa, 'Outcome sought', 'Children missing from home are seen within 72 hours of returning home')
    await type(qa, 'Deliverable', 'Return interview service commissioned')
    await qa.getByLabel('Owner organisation').focus()
    await qa.getByLabel('Owner organisation').selectOption({ label: 'Millbrook Academy' })
    await type(qa, 'Named owner', 'Morgan Hughes')
    for (const [id, value] of [['#startsOn-day', '1'], ['#startsOn-month', '3'], ['#startsOn-year', '2026'], ['#dueOn-day', '30'], ['#dueOn-month', '11'], ['#dueOn-year', '2026']]) {
      await qa.locator(id).focus()
      // The start date comes filled in with today: replace it.
      await qa.keyboard.press('Control+A')
      await qa.keyboard.type(value)
    }
    await qa.getByLabel('High').focus()
    await qa.keyboard.press('Space')
    await qa.getByRole('button', { name: 'Add the action' }).focus()
    await Promise.all([qa.waitForNavigation(), qa.keyboard.press('Enter')])

    expect(await qa.locator('h1').textContent(), await qa.locator('main').textContent() ?? '').to.equal('Similar open actions already in the plan')
    expect(await qa.locator(`#similar-${existing.id}`).textContent()).to.contain(existing.title).and.contain('Chris Patel, Riverside and Millbrook Police')
    await expectAccessible(qa)
    await qa.getByRole('button', { name: 'Create a new action anyway' }).focus()
    await Promise.all([qa.waitForURL(/\/actions\/\d+$/), qa.keyboard.press('Enter')])
    expect(await qa.locator('.govuk-notification-banner').textContent()).to.contain('Action added to the plan as a draft')
    const page = await qa.locator('main').textContent()
    for (const text of ['Browser: missing children get return interviews', 'Return interview service commissioned', 'Morgan Hughes, Millbrook Academy', '1 March 2026', '30 November 2026', 'High priority', 'Draft']) expect(page).to.contain(text)
    await expectAccessible(qa)
  })

  it('adds an update that makes the action active, after the error summary asks for the note', async () => {
    await qa.getByRole('link', { name: 'Write an update' }).focus()
    await Promise.all([qa.waitForURL(/\/update$/), qa.keyboard.press('Enter')])
    await expectAccessible(qa)
    await qa.getByLabel('Active: On track').focus()
    await qa.keyboard.press('Space')
    await qa.getByRole('button', { name: 'Add the update' }).focus()
    await Promise.all([qa.waitForNavigation(), qa.keyboard.press('Enter')])
    await qa.waitForFunction("document.activeElement?.classList.contains('govuk-error-summary')")
    expect(await qa.locator('.govuk-error-summary').textContent()).to.contain('Enter a progress note')
    expect(await qa.getByLabel('Active: On track').isChecked()).to.equal(true)
    await expectAccessible(qa)

    await type(qa, 'Progress update', 'Service specification agreed with the commissioners.')
    await qa.getByRole('button', { name: 'Add the update' }).focus()
    await Promise.all([qa.waitForURL(/\/actions\/\d+$/), qa.keyboard.press('Enter')])
    expect(await qa.locator('.govuk-notification-banner').textContent()).to.contain('Update added: the action is now Active: On track')
    const updates = await qa.locator('#updates + ol').textContent()
    expect(updates).to.contain('Sam Okafor').and.contain('Service specification agreed with the commissioners.').and.contain('Draft to')
    await expectAccessible(qa)
  })
})
