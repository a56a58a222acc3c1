import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { expect } from 'chai'
import { AcceptedAction, AssessmentReturn, AuditEvent, CycleReturn, FrameworkVersion, Partnership, RuleSetVersion, ScoringJob, ScoringResult, User } from '../../server/db/models'
import { Agent, postForm, signedInAgent } from '../helpers/agents'
import { submittedPoliceReturn } from '../helpers/policeReturn'
import { shippedRules } from '../helpers/shippedRules'
import { testContext } from '../helpers/testContext'

const run = promisify(execFile)

/** The shipped Section 11 2025 rule set with a change, as JSON text. */
function changedRules(change: (ruleSet: { rules: Record<string, any>[] }) => void): string {
  const ruleSet = JSON.parse(shippedRules('section-11.2025').source)
  change(ruleSet)
  return JSON.stringify(ruleSet, null, 2)
}

/** Fully met only when every criterion scores 3. */
const stricterRules = changedRules((ruleSet) => (ruleSet.rules.find((rule) => rule.name === 'every-criterion-in-place-and-evidenced')!.conditions.all[0].value = 3))

describe('scoring returns', () => {
  let framework: FrameworkVersion
  let admin: User
  let partnershipId: number
  let police: Agent
  let qa: Agent
  let adminAgent: Agent
  let shippedRuleSet: RuleSetVersion

  before(async () => {
    framework = (await FrameworkVersion.findOne({ where: { key: 'section-11', version: '2025' } }))!
    admin = (await User.findOne({ where: { email: 'admin@riverside.test' } }))!
    partnershipId = (await Partnership.findOne({ where: { slug: 'riverside' } }))!.id
    shippedRuleSet = (await testContext().services.ruleSets.published(framework.id))!
    police = await signedInAgent('lead@police.riverside.test')
    qa = await signedInAgent('qa@riverside.test')
    adminAgent = await signedInAgent('admin@riverside.test')
  })

  /** Puts the shipped rules back, so each test starts from them. */
  afterEach(async () => {
    const published = await testContext().services.ruleSets.published(framework.id)
    if (published?.id !== shippedRuleSet.id) await testContext().services.ruleSets.publish(admin.id, partnershipId, shippedRuleSet)
  })

  async function publishRules(source: string): Promise<RuleSetVersion> {
    const uploaded = await testContext().services.ruleSets.uploadDraft(admin.id, partnershipId, framework, source)
    if (!uploaded.ok) throw new Error(uploaded.problems.join('; '))
    await testContext().services.ruleSets.publish(admin.id, partnershipId, uploaded.ruleSet)
    return uploaded.ruleSet
  }

  it('scores a return on submission and explains each rating and flag in plain English', async () => {
    const returnId = await submittedPoliceReturn('Scoring 2033', 2033, {
      scoreFor: (key) => (key === 'S11-4.3' ? 1 : key === 'S11-5.3' ? 3 : 2),
      withoutEvidence: ['S11-5.3'],
      questionAnswers: { 'S11-6.1-named-dsl': 'yes', 'S11-8.2-trained-percent': '72' },
    })
    const result = (await ScoringResult.findOne({ where: { returnId } }))!
    expect(result.status).to.equal('scored')
    expect(result.trigger).to.equal('submitted')
    expect(result.ruleSetId).to.equal(shippedRuleSet.id)
    expect(result.frameworkVersionId).to.equal(framework.id)

    const page = await police.get(`/returns/${returnId}/scores`)
    expect(page.status).to.equal(200)
    expect(page.text).to.contain('with rule set version 1 for Section 11 safeguarding self-assessment 2025')
    expect(page.text).to.match(/S11-4 Whistleblowing[\s\S]*?Not met[\s\S]*?Not met because criterion S11-4\.3 \(essential\) scored 1, below 2/)
    expect(page.text).to.match(/S11-5 [^<]*<\/th>\s*<td class="govuk-table__cell"><strong class="govuk-tag govuk-tag--yellow">Partially met/)
    expect(page.text).to.contain('Fewer than 80% of relevant staff and volunteers trained to the level their role requires')
    expect(page.text).to.contain('Scored 2 or more with no evidence at all')
    expect(page.text).not.to.contain('No named designated safeguarding lead')
    expect(page.text).to.match(/Fully met \(of applicable standards\)<\/dt><dd class="govuk-summary-list__value">80% of 10/)

    const explained = await qa.get(`/returns/${returnId}/scores/standards/S11-4`)
    expect(explained.status).to.equal(200)
    expect(explained.text).to.contain('S11-4 Whistleblowing and escalation: Not met')
    expect(explained.text).to.contain('essential-criterion-below-in-place')
    expect(explained.text).to.contain('A standard is Not met when any of its essential criteria scores below 2 (In place).')
    expect(explained.text).to.match(/<strong class="govuk-tag govuk-tag--green">passed<\/strong> criterion S11-4\.3 \(essential\) scored 1, below 2 \(the standard&#39;s essential criteria: S11-4\.1 scored 2, S11-4\.3 scored 1\)/)
    expect(explained.text).to.match(/<code>standard\.averageScore<\/code><\/th><td class="govuk-table__cell">1\.67<\/td>/)

    const flags = result.outcome!.flags
    const training = flags.findIndex((flag) => flag.code === 'training-below-threshold')
    const flagPage = await police.get(`/returns/${returnId}/scores/flags/${training}`)
    expect(flagPage.text).to.contain('Flagged (serious) because the answer to “What percentage of relevant staff and volunteers are trained to the level their role requires?” (S11-8.2-trained-percent) is below 80 (it is 72)')
    expect((await police.get(`/returns/${returnId}/scores/flags/99`)).status).to.equal(404)

    const again = (await testContext().services.scoring.score(returnId, 'rescored'))!
    expect([again.ruleSetId, again.frameworkVersionId]).to.deep.equal([result.ruleSetId, result.frameworkVersionId])
    expect(again.outcome).to.deep.equal(result.outcome)
    expect((await police.get(`/returns/${returnId}/scores/standards/S11-99`)).status).to.equal(404)
  })

  it('lets the organisation lead accept a suggested action, once, with an audit event', async () => {
    const returnId = await submittedPoliceReturn('Scoring 2036', 2036, { scoreFor: (key) => (key === 'S11-2.1' ? 0 : 2), questionAnswers: { 'S11-6.1-named-dsl': 'yes' } })
    const outcome = (await testContext().services.scoring.latest(returnId))!.outcome!
    const suggestion = outcome.actions.find((action) => action.key === 'essential-criterion-below-in-place:S11-2')!
    expect(suggestion.outcome).to.equal('Every essential arrangement in this standard is in place, known to staff and used in practice')
    const page = await police.get(`/returns/${returnId}/scores`)
    expect(page.text).to.contain(`name="actionKey" value="${suggestion.key}"`)

    const accepted = await postForm(police, `/returns/${returnId}/scores/actions`, { actionKey: suggestion.key })
    expect(accepted.status).to.equal(302)
    await postForm(police, `/returns/${returnId}/scores/actions`, { actionKey: suggestion.key })
    const rows = await AcceptedAction.findAll({ where: { returnId } })
    expect(rows.map((row) => [row.actionKey, row.owner, row.dueOn])).to.deep.equal([[suggestion.key, 'Designated safeguarding lead', suggestion.dueOn]])
    expect(await AuditEvent.count({ where: { action: 'return.action_accepted', entityId: String(returnId) } })).to.equal(1)
    const after = await police.get(`/returns/${returnId}/scores`)
    expect(after.text).not.to.contain(`name="actionKey" value="${suggestion.key}"`)
    expect(after.text).to.contain('Accepted')
    expect((await postForm(police, `/returns/${returnId}/scores/actions`, { actionKey: 'made-up:S11-1' })).status).to.equal(404)
  })

  it('keeps the submission when a rule fails at run time, marks the result "scoring failed", and tells the admins why', async () => {
    await publishRules(changedRules((ruleSet) => (ruleSet.rules[0].conditions.all[0].path = '$.averageScore')))
    const returnId = await submittedPoliceReturn('Scoring 2037', 2037)
    expect((await AssessmentReturn.findByPk(returnId))!.status).to.equal('submitted')
    const result = (await testContext().services.scoring.latest(returnId))!
    expect(result.status).to.equal('failed')
    expect(result.outcome).to.equal(null)
    expect(result.error).to.equal('anyScoreBelow needs a list of criteria (such as standard.essential), not 2')

    const organisationView = await police.get(`/returns/${returnId}/scores`)
    expect(organisationView.text).to.contain('Scoring failed. The return is kept exactly as submitted; the partnership has been told')
    expect(organisationView.text).not.to.contain('anyScoreBelow')
    expect((await adminAgent.get(`/returns/${returnId}/scores`)).text).to.contain('Reason: anyScoreBelow needs a list of criteria')
    const rulesPage = await adminAgent.get(`/frameworks/${framework.id}/rules`)
    expect(rulesPage.text).to.match(/Scoring failed for \d+ returns?/)
    expect(rulesPage.text).to.contain(`<a href="/returns/${returnId}/scores">Riverside and Millbrook Police</a>: anyScoreBelow needs a list of criteria`)
  })

  describe('changing the rules', () => {
    async function uploadRules(source: string | Buffer, name = 'section-11.2025.json') {
      const page = await adminAgent.get(`/frameworks/${framework.id}/rules/upload`)
      const token = page.text.match(/_csrf=([^"]+)"/)![1]
      return adminAgent.post(`/frameworks/${framework.id}/rules/upload?_csrf=${token}`).attach('file', Buffer.from(source), name)
    }

    it('refuses a rule set with an unknown fact, naming the rule, and stores nothing', async () => {
      const before = await RuleSetVersion.count()
      const response = await uploadRules(changedRules((ruleSet) => (ruleSet.rules[1].conditions.all[0].fact = 'criteria')))
      expect(response.status).to.equal(400)
      expect(response.text).to.contain('section-11.2025.json has 1 problem: nothing was saved')
      expect(response.text).to.contain('rule &#34;average-below-developing&#34;: conditions.all[0]: unknown fact &#34;criteria&#34;; standard rules can read: standard, organisation')
      expect((await uploadRules('{"rules": [', 'rules.json')).text).to.contain('not valid JSON')
      expect((await uploadRules(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]), 'rules.json')).text).to.contain('The file must be a JSON text file')
      expect((await uploadRules('{}', 'rules.yaml')).text).to.contain('The file must be a JSON file ending .json')
      expect(await RuleSetVersion.count()).to.equal(before)
    })

    it('previews a changed rule set against the last cycle, publishes it, and rescores the cycle as a background job', async () => {
      const returnId = await submittedPoliceReturn('Scoring 2099', 2099, { questionAnswers: { 'S11-6.1-named-dsl': 'yes' } })
      const cycleId = (await CycleReturn.findOne({ where: { returnId } }))!.cycleId
      const uploaded = await uploadRules(stricterRules)
      expect(uploaded.status).to.equal(302)
      const draft = (await RuleSetVersion.findOne({ where: { frameworkVersionId: framework.id }, order: [['id', 'DESC']] }))!
      expect(draft.publishedAt).to.equal(null)
      expect(uploaded.headers.location).to.equal(`/frameworks/${framework.id}/rules/${draft.id}/preview`)

      const preview = await adminAgent.get(uploaded.headers.location)
      expect(preview.text).to.contain('Tried on the 1 submitted return of Scoring 2099, against the published version 1')
      expect(preview.text).to.contain('10 ratings would change')
      expect(preview.text).to.contain('10 Fully met → Partially met')
      expect(preview.text).to.match(/Riverside and Millbrook Police<\/a><\/td><td class="govuk-table__cell">S11-1 Leadership and accountability<\/td><td class="govuk-table__cell">Fully met<\/td><td class="govuk-table__cell">Partially met/)
      expect((await testContext().services.ruleSets.published(framework.id))!.id).to.equal(shippedRuleSet.id)

      expect((await postForm(adminAgent, `/frameworks/${framework.id}/rules/${draft.id}/publish`)).status).to.equal(302)
      expect((await testContext().services.ruleSets.published(framework.id))!.id).to.equal(draft.id)
      expect(await AuditEvent.count({ where: { action: 'rules.published', entityId: String(draft.id) } })).to.equal(1)
      expect((await testContext().services.scoring.latest(returnId))!.ruleSetId).to.equal(shippedRuleSet.id)

      const rescore = await postForm(adminAgent, `/cycles/${cycleId}/rescore`)
      const job = (await ScoringJob.findOne({ where: { cycleId }, order: [['id', 'DESC']] }))!
      expect(rescore.headers.location).to.equal(`/scoring-jobs/${job.id}`)
      expect((await adminAgent.get(`/scoring-jobs/${job.id}`)).text).to.contain('Waiting to start: 1 return to rescore')
      await testContext().services.scoringJobs.runWaitingJobs()
      expect((await adminAgent.get(`/scoring-jobs/${job.id}/progress`)).body).to.deep.equal({ status: 'finished', done: 1, total: 1, failed: 0, percent: 100 })
      const latest = (await testContext().services.scoring.latest(returnId))!
      expect([latest.trigger, latest.ruleSetId, latest.scoringJobId]).to.deep.equal(['rescored', draft.id, job.id])
      expect(latest.outcome!.ratings.every((rating) => rating.rating === 'Partially met')).to.equal(true)
      expect(await ScoringResult.count({ where: { returnId } })).to.equal(2)
    })
  })

  describe('rescoring jobs', () => {
    async function cycleWithSubmittedReturns(name: string, year: number, count: number): Promise<number> {
      let cycleId = 0
      for (let index = 0; index < count; index++) {
        const returnId = await submittedPoliceReturn(`${name} ${index}`, year + index)
        const link = (await CycleReturn.findOne({ where: { returnId } }))!
        if (!cycleId) cycleId = link.cycleId
        else await CycleReturn.create({ cycleId, returnId, dueOn: link.dueOn, withdrawnAt: null, lastRemindedAt: null })
      }
      return cycleId
    }

    it('pause when stopped and resume where they stopped, scoring each return once', async () => {
      const cycleId = await cycleWithSubmittedReturns('Rescore pause', 2040, 3)
      const jobs = testContext().services.scoringJobs
      const job = await jobs.createOrResume(admin.id, cycleId)
      expect(job.total).to.equal(3)
      let batches = 0
      await jobs.run(job.id, { batchSize: 1, onProgress: () => batches++, shouldStop: () => batches >= 2 })
      await job.reload()
      expect([job.status, job.done]).to.deep.equal(['paused', 1])
      await jobs.runWaitingJobs()
      expect((await job.reload()).status).to.equal('paused')
      const resumed = await jobs.createOrResume(admin.id, cycleId)
      expect(resumed.id).to.equal(job.id)
      expect(await jobs.run(job.id, { batchSize: 1 })).to.equal(true)
      await job.reload()
      expect([job.status, job.done, job.failed]).to.deep.equal(['finished', 3, 0])
      expect(await ScoringResult.count({ where: { scoringJobId: job.id } })).to.equal(3)
    })

    it('are taken over from a worker that stopped reporting, and never run by two workers at once', async () => {
      const cycleId = await cycleWithSubmittedReturns('Rescore stale', 2043, 1)
      const jobs = testContext().services.scoringJobs
      const job = await jobs.createOrResume(admin.id, cycleId)
      await job.update({ status: 'running', heartbeatAt: new Date() })
      expect(await jobs.run(job.id)).to.equal(false)
      await job.update({ heartbeatAt: new Date(Date.now() - 60_000) })
      expect(await jobs.run(job.id)).to.equal(true)
      expect((await job.reload()).status).to.equal('finished')
    })

    it('run from the command line with a progress bar: npm run rescore -- --cycle <id>', async function () {
      this.timeout(60_000)
      const cycleId = await cycleWithSubmittedReturns('Rescore CLI', 2044, 2)
      const { database } = testContext()
      const env = { ...process.env, NODE_ENV: 'test', ...(database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : { SQLITE_FILE: database.sqliteFile }) }
      const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'scripts/rescore.ts', '--cycle', String(cycleId)], { env })
      expect(stdout).to.equal(`Rescored 2 returns of cycle ${cycleId}.\n`)
      expect(stderr).to.contain('[------------------------------] 0/2 returns (0%) running')
      expect(stderr).to.contain('[##############################] 2/2 returns (100%) finished')
      const job = (await ScoringJob.findOne({ where: { cycleId } }))!
      expect(await ScoringResult.count({ where: { scoringJobId: job.id } })).to.equal(2)
      const refused = await run(process.execPath, ['--import', 'tsx', 'scripts/rescore.ts'], { env }).then(() => undefined, (error: { code: number; stderr: string }) => error)
      expect(refused?.code).to.equal(2)
      expect(refused?.stderr).to.contain('Usage: npm run rescore -- --cycle <cycle id>')
    })
  })
})
