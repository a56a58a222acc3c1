import { expect } from 'chai'
import type { Page } from 'playwright-core'
import { AssessmentReturn, FrameworkVersion, Organisation, Partnership, User } from '../../server/db/models'
import { expectAccessible, signIn, useBrowser } from '../helpers/browser'
import { testContext } from '../helpers/testContext'

describe('in the browser: the youth club lead works on a return', function () {
  const browser = useBrowser(() => testContext().app)
  let page: Page
  let returnId: number

  before(async () => {
    const partnership = (await Partnership.findOne({ where: { slug: 'riverside' } }))!
    const version = (await FrameworkVersion.findOne({ where: { key: 'section-11', version: '2025' } }))!
    const admin = (await User.findOne({ where: { email: 'admin@riverside.test' } }))!
    const club = (await Organisation.findOne({ where: { name: 'Eastside Youth Club' } }))!
    const { cycle } = await testContext().services.cycleIssue.issue(admin.id, partnership.id, {
      name: 'Browser test cycle', frameworkVersionId: version.id, opensOn: '2030-01-01', closesOn: '2030-03-31', roles: [], sectors: [], areaIds: [], sizeTiers: ['small'],
    })
    returnId = (await AssessmentReturn.findOne({ where: { firstCycleId: cycle.id, organisationId: club.id } }))!.id
    page = await browser.newPage()
    await signIn(page, 'lead@youthclub.riverside.test')
  })

  it('finds the return, opens a standard from the task list, and everything is accessible', async () => {
    await page.getByRole('link', { name: 'Your returns' }).click()
    await expectAccessible(page)
    await page.goto(`/returns/${returnId}`)
    expect(await page.locator('main').textContent()).to.match(/You have completed 0 of \d+ sections/)
    await expectAccessible(page)
    await page.getByRole('link', { name: /^S11-1 / }).click()
    await expectAccessible(page)
  })

  it('answers, sees errors in the summary and inline, then saves', async () => {
    const firstScore = page.getByRole('group', { name: /^Self-score for S11-1\.1/ })
    await firstScore.getByRole('radio', { name: /^2 / }).check()
    await page.getByLabel('Yes, mark this section as completed').check()
    await page.getByRole('button', { name: 'Save and return to the task list' }).click()
    expect(await page.title()).to.match(/^Error: /)
    expect(await page.locator('.govuk-error-summary').textContent()).to.contain('before marking the section completed')
    expect(await firstScore.getByRole('radio', { name: /^2 / }).isChecked()).to.equal(true)
    await expectAccessible(page)

    for (const group of await page.getByRole('group', { name: /^Self-score for / }).all()) {
      await group.getByRole('radio', { name: /^2 / }).check()
    }
    await page.getByRole('button', { name: 'Save and return to the task list' }).click()
    await page.waitForURL(`**/returns/${returnId}`)
    expect(await page.locator('main').textContent()).to.match(/You have completed 1 of \d+ sections/)
    await expectAccessible(page)
  })

  it('checks the answers and submits with the declaration, accessibly', async () => {
    const loaded = await testContext().services.returns.load(returnId)
    const clubLead = (await User.findOne({ where: { email: 'lead@youthclub.riverside.test' } }))!
    for (const standard of loaded.standards.slice(1)) {
      const { version } = await testContext().services.returns.section(returnId, standard.key)
      const answers = standard.criteria.map((criterion) => ({ criterionKey: criterion.key, score: 1, notApplicable: false, notApplicableReason: null, narrative: 'Our written policy', questionAnswers: {} }))
      await testContext().services.returns.saveSection(clubLead.id, returnId, standard.key, answers, true, version)
    }
    await page.goto(`/returns/${returnId}`)
    await page.getByRole('link', { name: 'Check your answers and submit' }).click()
    await expectAccessible(page)
    await page.getByRole('button', { name: 'Submit the return' }).click()
    expect(await page.title()).to.match(/^Error: /)
    await expectAccessible(page)
    await page.getByLabel('Your full name').fill('Robin Adeyemi')
    await page.getByLabel('Your job title').fill('Club leader')
    await page.getByLabel(/This return is accurate/).check()
    await page.getByRole('button', { name: 'Submit the return' }).click()
    await page.waitForURL(`**/returns/${returnId}/submitted`)
    expect(await page.getByRole('heading', { level: 1 }).textContent()).to.contain('Return submitted')
    await expectAccessible(page)
  })
})
