import { expect } from 'chai'
import type { Page } from 'playwright-core'
import { ChallengeEventOutcome, Organisation } from '../../server/db/models'
import { todayInEngland } from '../../server/forms/dates'
import { expectAccessible, signIn, useBrowser } from '../helpers/browser'
import { submittedPoliceReturn } from '../helpers/policeReturn'
import { testContext } from '../helpers/testContext'

describe('in the browser: a QA reviewer schedules a challenge event, records an outcome and finds it on the organisation’s history', function () {
  const browser = useBrowser(() => testContext().app)
  let reviewer: Page
  let eventPath: string
  const lastWeek = todayInEngland(new Date(Date.now() - 7 * 86_400_000)).split('-')

  before(async () => {
    await submittedPoliceReturn('Browser panel 2073', 2073, { questionAnswers: { 'S11-6.1-named-dsl': 'yes' } })
    reviewer = await browser.newPage()
    await signIn(reviewer, 'qa@riverside.test')
  })

  it('schedules an event from the review queue, after the error summary names what is missing', async () => {
    await reviewer.getByRole('link', { name: 'Reviews' }).click()
    await reviewer.getByRole('link', { name: 'Challenge events (peer review panels)' }).click()
    await expectAccessible(reviewer)
    await reviewer.getByRole('button', { name: 'Schedule a challenge event' }).click()
    await reviewer.getByLabel('Browser panel 2073').check()
    await reviewer.getByRole('button', { name: 'Continue' }).click()
    await expectAccessible(reviewer)
    await reviewer.getByLabel('Title').fill('Browser panel')
    await Promise.all([reviewer.waitForNavigation(), reviewer.getByRole('button', { name: 'Schedule the event' }).click()])
    // GOV.UK Frontend moves focus to the error summary once its script has run: wait for that before filling the form in.
    await reviewer.waitForFunction("document.activeElement?.classList.contains('govuk-error-summary')")
    const summary = await reviewer.locator('.govuk-error-summary').textContent()
    for (const message of ['Enter the date of the event', 'Choose at least one panel member', 'Choose at least one organisation to discuss', 'Choose at least one standard to discuss']) expect(summary).to.contain(message)
    expect(await reviewer.getByLabel('Title').inputValue()).to.equal('Browser panel')
    await expectAccessible(reviewer)

    await reviewer.locator('#heldOn-day').fill(String(Number(lastWeek[2])))
    await reviewer.locator('#heldOn-month').fill(String(Number(lastWeek[1])))
    await reviewer.locator('#heldOn-year').fill(lastWeek[0])
    await reviewer.getByLabel('Sam Okafor').check()
    await reviewer.getByLabel('Riverside and Millbrook Police').check()
    await reviewer.getByLabel('S11-1 Leadership and accountability').check()
    await reviewer.getByRole('button', { name: 'Schedule the event' }).click()
    await reviewer.waitForURL(/\/challenge-events\/\d+$/)
    expect(await reviewer.locator('.govuk-notification-banner').textContent()).to.contain('Challenge event scheduled')
    eventPath = new URL(reviewer.url()).pathname
    await expectAccessible(reviewer)
  })

  it('records the outcome with an agreed score and an action, and sees it on the organisation’s history', async () => {
    await reviewer.getByRole('link', { name: 'Record the outcome for Riverside and Millbrook Police' }).click()
    await expectAccessible(reviewer)
    await reviewer.getByLabel('S11-1 Leadership and accountability').selectOption('1')
    await reviewer.getByLabel('Summary of the discussion').fill('The board has not seen a safeguarding report this year.')
    await reviewer.locator('#action-0-action').fill('Report to the board on safeguarding')
    await reviewer.locator('#action-0-owner').fill('Chief Superintendent')
    await reviewer.locator('#action-0-target-day').fill('31')
    await reviewer.locator('#action-0-target-month').fill('3')
    await reviewer.locator('#action-0-target-year').fill(String(Number(lastWeek[0]) + 1))
    await reviewer.getByRole('button', { name: 'Save the outcome' }).focus()
    await reviewer.keyboard.press('Enter')
    await reviewer.waitForURL(`**${eventPath}#organisation-*`)
    expect(await reviewer.locator('.govuk-notification-banner').textContent()).to.contain('Outcome for Riverside and Millbrook Police recorded')
    expect(new URL(reviewer.url()).pathname).to.equal(eventPath)
    await expectAccessible(reviewer)
    const police = (await Organisation.findOne({ where: { name: 'Riverside and Millbrook Police' } }))!
    expect(await ChallengeEventOutcome.count({ where: { eventId: Number(eventPath.split('/').pop()), organisationId: police.id } })).to.equal(1)

    await reviewer.getByRole('link', { name: 'History' }).click()
    const events = await reviewer.locator('#challenge-events ~ .govuk-summary-card').first().textContent()
    expect(events).to.contain('Browser panel')
    expect(events).to.contain('1 Developing')
    await expectAccessible(reviewer)
  })
})
