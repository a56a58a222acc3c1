import { expect } from 'chai'
import type { Page } from 'playwright-core'
import { Action, ActionSource, Organisation, Partnership, PlanReview, PlanReviewRecommendation, User } from '../../server/db/models'
import { formatDate, todayInEngland } from '../../server/forms/dates'
import { expectAccessible, signIn, useBrowser } from '../helpers/browser'
import { press, typeDate, typeInto } from '../helpers/keyboard'
import { addDays } from '../helpers/directoryFixtures'
import { testContext } from '../helpers/testContext'

const RECOMMENDATIONS = [
  'The partnership should audit how neglect is recognised in children under two.',
  'Health visitors and early years practitioners should use the graded care profile when neglect is suspected.',
  'Children’s social care should review how it escalates concerns when families do not engage.',
]

describe('in the browser, keyboard only: a review with numbered recommendations, and an action created from one of them', function () {
  const browser = useBrowser(() => testContext().app)
  const today = todayInEngland()
  const heldOn = addDays(today, -20)
  let admin: Page
  let reviewPath: string
  let existing: Action

  before(async () => {
    // An open action much like the one this journey creates, so the "similar actions" page is offered (with "Link to this action instead").
    const partnershipId = (await Partnership.findOne({ where: { slug: 'riverside' } }))!.id
    const police = (await Organisation.findOne({ where: { name: 'Riverside and Millbrook Police' } }))!
    const qa = (await User.findOne({ where: { email: 'qa@riverside.test' } }))!
    existing = await testContext().services.actions.create(qa.id, partnershipId, {
      title: 'Graded care profile used by health visitors when neglect is suspected',
      outcomeSought: 'Health visitors use the graded care profile whenever neglect is suspected',
      whyItMatters: '', deliverable: '', ownerOrganisationId: police.id, ownerName: 'Chris Patel', areaId: null,
      startsOn: today, dueOn: addDays(today, 90), priority: 'medium', themeIds: [], newTheme: '',
    }, null)
    admin = await browser.newPage()
    await signIn(admin, 'admin@riverside.test')
  })

  it('adds a review, after the error summary names what is missing and keeps what was typed', async () => {
    // Reached from the action plan, as the business unit would find it.
    await press(admin, admin.getByRole('link', { name: 'Action plan', exact: true }))
    await press(admin, admin.getByRole('link', { name: 'Reviews and inspections, and their recommendations' }))
    expect(new URL(admin.url()).pathname).to.equal('/plan-reviews')
    expect(await admin.locator('h1').textContent()).to.equal('Reviews and inspections')
    await expectAccessible(admin)
    await press(admin, admin.getByRole('button', { name: 'Add a review' }))
    expect(await admin.locator('h1').textContent()).to.equal('Add a review')
    await expectAccessible(admin)

    await typeInto(admin, '#name', 'Child T')
    await typeInto(admin, '#summary', 'A baby whose neglect was seen by several services but not acted on.')
    await press(admin, admin.getByRole('button', { name: 'Add the review' }))
    await admin.waitForFunction("document.activeElement?.classList.contains('govuk-error-summary')")
    const summary = await admin.locator('.govuk-error-summary').textContent()
    for (const message of ['Choose the kind of review', 'Enter the date of the review', 'Enter at least one recommendation']) expect(summary).to.contain(message)
    expect(summary).not.to.contain('Enter the name')
    expect(await admin.locator('#name').inputValue()).to.equal('Child T')
    expect(await admin.locator('#summary').inputValue()).to.contain('several services')
    await expectAccessible(admin)
    // The summary's link takes the keyboard to the first recommendation box.
    await admin.locator('.govuk-error-summary a', { hasText: 'Enter at least one recommendation' }).focus()
    await admin.keyboard.press('Enter')
    await admin.waitForFunction("document.activeElement?.id === 'recommendation-0-text'")

    await admin.getByLabel('Child Safeguarding Practice Review', { exact: true }).focus()
    await admin.keyboard.press('Space')
    await typeDate(admin, 'heldOn', heldOn)
    for (const [row, text] of RECOMMENDATIONS.entries()) await typeInto(admin, `#recommendation-${row}-text`, text)
    await press(admin, admin.getByRole('button', { name: 'Add the review' }))
    expect(new URL(admin.url()).pathname).to.match(/^\/plan-reviews\/\d+$/)
    reviewPath = new URL(admin.url()).pathname
    expect(await admin.locator('.govuk-notification-banner').textContent()).to.contain('Child Safeguarding Practice Review “Child T” added')
    expect(await admin.locator('h1').textContent()).to.equal('Child T')
    expect(await admin.locator('main').textContent()).to.contain(formatDate(heldOn))
    for (const [index, text] of RECOMMENDATIONS.entries()) {
      const card = admin.locator(`#recommendation-${index + 1}`)
      expect(await card.locator('h3').textContent()).to.equal(`Recommendation ${index + 1}`)
      expect(await card.textContent()).to.contain(text).and.contain('No actions yet.')
    }
    await expectAccessible(admin)

    // The list shows it with its counts.
    await admin.goto('/plan-reviews')
    const row = admin.locator('tbody tr', { hasText: 'Child T' })
    expect(await row.textContent()).to.contain('Child Safeguarding Practice Review').and.contain(formatDate(heldOn))
    expect((await row.locator('td').allTextContents()).slice(-2)).to.deep.equal(['3', '0'])
    await expectAccessible(admin)
  })

  it('creates an action from recommendation 2, prefilled, and sees it listed under that recommendation', async () => {
    await press(admin, admin.getByRole('link', { name: 'Child T', exact: true }))
    expect(new URL(admin.url()).pathname).to.equal(reviewPath)
    const review = (await PlanReview.findOne({ where: { name: 'Child T' } }))!
    const second = (await PlanReviewRecommendation.findOne({ where: { reviewId: review.id, number: 2 } }))!

    await press(admin, admin.locator('#recommendation-2').getByRole('link', { name: /^Create an action/ }))
    const url = new URL(admin.url())
    expect(url.pathname).to.equal('/actions/new')
    expect(url.searchParams.get('source')).to.equal(`review_recommendation:${second.id}`)
    expect(await admin.locator('.govuk-inset-text').textContent()).to.contain(`Child Safeguarding Practice Review: Child T (${heldOn.slice(0, 4)}), recommendation 2`)
    expect(await admin.locator('#title').inputValue()).to.equal(`Child T recommendation 2: ${RECOMMENDATIONS[1]}`)
    expect(await admin.locator('#outcomeSought').inputValue()).to.equal(RECOMMENDATIONS[1])
    await expectAccessible(admin)

    await typeInto(admin, '#title', 'Graded care profile used wherever neglect is suspected')
    await typeInto(admin, '#deliverable', 'Graded care profile training for all health visitors')
    await admin.locator('#ownerOrganisationId').focus()
    await admin.locator('#ownerOrganisationId').selectOption({ label: 'Millbrook Academy' })
    await typeInto(admin, '#ownerName', 'Head of Early Help')
    await typeDate(admin, 'dueOn', addDays(today, 180))
    await press(admin, admin.getByRole('button', { name: 'Add the action' }))
    // The similar open action is offered, with a way to link the recommendation to it instead: this one is different, so create it anyway.
    expect(await admin.locator('h1').textContent()).to.equal('Similar open actions already in the plan')
    expect(await admin.locator(`#similar-${existing.id}`).textContent()).to.contain(existing.title)
    expect(await admin.locator('main').textContent()).to.contain('If one of them already answers Child Safeguarding Practice Review: Child T')
    expect(await admin.getByRole('button', { name: 'Link to this action instead' }).count()).to.equal(1)
    await expectAccessible(admin)
    await press(admin, admin.getByRole('button', { name: 'Create a new action anyway' }))
    expect(new URL(admin.url()).pathname).to.match(/^\/actions\/\d+$/)
    expect(await admin.locator('.govuk-notification-banner').textContent()).to.contain('Action added to the plan as a draft')
    const actionId = Number(new URL(admin.url()).pathname.split('/').pop())
    expect(await ActionSource.count({ where: { actionId, kind: 'review_recommendation', sourceId: second.id } })).to.equal(1)
    expect(await ActionSource.count({ where: { actionId: existing.id } })).to.equal(0)
    const page = await admin.locator('main').textContent()
    for (const text of ['Graded care profile used wherever neglect is suspected', RECOMMENDATIONS[1], 'Graded care profile training for all health visitors', 'Head of Early Help, Millbrook Academy', formatDate(addDays(today, 180)), 'Draft']) expect(page).to.contain(text)
    await expectAccessible(admin)

    // The action links back to its source, and the source lists the action.
    await press(admin, admin.getByRole('link', { name: /Child T .*recommendation 2/ }))
    expect(new URL(admin.url()).pathname).to.equal(reviewPath)
    expect(new URL(admin.url()).hash).to.equal('#recommendation-2')
    const listed = admin.locator('#recommendation-2 .app-source-actions li')
    expect(await listed.count()).to.equal(1)
    expect(await listed.getByRole('link').getAttribute('href')).to.equal(`/actions/${actionId}`)
    expect(await listed.textContent()).to.contain('Graded care profile used wherever neglect is suspected').and.contain('Draft').and.contain('Head of Early Help, Millbrook Academy')
    for (const other of [1, 3]) expect(await admin.locator(`#recommendation-${other}`).textContent()).to.contain('No actions yet.')
    await expectAccessible(admin)
  })
})
