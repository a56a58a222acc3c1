import { expect } from 'chai'
import type { Page } from 'playwright-core'
import { checkAuditToolFiles } from '../../server/audits/auditToolFiles'
import { AuditCaseAgreement, AuditGrading, AuditRound } from '../../server/db/models'
import { expectAccessible, signIn, useBrowser } from '../helpers/browser'
import { pdfPages } from '../helpers/pdfText'
import { testContext } from '../helpers/testContext'

const POLICE = 'Riverside and Millbrook Police'
const HEALTH = 'Riverside University Hospitals NHS Trust'
const SOCIAL_CARE = 'Riverside Borough Council Children’s Services'
const TITLE = 'Browser CIN meetings audit'
const tool = checkAuditToolFiles().tools.find((candidate) => candidate.tool.key === 'cin-core-groups')!.tool

const fillDate = async (page: Page, id: string, iso: string) => {
  const [year, month, day] = iso.split('-')
  await page.locator(`#${id}-day`).fill(String(Number(day)))
  await page.locator(`#${id}-month`).fill(String(Number(month)))
  await page.locator(`#${id}-year`).fill(year)
}

const submit = (page: Page, name: string) => Promise.all([page.waitForNavigation(), page.getByRole('button', { name, exact: true }).click()])

describe('in the browser: a case audit round end to end, from set-up to the PDF report', function () {
  const browser = useBrowser(() => testContext().app)
  let qa: Page
  let facilitator: Page
  let roundId: number
  const caseIds: Record<string, number> = {}
  // Each step needs the one before: after a failure the rest are skipped rather than time out one by one.
  let failed = false
  beforeEach(function () {
    if (failed) this.skip()
  })
  afterEach(function () {
    if (this.currentTest?.state === 'failed') failed = true
  })

  before(async () => {
    qa = await browser.newPage()
    await signIn(qa, 'qa@riverside.test')
    facilitator = await browser.newPage()
    await signIn(facilitator, 'auditor@riverside.test')
  })

  it('a QA reviewer creates the round with a facilitator and three agencies, each with its auditor', async () => {
    await qa.goto('/audits/new')
    await expectAccessible(qa)
    await qa.getByLabel('Title', { exact: true }).fill(TITLE)
    await qa.getByLabel('Theme', { exact: true }).fill('Quality of child in need meetings')
    await qa.getByLabel('Why now', { exact: true }).fill('The annual review found plans that list services rather than outcomes.')
    await qa.getByRole('group', { name: 'Areas' }).getByLabel('Riverside', { exact: true }).check()
    await qa.getByLabel(tool.title, { exact: true }).check()
    await fillDate(qa, 'gradingOpensOn', '2026-02-02')
    await fillDate(qa, 'gradingDueOn', '2026-02-27')
    await fillDate(qa, 'workshopOn', '2026-03-10')
    await qa.getByLabel('In-house, by the partnership').check()
    await qa.getByRole('group', { name: 'Facilitators' }).getByLabel('Jordan Ellis').check()
    for (const [agency, auditor] of [[POLICE, 'Chris Patel'], [HEALTH, 'Priya Shah'], [SOCIAL_CARE, 'Dana Kowalski']]) {
      await qa.getByLabel(agency, { exact: true }).check()
      await qa.getByLabel(`Auditor for ${agency}`).selectOption({ label: auditor })
    }
    await submit(qa, 'Create the round')
    expect(qa.url()).to.match(/\/audits\/\d+$/)
    roundId = Number(qa.url().split('/').pop())
    expect((await AuditRound.findByPk(roundId))!.toolKey).to.equal('cin-core-groups')
    await expectAccessible(qa)
  })

  it('the facilitator adds two pseudonymised cases that involve all three agencies', async () => {
    for (const [reference, ethnicity] of [['Case A', 'white-british'], ['Case B', 'black-caribbean']]) {
      await facilitator.goto(`/audits/${roundId}/cases/new`)
      await expectAccessible(facilitator)
      await facilitator.getByLabel('Reference').fill(reference)
      await facilitator.getByRole('group', { name: 'Age band' }).getByLabel('10 to 15').check()
      await facilitator.getByRole('group', { name: 'Sex' }).getByLabel('Female').check()
      await facilitator.getByLabel('Ethnicity').selectOption(ethnicity)
      await facilitator.getByRole('group', { name: 'Area' }).getByLabel('Riverside', { exact: true }).check()
      for (const agency of [POLICE, HEALTH, SOCIAL_CARE]) await facilitator.getByLabel(agency, { exact: true }).check()
      await facilitator.getByLabel('Why it was chosen').fill('Child in need plan for eight months; core groups often rearranged.')
      await submit(facilitator, 'Add the case')
      expect(facilitator.url()).to.match(/\/cases\/\d+$/)
      caseIds[reference] = Number(facilitator.url().split('/').pop())
      await expectAccessible(facilitator)
    }
  })

  /** One auditor grades both cases for their agency, every domain at `usual` except those in `differ`. */
  async function gradeBoth(email: string, agency: string, usual: string, differ: Record<string, string> = {}) {
    const page = await browser.newPage()
    await signIn(page, email)
    for (const reference of ['Case A', 'Case B']) {
      await page.goto(`/audits/${roundId}/grading`)
      await expectAccessible(page)
      await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: `${reference} for ${agency}` }).click()])
      for (const domain of tool.domains) {
        await page.getByRole('group', { name: `Grade for ${domain.title}` }).getByLabel(differ[domain.key] ?? usual, { exact: true }).check()
        await page.getByLabel(`Strengths for ${domain.title}`).fill(`${agency}: attended and shared its information on time.`)
        await page.getByLabel(`Areas for development for ${domain.title}`).fill(`${agency}: record the child’s own words in the minutes.`)
      }
      await page.getByLabel('I confirm I have had no direct involvement in this case').check()
      await expectAccessible(page)
      await submit(page, 'Submit the grading')
      expect(page.url()).to.match(new RegExp(`/audits/${roundId}/grading$`))
    }
    await page.context().close()
  }

  it('three agencies’ auditors grade their own part of each case, disagreeing on attendance', async () => {
    await gradeBoth('lead@police.riverside.test', POLICE, 'Good')
    await gradeBoth('auditor.health@riverside.test', HEALTH, 'Good', { 'attendance-and-engagement': 'Requires improvement' })
    await gradeBoth('auditor.socialcare@riverside.test', SOCIAL_CARE, 'Good', { 'attendance-and-engagement': 'Excellent' })
    const gradings = await AuditGrading.findAll({ where: { caseId: Object.values(caseIds) } })
    expect(gradings.filter((grading) => grading.submittedAt)).to.have.length(6)
  })

  for (const [reference, overall] of [['Case A', 'Requires improvement'], ['Case B', 'Good']]) {
    it(`the workshop sees the disagreement on ${reference} and agrees its grades, findings, a theme and an action`, async () => {
      await facilitator.goto(`/audits/${roundId}/cases/${caseIds[reference]}/workshop`)
      expect(await facilitator.locator('#compare-attendance-and-engagement').textContent()).to.contain('Agencies disagree')
      await expectAccessible(facilitator)
      for (const domain of tool.domains) await facilitator.getByLabel(`Agreed grade for ${domain.title}`).selectOption({ label: domain.key === 'attendance-and-engagement' ? 'Requires improvement' : 'Good' })
      await facilitator.getByRole('group', { name: 'Overall agreed grade' }).getByLabel(overall, { exact: true }).check()
      await facilitator.getByLabel('Strengths', { exact: true }).fill(`${reference}: the social worker chaired every core group and shared minutes within two days.`)
      await facilitator.getByLabel('Areas for improvement', { exact: true }).fill(`${reference}: health did not attend three of five core groups and sent no report.`)
      const voice = facilitator.getByRole('group', { name: 'Themes' }).getByLabel('Voice of the child', { exact: true })
      if (await voice.count()) await voice.check()
      else await facilitator.getByLabel('Add a new theme (optional)').fill('Voice of the child')
      await facilitator.getByRole('group', { name: 'Was the case escalated as a concern?' }).getByLabel('No', { exact: true }).check()
      await facilitator.locator('#action-0-title').fill(`Health at every core group (${reference})`)
      await facilitator.locator('#action-0-outcome').fill('Every core group has a health professional present or a written report.')
      await facilitator.locator('#action-0-owner-organisation').selectOption({ label: HEALTH })
      await facilitator.locator('#action-0-owner-name').fill('Named Nurse for Safeguarding Children')
      await fillDate(facilitator, 'action-0-due', new Date(Date.now() + 90 * 86400000).toISOString().slice(0, 10))
      await submit(facilitator, 'Save the workshop record')
      expect(await facilitator.locator('.govuk-notification-banner').textContent()).to.contain(`Workshop record for ${reference} saved`)
      expect((await AuditCaseAgreement.findByPk(caseIds[reference]))!.domainGrades['attendance-and-engagement']).to.equal('requires-improvement')
      await expectAccessible(facilitator)
    })
  }

  it('the facilitator reads the report with its chart and downloads the PDF report, which is not empty', async () => {
    await facilitator.goto(`/audits/${roundId}/report`)
    const chart = facilitator.getByRole('img', { name: /^Number of cases at each agreed grade, per domain and overall, of 2 cases/ })
    await chart.waitFor()
    expect((await chart.boundingBox())!.height).to.be.greaterThan(150)
    const overall = facilitator.getByRole('row', { name: /^Overall / })
    expect((await overall.getByRole('cell').allTextContents()).map((cell) => cell.trim())).to.deep.equal(['0 (0%)', '1 (50%)', '1 (50%)', '0 (0%)'])
    await expectAccessible(facilitator)

    const [download] = await Promise.all([facilitator.waitForEvent('download'), facilitator.getByRole('link', { name: 'report (PDF)' }).click()])
    expect(download.suggestedFilename()).to.equal(`case-audit-report-${TITLE.replace(/ /g, '-')}.pdf`)
    const path = await download.path()
    const pdf = (await import('node:fs')).readFileSync(path)
    expect(pdf.subarray(0, 5).toString()).to.equal('%PDF-')
    const text = (await pdfPages(pdf)).join(' ')
    expect(text).to.contain(`Case audit report: ${TITLE}`)
    expect(text).to.contain('Health at every core group (Case A)')

    const briefing = await facilitator.request.get(`/audits/${roundId}/briefing.pdf`)
    expect(briefing.status()).to.equal(200)
    const briefingPages = await pdfPages(await briefing.body())
    expect(briefingPages).to.have.length(1)
    // The workshop wrote "Case A: …" into its findings; the briefing for frontline staff names no case.
    expect(briefingPages[0]).to.contain('one case: the social worker chaired every core group')
    expect(briefingPages[0]).not.to.match(/Case [AB]\b/)
  })

  it('the QA sub-group sees the themes across rounds, accessibly', async () => {
    await qa.goto('/audits/themes')
    expect(await qa.getByRole('row', { name: /^Voice of the child/ }).textContent()).to.match(/Voice of the child\s*2\s*1/)
    await expectAccessible(qa)
  })
})
