import { expect } from 'chai'
import type { Page } from 'playwright-core'
import { AssessmentReturn, ReturnAnswer } from '../../server/db/models'
import { expectAccessible, signIn, useBrowser } from '../helpers/browser'
import { submittedPoliceReturn } from '../helpers/policeReturn'
import { testContext } from '../helpers/testContext'

describe('in the browser: a QA reviewer moderates and challenges; the organisation answers; the reviewer accepts', function () {
  const browser = useBrowser(() => testContext().app)
  let reviewer: Page
  let lead: Page
  let returnId: number

  before(async () => {
    // Last year's return too, on the earlier framework version, so the comparison has two cycles to compare.
    await submittedPoliceReturn('Browser review 2051', 2051, { frameworkVersion: '2024', questionAnswers: { 'S11-6.1-named-dsl': 'yes' } })
    returnId = await submittedPoliceReturn('Browser review 2052', 2052, { questionAnswers: { 'S11-6.1-named-dsl': 'yes' } })
    reviewer = await browser.newPage()
    await signIn(reviewer, 'qa@riverside.test')
    lead = await browser.newPage()
    await signIn(lead, 'lead@police.riverside.test')
  })

  it('finds the return in the review queue with a filter, accessibly', async () => {
    await reviewer.getByRole('link', { name: 'Reviews' }).click()
    await reviewer.getByLabel('Sector').selectOption('police')
    await reviewer.getByRole('button', { name: 'Apply filters' }).click()
    await reviewer.waitForURL('**/reviews?**')
    await expectAccessible(reviewer)
    await reviewer.goto(`/reviews/${returnId}`)
    await expectAccessible(reviewer)
  })

  it('moderates a criterion with the keyboard and sees the difference from the self-score', async () => {
    await reviewer.getByRole('link', { name: /^S11-3 / }).click()
    await expectAccessible(reviewer)
    await reviewer.getByLabel('Moderated score for S11-3.2').selectOption('1')
    await reviewer.getByLabel('Reason for the moderated score (S11-3.2)').fill('No record of children’s views being used')
    await reviewer.getByRole('button', { name: 'Save the moderated score for S11-3.2' }).focus()
    await Promise.all([reviewer.waitForNavigation(), reviewer.keyboard.press('Enter')])
    expect(await reviewer.locator('#S11-3\\.2').textContent()).to.contain('1 Developing (-1 on the self-score). Reason: No record of children’s views being used')
    expect((await ReturnAnswer.findOne({ where: { returnId, criterionKey: 'S11-3.2' } }))!.moderatedScore).to.equal(1)
    await expectAccessible(reviewer)
  })

  it('raises a challenge, which the organisation answers on its own page', async () => {
    await reviewer.getByLabel('About').selectOption('S11-3.1')
    await reviewer.getByLabel('Question for the organisation').fill('How do children give feedback in custody suites?')
    await Promise.all([reviewer.waitForNavigation(), reviewer.getByRole('button', { name: 'Raise the challenge' }).click()])
    await lead.goto(`/returns/${returnId}`)
    await lead.getByRole('link', { name: 'Questions from the partnership' }).click()
    await expectAccessible(lead)
    await lead.getByLabel('Your answer about S11-3.1').fill('A feedback card is offered on release and reviewed monthly')
    await Promise.all([lead.waitForNavigation(), lead.getByRole('button', { name: 'Send the answer about S11-3.1' }).click()])
    expect(await lead.locator('.govuk-notification-banner').textContent()).to.contain('Answer sent')
    await expectAccessible(lead)
  })

  it('closes the challenge and accepts the return', async () => {
    await reviewer.goto(`/reviews/${returnId}`)
    await Promise.all([reviewer.waitForNavigation(), reviewer.getByRole('button', { name: 'Close the challenge on S11-3.1' }).click()])
    await Promise.all([reviewer.waitForNavigation(), reviewer.getByRole('button', { name: 'Accept the return' }).click()])
    expect(await reviewer.locator('.govuk-notification-banner').textContent()).to.contain('Return accepted')
    expect((await AssessmentReturn.findByPk(returnId))!.status).to.equal('accepted')
    await expectAccessible(reviewer)
  })

  it('opens the comparison, the heatmap (sorted by a standard), the organisation’s history and calibration, accessibly', async () => {
    await reviewer.goto('/reviews')
    await reviewer.getByRole('link', { name: 'Compare cycles' }).click()
    const chart = reviewer.getByRole('img', { name: /^Percentage of organisations rated Fully met per standard/ })
    await chart.waitFor()
    expect((await chart.boundingBox())!.height).to.be.greaterThan(200)
    await expectAccessible(reviewer)
    await reviewer.getByRole('link', { name: 'Heatmap: each organisation by standard' }).click()
    await reviewer.getByRole('link', { name: /^S11-3 / }).first().click()
    expect(await reviewer.locator('th[aria-sort="ascending"]').textContent()).to.contain('S11-3')
    await expectAccessible(reviewer)
    await reviewer.goto(`/reviews/${returnId}`)
    await reviewer.getByRole('link', { name: 'The organisation’s history' }).click()
    expect(await reviewer.getByRole('heading', { level: 1 }).textContent()).to.equal('Riverside and Millbrook Police')
    await expectAccessible(reviewer)
    await reviewer.goto('/reviews/calibration')
    expect(await reviewer.locator('main').textContent()).to.contain('self-scores moderated')
    await expectAccessible(reviewer)
    await reviewer.goto('/response-rates')
    await reviewer.getByRole('img', { name: 'Response rate by sector across cycles, oldest first' }).waitFor()
    await expectAccessible(reviewer)
  })
})
