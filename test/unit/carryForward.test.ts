import { expect } from 'chai'
import { AssessmentReturn, FrameworkVersion, Organisation, Partnership, ReturnAnswer, User } from '../../server/db/models'
import { testContext } from '../helpers/testContext'

describe('starting a return from the previous one', () => {
  it('carries answers through the lineage: renamed, split and merged criteria carried, retired dropped, new left empty', async () => {
    const { services } = testContext()
    const partnership = (await Partnership.findOne({ where: { slug: 'riverside' } }))!
    const admin = (await User.findOne({ where: { email: 'admin@riverside.test' } }))!
    const trust = (await Organisation.findOne({ where: { name: 'Riverside University Hospitals NHS Trust' } }))!
    const [v2024, v2025] = await Promise.all(['2024', '2025'].map(async (version) => (await FrameworkVersion.findOne({ where: { key: 'section-11', version } }))!))
    const issue = (name: string, version: FrameworkVersion, year: number) =>
      services.cycleIssue.issue(admin.id, partnership.id, { name, frameworkVersionId: version.id, opensOn: `${year}-01-01`, closesOn: `${year}-03-31`, roles: [], sectors: ['nhs-provider'], areaIds: [], sizeTiers: ['large'] })
    const returnFor = async (cycleId: number) => (await AssessmentReturn.findOne({ where: { firstCycleId: cycleId, organisationId: trust.id } }))!.id

    const lastYear = await returnFor((await issue('Carry 2034', v2024, 2034)).cycle.id)
    const old = await services.returns.load(lastYear)
    const scores: Record<string, number> = { 'S11-5.5': 3, 'S11-8.2': 1, 'S11-9.1': 3, 'S11-9.5': 2, 'S11-2.5': 3 }
    for (const standard of old.standards) {
      const { version } = await services.returns.section(lastYear, standard.key)
      const answers = standard.criteria.map((criterion) => ({ criterionKey: criterion.key, score: scores[criterion.key] ?? 2, notApplicable: false, notApplicableReason: null, narrative: `Evidence for ${criterion.key}`, questionAnswers: {} }))
      await services.returns.saveSection(admin.id, lastYear, standard.key, answers, true, version)
    }
    await services.returnSubmit.submit(admin.id, lastYear, { name: 'A Lead', jobTitle: 'Named nurse', approvedBySeniorLead: true })

    const thisYear = await returnFor((await issue('Carry 2035', v2025, 2035)).cycle.id)
    const carried = await services.carryForward.carryForward(admin.id, thisYear)
    const answers = new Map((await ReturnAnswer.findAll({ where: { returnId: thisYear } })).map((answer) => [answer.criterionKey, answer]))
    expect(carried).to.equal(answers.size)
    expect(answers.get('S11-4.3')!.score).to.equal(3)
    expect(answers.get('S11-4.3')!.narrative).to.equal('Evidence for S11-5.5')
    expect(answers.get('S11-8.2')!.score).to.equal(1)
    expect(answers.get('S11-8.5')!.score).to.equal(1)
    expect(answers.get('S11-9.1')!.score).to.equal(2)
    expect(answers.get('S11-9.1')!.narrative).to.equal('Evidence for S11-9.1\n\nEvidence for S11-9.5')
    expect(answers.has('S11-1.5')).to.equal(false)
    expect(answers.has('S11-2.5')).to.equal(false)
    expect([...answers.values()].every((answer) => answer.carriedForward)).to.equal(true)
    expect((await AssessmentReturn.findByPk(thisYear))!.status).to.equal('in_progress')

    try {
      await services.carryForward.carryForward(admin.id, thisYear)
      expect.fail('carried forward twice')
    } catch (error) {
      expect((error as Error).message).to.contain('already been started')
    }
  })
})
