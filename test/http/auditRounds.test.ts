import { expect } from 'chai'
import { hashPassword } from '../../server/auth/password'
import { Area, AuditCase, AuditDipSample, AuditEvent, AuditRound, AuditRoundMember, Membership, Organisation, Partnership, User } from '../../server/db/models'
import { Agent, postForm, signedInAgent } from '../helpers/agents'

const PASSWORD = 'audit rounds test password'
const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, '’').replace(/\s+/g, ' ')
const dateFields = (name: string, iso: string) => {
  const [year, month, day] = iso.split('-')
  return { [`${name}-day`]: String(Number(day)), [`${name}-month`]: String(Number(month)), [`${name}-year`]: year }
}

/** A person with one role, made for this file so other tests' pages are not changed by it. */
async function person(email: string, name: string, role: Membership['role'], scope: { partnershipId?: number; organisationId?: number }) {
  const user = await User.create({ email, name, passwordHash: await hashPassword(PASSWORD) })
  await Membership.create({ userId: user.id, role, partnershipId: scope.partnershipId ?? null, organisationId: scope.organisationId ?? null })
  return user
}

describe('case audit rounds: list, set-up and the round page', () => {
  let admin: Agent
  let qa: Agent
  let policeAuditorAgent: Agent
  let schoolAgent: Agent
  let partnership: Partnership
  let area: Area
  let police: Organisation
  let school: Organisation
  let adminUser: User
  let facilitator: User
  let policeAuditor: User
  let schoolStaff: User

  const roundForm = (overrides: Record<string, string | string[]> = {}) => ({
    title: 'Infant neglect audit',
    theme: 'Infant neglect',
    whyNow: 'Local learning from a rapid review',
    areaIds: [String(area.id)],
    toolKey: 'multi-agency-case-audit',
    ...dateFields('gradingOpensOn', '2026-03-02'),
    ...dateFields('gradingDueOn', '2026-03-27'),
    ...dateFields('workshopOn', '2026-04-08'),
    delivery: 'in_house',
    commissionedFrom: '',
    facilitatorIds: [String(facilitator.id)],
    agencyIds: [String(police.id), String(school.id)],
    [`auditor-${police.id}`]: String(policeAuditor.id),
    [`auditor-${school.id}`]: '',
    ...overrides,
  })

  const create = async (overrides: Record<string, string | string[]> = {}) => {
    const response = await postForm(admin, '/audits/new', roundForm(overrides))
    expect(response.status, textOf(response.text).slice(0, 3000)).to.equal(302)
    return Number(response.headers.location.split('/').pop())
  }

  before(async () => {
    partnership = (await Partnership.findOne({ where: { slug: 'riverside' } }))!
    area = await Area.create({ name: 'Eastbank (rounds test)', partnershipId: partnership.id })
    police = (await Organisation.findOne({ where: { name: 'Riverside and Millbrook Police' } }))!
    school = (await Organisation.findOne({ where: { name: 'Millbrook Academy' } }))!
    adminUser = (await User.findOne({ where: { email: 'admin@riverside.test' } }))!
    facilitator = await person('facilitator@rounds.test', 'Fran Facilitator', 'auditor', { partnershipId: partnership.id })
    policeAuditor = await person('police.auditor@rounds.test', 'Pat Police-Auditor', 'organisation_contributor', { organisationId: police.id })
    schoolStaff = await person('school.staff@rounds.test', 'Sky School-Staff', 'organisation_lead', { organisationId: school.id })
    admin = await signedInAgent('admin@riverside.test')
    qa = await signedInAgent('qa@riverside.test')
    policeAuditorAgent = await signedInAgent(policeAuditor.email, PASSWORD)
    schoolAgent = await signedInAgent(schoolStaff.email, PASSWORD)
  })

  it('offers the partnership’s areas, the audit tools, its agencies and who may facilitate or audit for each', async () => {
    const list = await admin.get('/audits')
    expect(list.status).to.equal(200)
    expect(list.text).to.contain('Create an audit round')
    expect(list.text).to.contain('href="/audits" aria-current="page"')

    const form = await admin.get('/audits/new')
    expect(form.status).to.equal(200)
    expect(form.text).to.contain('Eastbank (rounds test)')
    expect(form.text).to.contain('value="multi-agency-case-audit"')
    expect(form.text).to.contain('value="cin-core-groups"')
    expect(form.text).to.contain(`name="agencyIds" type="checkbox" value="${police.id}"`)
    // Facilitators: partnership roles only.
    const facilitators = form.text.slice(form.text.indexOf('Facilitators'), form.text.indexOf('Agencies taking part'))
    expect(facilitators).to.contain('Fran Facilitator')
    expect(facilitators).to.contain('Alex Morgan')
    expect(facilitators).not.to.contain('Pat Police-Auditor')
    // Someone from the police may audit for the police, not for the school; the partnership's auditor for both.
    const select = (organisationId: number) => form.text.slice(form.text.indexOf(`name="auditor-${organisationId}"`), form.text.indexOf('</select>', form.text.indexOf(`name="auditor-${organisationId}"`)))
    expect(select(police.id)).to.contain('Pat Police-Auditor')
    expect(select(school.id)).not.to.contain('Pat Police-Auditor')
    expect(select(school.id)).to.contain('Sky School-Staff')
    expect(select(school.id)).to.contain('Fran Facilitator')
  })

  it('refuses missing fields, dates out of order, a commission with no one named and the wrong auditors, keeping what was typed', async () => {
    const before = await AuditRound.count()
    const empty = await postForm(admin, '/audits/new', { title: 'Kept title', whyNow: 'Kept reason' })
    expect(empty.status).to.equal(400)
    for (const message of ['There is a problem', 'Enter the theme, like adolescent neglect or exploitation', 'Choose at least one area', 'Choose the audit tool', 'Enter the date grading opens', 'Enter the date of the workshop', 'Choose whether the audit is run in-house or commissioned', 'Choose at least one facilitator', 'Choose at least one agency taking part']) {
      expect(empty.text).to.contain(message)
    }
    expect(empty.text).to.contain('value="Kept title"')
    expect(empty.text).to.contain('Kept reason')

    const order = await postForm(admin, '/audits/new', roundForm({ ...dateFields('gradingDueOn', '2026-03-01'), ...dateFields('workshopOn', '2026-02-20') }))
    expect(order.status).to.equal(400)
    expect(order.text).to.contain('The date grading is due must be after the date grading opens')
    expect(order.text).to.contain('The date of the workshop must be on or after the date grading is due')
    expect(order.text).to.contain('value="Infant neglect audit"')
    const unreal = await postForm(admin, '/audits/new', roundForm({ 'workshopOn-day': '31', 'workshopOn-month': '2' }))
    expect(unreal.text).to.contain('The date of the workshop must be a real date')

    const commissioned = await postForm(admin, '/audits/new', roundForm({ delivery: 'commissioned' }))
    expect(commissioned.status).to.equal(400)
    expect(commissioned.text).to.contain('Enter who the audit is commissioned from')

    const wrongAgency = await postForm(admin, '/audits/new', roundForm({ [`auditor-${school.id}`]: String(policeAuditor.id) }))
    expect(wrongAgency.status).to.equal(400)
    expect(wrongAgency.text).to.contain('Pat Police-Auditor cannot audit for Millbrook Academy: people from an organisation audit only for their own')
    expect(wrongAgency.text).to.match(new RegExp(`<option value="${policeAuditor.id}" selected>`))
    const orgFacilitator = await postForm(admin, '/audits/new', roundForm({ facilitatorIds: [String(policeAuditor.id)] }))
    expect(orgFacilitator.text).to.contain('Choose facilitators from the partnership’s admins, QA reviewers and auditors')
    const otherArea = await Area.create({ name: 'Elsewhere area', partnershipId: (await Partnership.create({ name: 'Rounds Elsewhere', slug: 'rounds-elsewhere' })).id })
    expect((await postForm(admin, '/audits/new', roundForm({ areaIds: [String(otherArea.id)] }))).text).to.contain('Choose areas of the partnership')
    expect((await postForm(admin, '/audits/new', roundForm({ toolKey: 'no-such-tool' }))).text).to.contain('Choose one of the audit tools listed')
    expect(await AuditRound.count()).to.equal(before)
  })

  it('creates a round with a copy of the tool, its members and an audit event, shown on the round page and in the lists of those who take part', async () => {
    const roundId = await create({ delivery: 'commissioned', commissionedFrom: 'Independent Reviews Ltd' })
    const round = (await AuditRound.findByPk(roundId))!
    expect([round.title, round.toolKey, round.delivery, round.commissionedFrom, round.gradingDueOn, round.status]).to.deep.equal(['Infant neglect audit', 'multi-agency-case-audit', 'commissioned', 'Independent Reviews Ltd', '2026-03-27', 'open'])
    expect(round.toolDefinition.domains.map((domain) => domain.key)).to.include('recognition-of-risk')
    const members = await AuditRoundMember.findAll({ where: { roundId } })
    expect(members.map(({ userId, role, organisationId }) => ({ userId, role, organisationId })).sort((a, b) => a.role.localeCompare(b.role))).to.deep.equal([
      { userId: policeAuditor.id, role: 'auditor', organisationId: police.id },
      { userId: facilitator.id, role: 'facilitator', organisationId: null },
    ])
    const audit = (await AuditEvent.findOne({ where: { action: 'audit_round.created', entityId: String(roundId) } }))!
    expect(audit.actorUserId).to.equal(adminUser.id)
    expect(audit.after).to.deep.include({ title: 'Infant neglect audit', agencyIds: [police.id, school.id].sort((a, b) => a - b), auditors: [{ organisationId: police.id, userId: policeAuditor.id }] })

    const page = textOf((await admin.get(`/audits/${roundId}`)).text)
    for (const text of ['Infant neglect audit', 'Local learning from a rapid review', 'Eastbank (rounds test)', 'Multi-agency case audit', '27 March 2026', '8 April 2026', 'Externally commissioned, from Independent Reviews Ltd', 'Fran Facilitator', 'Riverside and Millbrook Police Pat Police-Auditor', 'Millbrook Academy No auditor yet']) {
      expect(page).to.contain(text)
    }

    // The police auditor now has the navigation link and sees the round as theirs; the school's staff neither.
    const theirs = await policeAuditorAgent.get('/audits')
    expect(theirs.text).to.contain('Case audits</')
    expect(textOf(theirs.text)).to.contain('Auditor for Riverside and Millbrook Police')
    expect(theirs.text).to.contain(`href="/audits/${roundId}"`)
    expect((await policeAuditorAgent.get('/dashboard')).text).to.contain('href="/audits"')
    expect((await schoolAgent.get('/dashboard')).text).not.to.contain('href="/audits"')
    const schoolList = await schoolAgent.get('/audits')
    expect(schoolList.status).to.equal(200)
    expect(schoolList.text).not.to.contain(`href="/audits/${roundId}"`)
    expect(schoolList.text).not.to.contain('Create an audit round')
    expect((await schoolAgent.get(`/audits/${roundId}`)).status).to.equal(403)
  })

  it('changes the set-up with before and after in the audit trail; only managers may, and the tool is fixed once a case exists', async () => {
    const roundId = await create({ title: 'Exploitation audit draft' })
    const form = await admin.get(`/audits/${roundId}/edit`)
    expect(form.status).to.equal(200)
    expect(form.text).to.contain('value="Exploitation audit draft"')
    expect(form.text).to.match(new RegExp(`<option value="${policeAuditor.id}" selected>`))
    expect(form.text).to.contain('name="workshopOn-day" type="text" value="8"')

    const invalid = await postForm(admin, `/audits/${roundId}/edit`, roundForm({ title: 'Exploitation audit', facilitatorIds: [] }))
    expect(invalid.status).to.equal(400)
    expect(invalid.text).to.contain('Choose at least one facilitator')
    expect(invalid.text).to.contain('value="Exploitation audit"')

    const changed = await postForm(admin, `/audits/${roundId}/edit`, roundForm({ title: 'Exploitation audit', toolKey: 'cin-core-groups', [`auditor-${school.id}`]: String(schoolStaff.id) }))
    expect(changed.status).to.equal(302)
    const round = (await AuditRound.findByPk(roundId))!
    expect([round.title, round.toolKey, round.toolDefinition.key]).to.deep.equal(['Exploitation audit', 'cin-core-groups', 'cin-core-groups'])
    const audit = (await AuditEvent.findOne({ where: { action: 'audit_round.updated', entityId: String(roundId) } }))!
    expect(audit.before).to.deep.include({ title: 'Exploitation audit draft', toolKey: 'multi-agency-case-audit' })
    expect((audit.after as { auditors: unknown[] }).auditors).to.have.length(2)

    // Members who do not manage cannot change it; nor can another partnership's admin.
    expect((await policeAuditorAgent.get(`/audits/${roundId}/edit`)).status).to.equal(403)
    expect((await postForm(policeAuditorAgent, `/audits/${roundId}/edit`, roundForm({ title: 'Taken over' }))).status).to.equal(403)
    const elsewhere = await Partnership.create({ name: 'Rounds Other Partnership', slug: 'rounds-other' })
    const outsider = await person('admin@rounds-other.test', 'Other Admin', 'partnership_admin', { partnershipId: elsewhere.id })
    const other = await signedInAgent(outsider.email, PASSWORD)
    expect((await other.get(`/audits/${roundId}`)).status).to.equal(403)
    expect((await postForm(other, `/audits/${roundId}/edit`, roundForm({ title: 'Taken over' }))).status).to.equal(403)
    expect((await other.get('/audits')).text).not.to.contain(`href="/audits/${roundId}"`)
    expect((await admin.get('/audits/999999')).status).to.equal(404)

    await AuditCase.create({ roundId, reference: 'Case A', ageBand: '1-4', sex: 'female', ethnicity: 'white-british', areaId: area.id, whyChosen: 'Repeat referrals', createdById: adminUser.id })
    await round.sequelize.models.audit_case_agencies.create({ caseId: (await AuditCase.findOne({ where: { roundId } }))!.id, organisationId: school.id })
    const locked = await admin.get(`/audits/${roundId}/edit`)
    expect(locked.text).to.contain('The tool cannot change once the round has a case')
    const toolChange = await postForm(admin, `/audits/${roundId}/edit`, roundForm({ title: 'Exploitation audit', toolKey: 'multi-agency-case-audit' }))
    expect(toolChange.status).to.equal(400)
    expect(toolChange.text).to.contain('The audit tool cannot change once the round has a case')
    const dropAgency = await postForm(admin, `/audits/${roundId}/edit`, roundForm({ title: 'Exploitation audit', toolKey: 'cin-core-groups', agencyIds: [String(police.id)] }))
    expect(dropAgency.status).to.equal(400)
    expect(dropAgency.text).to.contain('Millbrook Academy is involved in Case A: remove it from the case before removing it from the round')
    expect((await round.reload()).toolKey).to.equal('cin-core-groups')
    expect(await AuditRoundMember.count({ where: { roundId, organisationId: school.id } })).to.equal(1)

    // Moving the workshop moves the dip samples not yet done (three months after it), never one with a result.
    const [caseA] = await AuditCase.findAll({ where: { roundId } })
    const caseB = await AuditCase.create({ roundId, reference: 'Case B', ageBand: '1-4', sex: 'male', ethnicity: 'white-british', areaId: area.id, whyChosen: 'Neglect', createdById: adminUser.id })
    await AuditDipSample.create({ caseId: caseA.id, dueOn: '2026-07-08', result: null, notes: null, recordedById: null, recordedAt: null })
    await AuditDipSample.create({ caseId: caseB.id, dueOn: '2026-07-08', result: 'improved', notes: 'Better', recordedById: adminUser.id, recordedAt: new Date() })
    const moved = await postForm(admin, `/audits/${roundId}/edit`, roundForm({ title: 'Exploitation audit', toolKey: 'cin-core-groups', ...dateFields('workshopOn', '2026-05-31') }))
    expect(moved.status).to.equal(302)
    expect((await AuditDipSample.findByPk(caseA.id))!.dueOn).to.equal('2026-08-31')
    expect((await AuditDipSample.findByPk(caseB.id))!.dueOn).to.equal('2026-07-08')
  })

  it('shows a manager who is not a member the set-up but no case data, and the QA sub-group everything', async () => {
    const roundId = await create({ title: 'Confidential cases round', facilitatorIds: [String(facilitator.id)] })
    await AuditCase.create({ roundId, reference: 'Case Secret', ageBand: '5-9', sex: 'male', ethnicity: 'black-african', areaId: area.id, whyChosen: 'Not for managers', createdById: facilitator.id })
    const managerView = await admin.get(`/audits/${roundId}`)
    expect(managerView.status).to.equal(200)
    expect(managerView.text).to.contain('Confidential cases round')
    expect(managerView.text).not.to.contain('Case Secret')
    expect(textOf(managerView.text)).to.contain('The round has 1 case.')
    expect(managerView.text).not.to.contain('Sample check')
    // Only admins keep the areas' child population figures; they reach them from the round.
    expect(managerView.text).to.contain(`href="/areas/${area.id}/child-population"`)
    const reviewerView = await qa.get(`/audits/${roundId}`)
    expect(reviewerView.status).to.equal(200)
    expect(reviewerView.text).to.contain('Case Secret')
    expect(reviewerView.text).to.contain('Sample check: ethnicity')
    expect(reviewerView.text).not.to.contain(`href="/areas/${area.id}/child-population"`)
  })
})
