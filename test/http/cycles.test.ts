import { expect } from 'chai'
import { AssessmentReturn, AuditEvent, Cycle, CycleReturn, FrameworkVersion, Membership, Organisation, OutboxEmail, Partnership, User } from '../../server/db/models'
import { Op } from 'sequelize'
import { readFrameworkFiles } from '../../server/standards/frameworkFiles'
import { Agent, postForm, signedInAgent } from '../helpers/agents'
import { testContext } from '../helpers/testContext'

const TODAY = new Date('2026-04-10T12:00:00Z')

function dateFields(name: string, iso: string) {
  const [year, month, day] = iso.split('-')
  return { [`${name}-day`]: day, [`${name}-month`]: month, [`${name}-year`]: year }
}

describe('assessment cycles', () => {
  let admin: Agent
  let section11: FrameworkVersion

  before(async () => {
    const app = testContext().buildApp({ services: { now: () => TODAY } })
    admin = await signedInAgent('admin@riverside.test', undefined, app)
    section11 = (await FrameworkVersion.findOne({ where: { key: 'section-11', version: '2025' } }))!
  })

  const cycleForm = (overrides: Record<string, string | string[]> = {}) => ({
    name: 'Schools 2025/26',
    frameworkVersionId: String(section11.id),
    ...dateFields('opensOn', '2026-01-05'),
    ...dateFields('closesOn', '2026-03-31'),
    sectors: 'education',
    ...overrides,
  })

  it('explains bad dates and keeps every answer', async () => {
    const response = await postForm(admin, '/cycles/new', cycleForm({ ...dateFields('closesOn', '2025-12-01'), 'opensOn-day': '32' }))
    expect(response.status).to.equal(400)
    expect(response.text).to.contain('The opening date must be a real date')
    expect(response.text).to.contain('value="Schools 2025/26"')
    expect(response.text).to.match(/value="education" checked/)
    const reversed = await postForm(admin, '/cycles/new', cycleForm({ ...dateFields('closesOn', '2025-12-01') }))
    expect(reversed.text).to.contain('The closing date must be after the opening date')
  })

  it('previews who the cycle goes to before anything is created', async () => {
    const before = await Cycle.count()
    const preview = await postForm(admin, '/cycles/new', cycleForm())
    expect(preview.status).to.equal(200)
    const schools = await Organisation.count({ where: { sectorKey: 'education', active: true } })
    expect(preview.text).to.contain(`Issue to ${schools} organisations`)
    expect(preview.text).to.contain('Millbrook Academy')
    expect(preview.text).not.to.contain('Riverside Food Bank')
    expect(await Cycle.count()).to.equal(before)
  })

  it('refuses to issue to nobody', async () => {
    const response = await postForm(admin, '/cycles/issue', cycleForm({ name: 'Nobody', sectors: 'education', sizeTiers: 'small', roles: 'safeguarding_partner' }))
    expect(response.status).to.equal(400)
    expect(response.text).to.contain('No active organisations match these choices')
    expect(await Cycle.count({ where: { name: 'Nobody' } })).to.equal(0)
  })

  it('issues one return per organisation, emails their leads through the outbox, and records it', async () => {
    const outboxBefore = await OutboxEmail.count()
    const response = await postForm(admin, '/cycles/issue', cycleForm())
    expect(response.status).to.equal(302)
    const cycle = (await Cycle.findOne({ where: { name: 'Schools 2025/26' } }))!
    const schools = await Organisation.findAll({ where: { sectorKey: 'education', active: true } })
    const returns = await AssessmentReturn.findAll({ where: { firstCycleId: cycle.id } })
    expect(returns.map((r) => r.organisationId).sort()).to.deep.equal(schools.map((s) => s.id).sort())
    expect(returns.every((r) => r.status === 'not_started')).to.equal(true)
    expect(await CycleReturn.count({ where: { cycleId: cycle.id } })).to.equal(schools.length)

    const leads = await Membership.count({ where: { role: 'organisation_lead', organisationId: schools.map((s) => s.id) } })
    expect(leads).to.be.greaterThan(0)
    expect(await OutboxEmail.count()).to.equal(outboxBefore + leads)
    const email = (await OutboxEmail.findOne({ where: { toAddress: 'lead@school.riverside.test' }, order: [['id', 'DESC']] }))!
    expect(email.subject).to.equal('Riverside Safeguarding Children Partnership: Schools 2025/26 self-assessment')
    expect(email.body).to.contain('due by 31 March 2026')

    await testContext().services.outbox.flush()
    expect(testContext().mailer.lastTo('lead@school.riverside.test')?.subject).to.equal(email.subject)
    expect((await email.reload()).sentAt).to.be.instanceOf(Date)

    const event = (await AuditEvent.findOne({ where: { action: 'cycle.issued', entityId: String(cycle.id) } }))!
    expect((event.after as { organisations: number }).organisations).to.equal(schools.length)
  })

  it('refuses to issue the same cycle twice, leaving nothing half-written', async () => {
    const returnsBefore = await AssessmentReturn.count()
    const response = await postForm(admin, '/cycles/issue', cycleForm())
    expect(response.status).to.equal(400)
    expect(response.text).to.contain('A cycle called “Schools 2025/26” has already been issued')
    expect(await AssessmentReturn.count()).to.equal(returnsBefore)
  })

  it('gives an organisation working in both areas one return, not one per area', async () => {
    const bothAreas = (await Organisation.findOne({ where: { name: 'Riverside Sixth Form College' } }))!
    const cycle = (await Cycle.findOne({ where: { name: 'Schools 2025/26' } }))!
    expect(await AssessmentReturn.count({ where: { firstCycleId: cycle.id, organisationId: bothAreas.id } })).to.equal(1)
  })

  it('shows live progress: counts, response rates, overdue organisations with days overdue', async () => {
    const cycle = (await Cycle.findOne({ where: { name: 'Schools 2025/26' } }))!
    const academy = (await Organisation.findOne({ where: { name: 'Millbrook Academy' } }))!
    await AssessmentReturn.update({ status: 'submitted', submittedAt: new Date() }, { where: { firstCycleId: cycle.id, organisationId: academy.id } })
    const page = await admin.get(`/cycles/${cycle.id}`)
    expect(page.status).to.equal(200)
    const invited = await CycleReturn.count({ where: { cycleId: cycle.id } })
    expect(page.text).to.match(new RegExp(`<span class="app-stat__value">${invited}</span> <span class="app-stat__label">Invited`))
    expect(page.text).to.match(/<span class="app-stat__value">1<\/span> <span class="app-stat__label">Submitted/)
    expect(page.text).to.contain(`${Math.round((1 / invited) * 1000) / 10}%`)
    expect(page.text).to.contain('Not yet returned (' + (invited - 1) + ')')
    expect(page.text).to.contain('>10<') // 31 March to 10 April
  })

  it('reminds overdue organisations and the ones chosen', async () => {
    const cycle = (await Cycle.findOne({ where: { name: 'Schools 2025/26' } }))!
    const lastBefore = (await OutboxEmail.max('id')) as number
    const nobody = await postForm(admin, `/cycles/${cycle.id}/reminders`, { scope: 'chosen' })
    expect(nobody.status).to.equal(400)
    expect(nobody.text).to.contain('Select at least one organisation to remind')
    const kingsgate = (await Organisation.findOne({ where: { name: 'Kingsgate Secondary School' } }))!
    const head = await User.create({ email: 'dsl@kingsgate.test', name: 'Kingsgate DSL', passwordHash: null })
    await Membership.create({ userId: head.id, role: 'organisation_lead', organisationId: kingsgate.id, partnershipId: null })
    const response = await postForm(admin, `/cycles/${cycle.id}/reminders`, { scope: 'overdue' })
    expect(response.status).to.equal(302)
    const flash = (await admin.get(`/cycles/${cycle.id}`)).text
    expect(flash).to.match(/1 reminder email sent for \d+ organisations\. No active lead to email at: .*Little Acorns Nursery/)
    const reminders = await OutboxEmail.findAll({ where: { id: { [Op.gt]: lastBefore } } })
    expect(reminders.map((email) => email.toAddress)).to.deep.equal(['dsl@kingsgate.test'])
    expect(reminders.every((email) => email.subject.startsWith('Reminder: Schools 2025/26'))).to.equal(true)
    expect(reminders.map((email) => email.toAddress)).not.to.include('lead@school.riverside.test')
  })

  it('extends one organisation’s deadline, only forwards', async () => {
    const cycle = (await Cycle.findOne({ where: { name: 'Schools 2025/26' } }))!
    const sixthForm = (await Organisation.findOne({ where: { name: 'Riverside Sixth Form College' } }))!
    const target = (await AssessmentReturn.findOne({ where: { firstCycleId: cycle.id, organisationId: sixthForm.id } }))!
    const path = `/cycles/${cycle.id}/returns/${target.id}/extend`
    const backwards = await postForm(admin, path, dateFields('dueOn', '2026-03-01'), path)
    expect(backwards.status).to.equal(400)
    expect(backwards.text).to.contain('The new deadline must be after the current one, 31 March 2026')
    expect((await postForm(admin, path, dateFields('dueOn', '2026-05-15'), path)).status).to.equal(302)
    expect((await CycleReturn.findOne({ where: { cycleId: cycle.id, returnId: target.id } }))!.dueOn).to.equal('2026-05-15')
  })

  it('withdraws an organisation, which then no longer counts', async () => {
    const cycle = (await Cycle.findOne({ where: { name: 'Schools 2025/26' } }))!
    const nursery = (await Organisation.findOne({ where: { name: 'Little Acorns Nursery' } }))!
    const target = (await AssessmentReturn.findOne({ where: { firstCycleId: cycle.id, organisationId: nursery.id } }))!
    const invitedBefore = await CycleReturn.count({ where: { cycleId: cycle.id, withdrawnAt: null } })
    const path = `/cycles/${cycle.id}/returns/${target.id}/withdraw`
    expect((await admin.get(path)).text).to.contain('Withdraw Little Acorns Nursery from this cycle?')
    await postForm(admin, path, {}, path)
    const page = await admin.get(`/cycles/${cycle.id}`)
    expect(page.text).to.match(new RegExp(`<span class="app-stat__value">${invitedBefore - 1}</span> <span class="app-stat__label">Invited`))
    expect(page.text).to.contain('Withdrawn (1)')
  })

  it('lets a second partnership issue the same framework version: an organisation in both files one return', async () => {
    const other = await Partnership.create({ name: 'Northbank Safeguarding Children Partnership', slug: 'northbank' })
    const academy = (await Organisation.findOne({ where: { name: 'Millbrook Academy' } }))!
    await testContext().sequelize.models.organisation_partnerships.create({ organisationId: academy.id, partnershipId: other.id })
    const { cycle, issued, shared } = await testContext().services.cycleIssue.issue(1, other.id, {
      name: 'Northbank 2025/26',
      frameworkVersionId: section11.id,
      opensOn: '2026-02-01',
      closesOn: '2026-04-30',
      roles: [],
      sectors: [],
      areaIds: [],
      sizeTiers: [],
    })
    expect(issued).to.equal(1)
    expect(shared).to.equal(1)
    const links = await CycleReturn.findAll({ include: [{ model: AssessmentReturn, as: 'assessmentReturn', where: { organisationId: academy.id, frameworkVersionId: section11.id } }] })
    expect(links.map((link) => link.cycleId)).to.include(cycle.id)
    expect(new Set(links.map((link) => link.returnId)).size).to.equal(1)
    expect(await AssessmentReturn.count({ where: { firstCycleId: cycle.id } })).to.equal(0)
  })

  it('gives a new return, not a shared one, for a later cycle whose dates do not overlap', async () => {
    const academy = (await Organisation.findOne({ where: { name: 'Millbrook Academy' } }))!
    const partnership = (await Partnership.findOne({ where: { slug: 'riverside' } }))!
    const { shared, cycle } = await testContext().services.cycleIssue.issue(1, partnership.id, {
      name: 'Schools 2028/29', frameworkVersionId: section11.id, opensOn: '2028-09-01', closesOn: '2028-12-01', roles: [], sectors: ['education'], areaIds: [], sizeTiers: [],
    })
    expect(shared).to.equal(0)
    expect(await AssessmentReturn.count({ where: { firstCycleId: cycle.id, organisationId: academy.id } })).to.equal(1)
  })

  it('keeps a framework version that a cycle uses from changing', async () => {
    const frameworks = testContext().services.frameworks
    const shipped = readFrameworkFiles().map((file) =>
      file.file.endsWith('section-11.2025.yaml') ? { ...file, source: file.source.replace('title:', 'title: Changed') } : file,
    )
    try {
      await frameworks.loadShippedFrameworks(shipped)
      expect.fail('a used version was changed')
    } catch (error) {
      expect((error as Error).message).to.contain('which a cycle already uses. Versions are immutable once used')
    }
    expect((await section11.reload()).source).not.to.contain('title: Changed')
  })
})
