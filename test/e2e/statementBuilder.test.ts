import { expect } from 'chai'
import type { Page } from 'playwright-core'
import { hashPassword } from '../../server/auth/password'
import { Area, Membership, Organisation, Statement, User } from '../../server/db/models'
import { DEMO_PASSWORD } from '../../server/demo/demoData'
import { formatDate, todayInEngland } from '../../server/forms/dates'
import { expectAccessible, signIn, useBrowser } from '../helpers/browser'
import { press, typeDate, typeInto } from '../helpers/keyboard'
import { addDays, organisationIn } from '../helpers/directoryFixtures'
import { testContext } from '../helpers/testContext'
import { riverside } from '../http/statementsFixture'

/** Ticks a checkbox reached by its label with the keyboard: focus, then Space. */
async function tick(page: Page, label: string) {
  await page.getByLabel(label, { exact: true }).focus()
  await page.keyboard.press('Space')
}

/** Chooses an answer to one of a risk row's radio questions with the keyboard (each row asks the same questions). */
async function choose(page: Page, row: number, question: string, answer: string) {
  await page.locator(`#risk-${row}`).getByRole('group', { name: question }).getByLabel(answer, { exact: true }).focus()
  await page.keyboard.press('Space')
}

/** After a refused form: GOV.UK Frontend moves focus to the error summary once its script has run. */
async function errorSummary(page: Page): Promise<string> {
  await page.waitForFunction("document.activeElement?.classList.contains('govuk-error-summary')")
  return (await page.locator('.govuk-error-summary').textContent()) ?? ''
}

const PROCEDURES = ['managingRisks', 'allegations', 'saferRecruitment', 'trainingAndInformation', 'reportingConcerns', 'designatedList', 'appointingRelevantPerson']

