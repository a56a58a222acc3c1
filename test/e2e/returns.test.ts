import { expect } from 'chai'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { AssessmentReturn, FrameworkVersion, Organisation, Partnership, User } from '../../server/db/models'
import { expectAccessible, signIn, useBrowser } from '../helpers/browser'
import { pdfPages } from '../helpers/pdfText'
import { testContext } from '../helpers/testContext'

const EVIDENCE = path.join(__dirname, '../fixtures/evidence/policy.docx')

describe('in the browser: the youth club lead completes a whole return, from the task list to the PDF', function () {
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

  const saveButton = () => page.getByRole('button', { name: 'Save and return to the task list' })
  /** Does something that submits a form, and waits for the page that answers it. */
  const submitting = async (action: () => Promise<unknown>) => {
    await Promise.all([page.waitForNavigation(), action()])
  }

  it('finds the return and opens the first standard from the task list, accessibly', async () => {
    await page.getByRole('link', { name: 'Your returns' }).click()
    await expectAccessible(page)
    await page.goto(`/returns/${returnId}`)
    expect(await page.locator('main').textContent()).to.match(/You have completed 0 of \d+ sections/)
    await expectAccessible(page)
    await page.getByRole('link', { name: /^S11-1 / }).click()
    await expectAccessible(page)
  })

  it('answers with the keyboard only, and sees errors in the summary and inline', async () => {
    const firstScore = page.getByRole('group', { name: /^Self-score for S11-1\.1/ })
    await firstScore.getByRole('radio', { name: /^1 / }).focus()
    await page.keyboard.press('Space')
    // Arrow keys move the choice within a radio group, as in any form.
    await page.keyboard.press('ArrowDown')
    expect(await firstScore.getByRole('radio', { name: /^2 / }).isChecked()).to.equal(true)
    await page.getByLabel('Evidence for S11-1.1').focus()
    await page.keyboard.type('Our trustees’ minutes name a safeguarding lead.')
    await page.getByLabel('Yes, mark this section as completed').focus()
    await page.keyboard.press('Space')
    await saveButton().focus()
    await submitting(() => page.keyboard.press('Enter'))
    expect(await page.title()).to.match(/^Error: /)
    expect(await page.locator('.govuk-error-summary').textContent()).to.contain('before marking the section completed')
    expect(await firstScore.getByRole('radio', { name: /^2 / }).isChecked()).to.equal(true)
    expect(await page.getByLabel('Evidence for S11-1.1').inputValue()).to.equal('Our trustees’ minutes name a safeguarding lead.')
    await expectAccessible(page)
  })

  it('saves, uploads an evidence file for a criterion with the keyboard, and finds it attached', async () => {
    await page.getByLabel('Yes, mark this section as completed').focus()
    await page.keyboard.press('Space')
    await page.getByRole('button', { name: 'Save and upload a file for S11-1.1' }).focus()
    await page.keyboard.press('Enter')
    await page.waitForURL(`**/returns/${returnId}/evidence/new?criterion=S11-1.1`)
    await expectAccessible(page)
    expect(await page.getByRole('checkbox', { name: /^S11-1\.1 / }).isChecked()).to.equal(true)

    await submitting(() => page.getByRole('button', { name: 'Upload the file' }).click())
    expect(await page.locator('.govuk-error-summary').textContent()).to.contain('Select a file to upload')
    await expectAccessible(page)

    // The file itself is chosen in the operating system's dialog, which a test cannot drive (opening
    // it with Space in headless Chromium proved unreliable); everything else here is the keyboard.
    await page.getByLabel('File', { exact: true }).setInputFiles(EVIDENCE)
    await page.getByRole('checkbox', { name: /^S11-1\.2 / }).focus()
    await page.keyboard.press('Space')
    await page.getByRole('button', { name: 'Upload the file' }).focus()
    await page.keyboard.press('Enter')
    await page.waitForURL(`**/returns/${returnId}/sections/S11-1#S11-1.1-evidence-files`)
    await page.locator('.govuk-notification-banner').waitFor()
    expect(await page.locator('.govuk-notification-banner').textContent()).to.contain('policy.docx uploaded and attached to S11-1.1, S11-1.2')
    expect(await page.getByRole('group', { name: 'Evidence files for S11-1.1' }).getByRole('checkbox', { name: /policy\.docx/ }).isChecked()).to.equal(true)
    expect(await page.getByLabel('Evidence for S11-1.1').inputValue()).to.equal('Our trustees’ minutes name a safeguarding lead.')
    await expectAccessible(page)
  })

  it('lists the return’s evidence files and asks before removing one, accessibly', async () => {
    await page.goto(`/returns/${returnId}/evidence`)
    expect(await page.locator('table').textContent()).to.contain('S11-1.1, S11-1.2')
    await expectAccessible(page)
    await page.getByRole('link', { name: 'Remove policy.docx' }).click()
    expect(await page.getByRole('heading', { level: 1 }).textContent()).to.contain('Are you sure you want to remove policy.docx?')
    await expectAccessible(page)
    await page.getByRole('link', { name: 'No, keep it' }).click()
    await page.goto(`/returns/${returnId}/sections/S11-1`)
  })

  it('reads the return’s whole history, accessibly', async () => {
    await page.goto(`/returns/${returnId}/history`)
    const history = await page.getByRole('table').textContent()
    expect(history).to.contain('Uploaded the evidence file policy.docx for S11-1.1, S11-1.2')
    expect(history).to.match(/Saved S11-1: S11-1\.1 /)
    await expectAccessible(page)
    await page.goto(`/returns/${returnId}/sections/S11-1`)
  })

  it('adds an area for improvement, is told a past target date is wrong, and corrects it', async () => {
    const area = page.locator('#S11-1\\.1-improvements')
    await area.getByLabel('What will be done').fill('Every volunteer completes safeguarding training')
    await area.getByLabel('Owner (name or role)').fill('Club leader')
    await area.getByLabel('Day').fill('1')
    await area.getByLabel('Month').fill('1')
    await area.getByLabel('Year').fill('2020')
    await submitting(() => page.getByRole('button', { name: 'Save and add another area for improvement to S11-1.1' }).click())
    expect(await page.locator('.govuk-error-summary').textContent()).to.contain('The target date for area for improvement 1 of S11-1.1 must be today or in the future')
    await expectAccessible(page)
    await area.getByLabel('Year').first().fill(String(new Date().getFullYear() + 1))
    await page.getByRole('button', { name: 'Save and add another area for improvement to S11-1.1' }).click()
    await page.waitForURL(`**/returns/${returnId}/sections/S11-1#S11-1.1-improvements`)
    expect(await area.getByRole('group', { name: 'Area for improvement 2' }).count()).to.equal(1)
    await expectAccessible(page)
  })

  it('completes every section in the browser, operating every control with the keyboard', async () => {
    /** Scores every criterion on the open section, ticks "completed" and saves, all from the keyboard. */
    const completeSection = async (score: string) => {
      for (const group of await page.getByRole('group', { name: /^Self-score for / }).all()) {
        await group.getByRole('radio', { name: new RegExp(`^${score} `) }).focus()
        await page.keyboard.press('Space')
      }
      await page.getByLabel('Yes, mark this section as completed').focus()
      await page.keyboard.press('Space')
      await saveButton().focus()
      await page.keyboard.press('Enter')
      await page.waitForURL(`**/returns/${returnId}`)
    }
    await completeSection('2')
    expect(await page.locator('main').textContent()).to.match(/You have completed 1 of \d+ sections/)

    const sections = await page.locator('.govuk-task-list__item').count()
    for (let done = 1; done < sections; done++) {
      await page.locator('.govuk-task-list__item').filter({ hasNot: page.getByText('Completed', { exact: true }) }).first().getByRole('link').focus()
      await page.keyboard.press('Enter')
      // all() does not wait: without this it could read the task list, still shown while the section loads, and find no scores.
      await page.waitForURL(`**/returns/${returnId}/sections/*`)
      await completeSection('3')
      expect(await page.locator('main').textContent()).to.contain(`You have completed ${done + 1} of ${sections} sections`)
    }
    await expectAccessible(page)
  })

  it('checks the answers, makes the declaration and submits, operating every control with the keyboard', async () => {
    await page.getByRole('link', { name: 'Check your answers and submit' }).focus()
    await submitting(() => page.keyboard.press('Enter'))
    expect(await page.locator('main').textContent()).to.contain('Evidence files: policy.docx')
    await expectAccessible(page)
    await page.getByRole('button', { name: 'Submit the return' }).focus()
    await submitting(() => page.keyboard.press('Enter'))
    expect(await page.title()).to.match(/^Error: /)
    await expectAccessible(page)
    await page.getByLabel('Your full name').focus()
    await page.keyboard.type('Robin Adeyemi')
    // Tab moves on to the next field, as in any form.
    await page.keyboard.press('Tab')
    await page.keyboard.type('Club leader')
    expect(await page.getByLabel('Your job title').inputValue()).to.equal('Club leader')
    await page.getByLabel(/This return is accurate/).focus()
    await page.keyboard.press('Space')
    await page.getByRole('button', { name: 'Submit the return' }).focus()
    await submitting(() => page.keyboard.press('Enter'))
    await page.waitForURL(`**/returns/${returnId}/submitted`)
    expect(await page.getByRole('heading', { level: 1 }).textContent()).to.contain('Return submitted')
    await expectAccessible(page)
  })

  it('downloads the PDF summary with its scores, evidence file and area for improvement', async () => {
    const href = (await page.getByRole('link', { name: 'Download the return as a PDF' }).getAttribute('href'))!
    const response = await page.request.get(href)
    expect(response.headers()['content-type']).to.equal('application/pdf')
    const text = (await pdfPages(await response.body())).join(' ')
    expect(text).to.contain('Eastside Youth Club')
    expect(text).to.contain('Evidence file: policy.docx (Word document, 1 KB)')
    expect(text).to.contain('Area for improvement: Every volunteer completes safeguarding training. Owner: Club leader.')
    expect(text).to.contain('Declared by Robin Adeyemi, Club leader.')
  })

  it('shows the return as locked once submitted', async () => {
    await page.goto(`/returns/${returnId}`)
    expect(await page.getByRole('link', { name: /^S11-1 / }).count()).to.equal(0)
    await page.goto(`/returns/${returnId}/evidence`)
    expect(await page.getByRole('button', { name: 'Upload a file' }).count()).to.equal(0)
    await expectAccessible(page)
  })

  it('sees the scores, why a standard got its rating, and accepts a suggested action with the keyboard, accessibly', async () => {
    await page.goto(`/returns/${returnId}`)
    await page.getByRole('link', { name: 'Scores: ratings, flags and suggested actions' }).click()
    const scores = (await page.locator('main').textContent())!
    expect(scores).to.contain('Rating per standard')
    expect(scores).to.contain('No named designated safeguarding lead')
    await expectAccessible(page)
    await page.getByRole('link', { name: 'How S11-2 was rated' }).click()
    expect(await page.getByRole('heading', { level: 1 }).textContent()).to.match(/^S11-2 .*: (Fully met|Partially met|Not met)$/)
    expect(await page.locator('main').textContent()).to.contain('Conditions, and whether each passed')
    await expectAccessible(page)
    await page.goBack()
    const accept = page.getByRole('button', { name: 'Accept the action for the whole return' })
    await accept.focus()
    await submitting(() => page.keyboard.press('Enter'))
    expect(await page.locator('.govuk-notification-banner').textContent()).to.contain('Accepted: Children, families and staff know who the designated safeguarding lead is')
    expect(await accept.count()).to.equal(0)
    await expectAccessible(page)
  })
})
