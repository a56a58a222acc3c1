import { expect } from 'chai'
import { writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { FrameworkVersion, Partnership, ScoringJob, User } from '../../server/db/models'
import { expectAccessible, signIn, useBrowser } from '../helpers/browser'
import { submittedPoliceReturn } from '../helpers/policeReturn'
import { shippedRules } from '../helpers/shippedRules'
import { testContext } from '../helpers/testContext'

describe('in the browser: an admin changes the scoring rules, previews, publishes and rescores a cycle', function () {
  const browser = useBrowser(() => testContext().app)
  let page: Page
  let framework: FrameworkVersion
  const rulesFile = path.join(os.tmpdir(), `section-11.2025.stricter-${process.pid}.json`)

  before(async () => {
    framework = (await FrameworkVersion.findOne({ where: { key: 'section-11', version: '2025' } }))!
    await submittedPoliceReturn('Browser scoring 2098', 2098, { questionAnswers: { 'S11-6.1-named-dsl': 'yes' } })
    const ruleSet = JSON.parse(shippedRules('section-11.2025').source)
    ruleSet.rules.find((rule: { name: string }) => rule.name === 'every-criterion-in-place-and-evidenced').conditions.all[0].value = 3
    writeFileSync(rulesFile, JSON.stringify(ruleSet, null, 2))
    page = await browser.newPage()
    await signIn(page, 'admin@riverside.test')
  })

  after(async () => {
    const admin = (await User.findOne({ where: { email: 'admin@riverside.test' } }))!
    const partnership = (await Partnership.findOne({ where: { slug: 'riverside' } }))!
    const shipped = (await testContext().services.ruleSets.versionsOf(framework.id)).find((ruleSet) => ruleSet.origin === 'file')!
    await testContext().services.ruleSets.publish(admin.id, partnership.id, shipped)
  })

  it('reads the published rules from the framework page', async () => {
    await page.goto(`/frameworks/${framework.id}`)
    await page.getByRole('link', { name: 'Scoring rules for this version' }).click()
    const text = (await page.locator('main').textContent())!
    expect(text).to.contain('The published rules (version 1)')
    expect(text).to.contain('A standard is Not met when any of its essential criteria scores below 2 (In place).')
    await expectAccessible(page)
  })

  it('uploads a changed rule set and sees which ratings would change before publishing', async () => {
    await page.getByRole('link', { name: 'Upload a changed rule set' }).click()
    await expectAccessible(page)
    await page.getByLabel('Rule set file (.json, up to 512 KB)').setInputFiles(rulesFile)
    await page.getByRole('button', { name: 'Upload and preview' }).click()
    await page.waitForURL('**/preview')
    const text = (await page.locator('main').textContent())!
    expect(text).to.contain('Tried on the 1 submitted return of Browser scoring 2098')
    expect(text).to.contain('10 Fully met → Partially met')
    await expectAccessible(page)
    await page.getByRole('button', { name: /^Publish rule set version \d+$/ }).click()
    await page.waitForURL(`**/frameworks/${framework.id}/rules`)
    expect(await page.locator('.govuk-notification-banner').textContent()).to.match(/Rule set version \d+ is published/)
  })

  it('rescores the cycle and watches the progress page reach the end without reloading', async () => {
    await page.getByRole('button', { name: /^Rescore Browser scoring 2098 with version \d+$/ }).click()
    await page.waitForURL('**/scoring-jobs/*')
    expect(await page.getByRole('status').textContent()).to.contain('Waiting to start: 1 return to rescore')
    await expectAccessible(page)
    await testContext().services.scoringJobs.runWaitingJobs()
    await page.getByRole('status').filter({ hasText: 'Finished: 1 return rescored.' }).waitFor({ timeout: 10_000 })
    expect(await page.locator('progress').getAttribute('value')).to.equal('1')
    const job = (await ScoringJob.findOne({ order: [['id', 'DESC']] }))!
    expect(job.status).to.equal('finished')
  })
})