describe('in the browser, keyboard only: an organisation lead writes a Child Safeguarding Statement, the partnership approves it, the public finds it', function () {
  const browser = useBrowser(() => testContext().app)
  const organisationName = 'Canolfan Ieuenctid Llŷn Browser Club'
  const today = todayInEngland()
  const effectiveOn = today
  const reviewOn = addDays(today, 365)
  let organisation: Organisation
  let lead: Page
  let statementPath: string

  before(async () => {
    const partnership = await riverside()
    const area = (await Area.findOne({ where: { partnershipId: partnership.id, name: 'Riverside' } }))!
    // An organisation of its own, so the directory listing it proves this journey published it.
    organisation = await organisationIn(testContext().sequelize, partnership, { name: organisationName, sectorKey: 'sport-leisure', areas: [area] })
    const user = await User.create({ email: 'lead@llyn-club.browser.test', name: 'Gwenllian Ŵyn', passwordHash: await hashPassword(DEMO_PASSWORD) })
    await Membership.create({ userId: user.id, role: 'organisation_lead', organisationId: organisation.id, partnershipId: null })
    lead = await browser.newPage()
    await signIn(lead, 'lead@llyn-club.browser.test')
  })

  it('starts a statement from the Statements page', async () => {
    await press(lead, lead.getByRole('link', { name: 'Statements', exact: true }))
    expect(await lead.locator('h1').textContent()).to.equal('Your Child Safeguarding Statements')
    expect(await lead.locator('main').textContent()).to.contain(organisationName).and.contain('No statement yet.')
    await expectAccessible(lead)
    await press(lead, lead.getByRole('button', { name: `Start a statement for ${organisationName}` }))
    expect(await lead.locator('.govuk-notification-banner').textContent()).to.contain('Version 1 started')
    expect(await lead.locator('main').textContent()).to.contain('You have completed 0 of 6 sections')
    statementPath = new URL(lead.url()).pathname
    expect(statementPath).to.match(/^\/statements\/\d+$/)
    await expectAccessible(lead)
  })

  it('fills in the service and the principles', async () => {
    await press(lead, lead.getByRole('link', { name: 'Your service', exact: true }))
    await expectAccessible(lead)
    await typeInto(lead, '#description', 'A weekly youth club with sport, music and homework support.')
    await typeInto(lead, '#childrenAndYoungPeople', 'Young people aged 11 to 18, some of them young carers.')
    await typeInto(lead, '#locations', 'Pwllheli Community Hall, and trips away twice a year.')
    await press(lead, lead.getByRole('button', { name: 'Save and continue' }))
    expect(await lead.locator('.govuk-notification-banner').textContent()).to.contain('Your service saved')
    await expectAccessible(lead)

    await press(lead, lead.getByRole('link', { name: 'Principles', exact: true }))
    await expectAccessible(lead)
    await typeInto(lead, '#principles', 'The welfare of the child comes first. We listen to children and act on what they tell us.')
    await press(lead, lead.getByRole('button', { name: 'Save and continue' }))
    expect(await lead.locator('.govuk-notification-banner').textContent()).to.contain('Principles saved')
    expect(await lead.locator('main').textContent()).to.contain('You have completed 2 of 6 sections')
  })

  it('adds two risks, is told the second has no managing procedure, keeps what was typed, then saves', async () => {
    await press(lead, lead.getByRole('link', { name: 'Risk assessment', exact: true }))
    await expectAccessible(lead)
    await typeInto(lead, '#risk-0-risk', 'An adult alone with a child')
    await typeInto(lead, '#risk-0-whereOrWhen', 'Changing rooms after sport')
    await choose(lead, 0, 'How likely is it?', 'Low')
    await choose(lead, 0, 'How serious would the harm be?', 'High')
    await typeInto(lead, '#risk-0-procedure', 'Two adults in changing areas at all times')
    // "Add another risk" shows the page again with a second row, keeping the first.
    await press(lead, lead.getByRole('button', { name: 'Add another risk' }))
    expect(await lead.locator('#risk-1').count()).to.equal(1)
    expect(await lead.locator('#risk-0-risk').inputValue()).to.equal('An adult alone with a child')
    await expectAccessible(lead)
    await typeInto(lead, '#risk-1-risk', 'Contact from a stranger on an overnight trip')
    await typeInto(lead, '#risk-1-whereOrWhen', 'Residential trips')
    await choose(lead, 1, 'How likely is it?', 'Medium')
    await choose(lead, 1, 'How serious would the harm be?', 'High')
    await press(lead, lead.getByRole('button', { name: 'Save and continue' }))

    expect(await errorSummary(lead)).to.contain('Enter the procedure or precaution that manages risk 2: a risk without one cannot be accepted')
    expect(await lead.locator('#risk-1-procedure-error').textContent()).to.contain('manages risk 2')
    expect(await lead.locator('#risk-0-procedure').inputValue()).to.equal('Two adults in changing areas at all times')
    expect(await lead.locator('#risk-1-risk').inputValue()).to.equal('Contact from a stranger on an overnight trip')
    expect(await lead.locator('#risk-1').getByRole('group', { name: 'How likely is it?' }).getByLabel('Medium', { exact: true }).isChecked()).to.equal(true)
    await expectAccessible(lead)
    // The error summary's link takes the keyboard to the field in error.
    await lead.locator('.govuk-error-summary a', { hasText: 'manages risk 2' }).focus()
    await lead.keyboard.press('Enter')
    await lead.waitForFunction("document.activeElement?.id === 'risk-1-procedure'")
    await lead.keyboard.type('Named adults only; trip risk assessment signed off by the DSL')
    await press(lead, lead.getByRole('button', { name: 'Save and continue' }))
    expect(await lead.locator('.govuk-notification-banner').textContent()).to.contain('Risk assessment saved')
    const saved = (await Statement.findByPk(Number(statementPath.split('/').pop())))!
    expect(saved.content.risks.map((risk) => [risk.risk, risk.likelihood, risk.seriousness, risk.procedure])).to.deep.equal([
      ['An adult alone with a child', 'low', 'high', 'Two adults in changing areas at all times'],
      ['Contact from a stranger on an overnight trip', 'medium', 'high', 'Named adults only; trip risk assessment signed off by the DSL'],
    ])
  })

  it('names the seven procedures and the relevant person', async () => {
    await press(lead, lead.getByRole('link', { name: 'Procedures', exact: true }))
    await expectAccessible(lead)
    for (const [index, key] of PROCEDURES.entries()) {
      await typeInto(lead, `#${key}-documentName`, `Llŷn club procedure ${index + 1}`)
      await typeDate(lead, `${key}-lastReviewedOn`, addDays(today, -30 - index))
    }
    await press(lead, lead.getByRole('button', { name: 'Save and continue' }))
    expect(await lead.locator('.govuk-notification-banner').textContent()).to.contain('Procedures saved')

    await press(lead, lead.getByRole('link', { name: 'Relevant person', exact: true }))
    await expectAccessible(lead)
    await typeInto(lead, '#person-0-name', 'Siân Llŷr')
    await typeInto(lead, '#person-0-role', 'Designated Safeguarding Lead')
    await typeInto(lead, '#person-0-contact', '01758 000000')
    await press(lead, lead.getByRole('button', { name: 'Add another relevant person' }))
    expect(await lead.locator('#person-0-name').inputValue()).to.equal('Siân Llŷr')
    await expectAccessible(lead)
    await typeInto(lead, '#person-1-name', 'Małgorzata Wójcik')
    await typeInto(lead, '#person-1-role', 'Deputy Designated Safeguarding Lead')
    await typeInto(lead, '#person-1-contact', 'safeguarding@llyn-club.example')
    // Enter in a field saves the page: it must not press the first row's Remove button.
    await Promise.all([lead.waitForNavigation(), lead.keyboard.press('Enter')])
    expect(await lead.locator('.govuk-notification-banner').textContent()).to.contain('Relevant person saved')
    const saved = (await Statement.findByPk(Number(statementPath.split('/').pop())))!
    expect(saved.content.relevantPersons.map((person) => person.name)).to.deep.equal(['Siân Llŷr', 'Małgorzata Wójcik'])
    expect(await lead.locator('main').textContent()).to.contain('You have completed 5 of 6 sections')
    await expectAccessible(lead)
  })

  it('signs, after being told the review date is more than two years away, keeping what was typed', async () => {
    await press(lead, lead.getByRole('link', { name: 'Sign and date', exact: true }))
    await expectAccessible(lead)
    await typeInto(lead, '#signedByName', 'Gwenllian Ŵyn')
    await typeInto(lead, '#signedByRole', 'Chair of trustees')
    await typeDate(lead, 'effectiveOn', effectiveOn)
    await typeDate(lead, 'reviewOn', addDays(effectiveOn, 2 * 366 + 1))
    await tick(lead, 'The senior lead named above has read and approved this statement, and I am signing it with their authority')
    await press(lead, lead.getByRole('button', { name: 'Save and continue' }))

    expect(await errorSummary(lead)).to.contain('The review date must be no more than two years after the date the statement takes effect')
    expect(await lead.locator('#signedByName').inputValue()).to.equal('Gwenllian Ŵyn')
    expect(await lead.locator('#effectiveOn-year').inputValue()).to.equal(effectiveOn.slice(0, 4))
    expect(await lead.getByLabel('The senior lead named above', { exact: false }).isChecked()).to.equal(true)
    await expectAccessible(lead)
    // A date's message takes the keyboard to its day box (the date's group cannot take focus).
    await lead.locator('.govuk-error-summary a', { hasText: 'no more than two years' }).focus()
    await lead.keyboard.press('Enter')
    await lead.waitForFunction("document.activeElement?.id === 'reviewOn-day'")
    await typeDate(lead, 'reviewOn', reviewOn)
    await press(lead, lead.getByRole('button', { name: 'Save and continue' }))
    expect(await lead.locator('.govuk-notification-banner').textContent()).to.contain('Statement signed')
    expect(await lead.locator('main').textContent()).to.contain('You have completed 6 of 6 sections')
    await expectAccessible(lead)
  })

  it('checks the whole statement and submits it', async () => {
    await press(lead, lead.getByRole('button', { name: 'Check and submit' }))
    expect(await lead.locator('h1').textContent()).to.equal('Check your statement before submitting it')
    const page = await lead.locator('main').textContent()
    for (const text of ['A weekly youth club', 'Two adults in changing areas at all times', 'Named adults only', 'Llŷn club procedure 7', 'Siân Llŷr', 'Małgorzata Wójcik', 'Gwenllian Ŵyn, Chair of trustees', formatDate(effectiveOn), formatDate(reviewOn)]) expect(page).to.contain(text)
    await expectAccessible(lead)
    await press(lead, lead.getByRole('button', { name: 'Submit the statement' }))
    expect(new URL(lead.url()).pathname).to.equal(statementPath)
    expect(await lead.locator('.govuk-notification-banner').textContent()).to.contain('Statement submitted')
    expect(await lead.locator('main').textContent()).to.contain('waiting for the partnership to approve it')
    await expectAccessible(lead)
  })

  it('is approved by a QA reviewer from the statements queue', async () => {
    const reviewer = await browser.newPage()
    await signIn(reviewer, 'qa@riverside.test')
    await press(reviewer, reviewer.getByRole('link', { name: 'Statements', exact: true }))
    const waiting = reviewer.locator('table', { has: reviewer.locator('caption', { hasText: 'Waiting for a decision' }) })
    expect(await waiting.textContent()).to.contain(organisationName)
    await expectAccessible(reviewer)
    await press(reviewer, waiting.getByRole('link', { name: new RegExp(`^${organisationName} ?, version 1$`) }))
    expect(new URL(reviewer.url()).pathname).to.equal(statementPath)
    expect(await reviewer.locator('main').textContent()).to.contain('Contact from a stranger on an overnight trip')
    await expectAccessible(reviewer)
    await press(reviewer, reviewer.getByRole('button', { name: 'Approve and publish' }))
    expect(await reviewer.locator('.govuk-notification-banner').textContent()).to.contain('Statement approved and published')
    await expectAccessible(reviewer)
    expect((await Statement.findByPk(Number(statementPath.split('/').pop())))!.status).to.equal('approved')
  })

  it('is on its public page and in the directory, for someone not signed in', async () => {
    const visitor = await browser.newPage()
    await visitor.goto(`/directory/partnerships/${(await riverside()).id}/organisations/${organisation.id}`)
    expect(await visitor.locator('h1').textContent()).to.equal(organisationName)
    const page = await visitor.locator('main').textContent()
    for (const text of ['Current', formatDate(effectiveOn), formatDate(reviewOn), 'Contact from a stranger on an overnight trip', 'Siân Llŷr', 'Listing here is not an accreditation']) expect(page).to.contain(text)
    expect(await visitor.getByRole('link', { name: 'Sign out' }).count()).to.equal(0)
    await expectAccessible(visitor)

    await visitor.goto('/directory')
    await typeInto(visitor, '#q', 'Ieuenctid Llŷn')
    await Promise.all([visitor.waitForURL(/q=/), visitor.keyboard.press('Enter')])
    expect(await visitor.locator('#results').textContent()).to.contain('1 statement')
    const row = visitor.locator('tbody tr', { hasText: organisationName })
    expect(await row.textContent()).to.contain(formatDate(effectiveOn)).and.contain(formatDate(reviewOn)).and.contain('Current')
    expect(await row.getByRole('link', { name: organisationName, exact: true }).getAttribute('href')).to.equal(`/directory/partnerships/${(await riverside()).id}/organisations/${organisation.id}`)
    await expectAccessible(visitor)
  })
})
