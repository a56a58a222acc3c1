import { expect } from 'chai'
import { hashPassword } from '../../server/auth/password'
import { Area, AreaChildPopulation, AuditCase, AuditEvent, AuditGrading, AuditRound, Membership, Organisation, Partnership, User } from '../../server/db/models'
import { testContext } from '../helpers/testContext'
import { Agent, postForm, signedInAgent } from '../helpers/agents'

const PASSWORD = 'audit cases test password'
const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, '’').replace(/&#34;/g, '"').replace(/\s+/g, ' ')

async function person(email: string, name: string, role: Membership['role'], scope: { partnershipId?: number; organisationId?: number }) {
  const user = await User.create({ email, name, passwordHash: await hashPassword(PASSWORD) })
  await Membership.create({ userId: user.id, role, partnershipId: scope.partnershipId ?? null, organisationId: scope.organisationId ?? null })
  return user
}

describe('case audit cases: pseudonymised cases, personal data warnings, confidentiality and the sample check', () => {
  let partnership: Partnership
  let northArea: Area
  let southArea: Area
  let police: Organisation
  let school: Organisation
  let youthClub: Organisation
  let facilitator: User
  let policeAuditor: User
  let roundId: number
  let facilitatorAgent: Agent
  let auditorAgent: Agent
  let admin: Agent
  let qa: Agent

  const casePath = (caseId: number | string) => `/audits/${roundId}/cases/${caseId}`
  const caseForm = (overrides: Record<string, string | string[]> = {}) => ({
    reference: 'Case A',
    ageBand: '1-4',
    sex: 'female',
    ethnicity: 'white-british',
    areaId: String(northArea.id),
    agencyIds: [String(police.id)],
    whyChosen: 'Repeat referrals for neglect; three agencies involved',
    ...overrides,
  })
  const add = async (agent: Agent, overrides: Record<string, string | string[]> = {}) => {
    const response = await postForm(agent, `/audits/${roundId}/cases/new`, caseForm(overrides))
    expect(response.status, textOf(response.text).slice(0, 3000)).to.equal(302)
    return (await AuditCase.findOne({ where: { roundId, reference: overrides.reference ?? 'Case A' } }))!
  }

  before(async () => {
    partnership = (await Partnership.findOne({ where: { slug: 'riverside' } }))!
    northArea = await Area.create({ name: 'Northgate (cases test)', partnershipId: partnership.id })
    southArea = await Area.create({ name: 'Southgate (cases test)', partnershipId: partnership.id })
    police = (await Organisation.findOne({ where: { name: 'Riverside and Millbrook Police' } }))!
    school = (await Organisation.findOne({ where: { name: 'Millbrook Academy' } }))!
    youthClub = (await Organisation.findOne({ where: { name: 'Eastside Youth Club' } }))!
    facilitator = await person('facilitator@cases.test', 'Cass Facilitator', 'auditor', { partnershipId: partnership.id })
    policeAuditor = await person('police.auditor@cases.test', 'Poppy Police-Auditor', 'organisation_contributor', { organisationId: police.id })
    await person('school.staff@cases.test', 'Sol School-Staff', 'organisation_lead', { organisationId: school.id })
    const adminUser = (await User.findOne({ where: { email: 'admin@riverside.test' } }))!
    roundId = (
      await testContext().services.auditRounds.create(adminUser.id, partnership.id, {
        title: 'Cases test round',
        theme: 'Infant neglect',
        whyNow: 'A national review',
        areaIds: [northArea.id, southArea.id],
        toolKey: 'multi-agency-case-audit',
        gradingOpensOn: '2026-03-02',
        gradingDueOn: '2026-03-27',
        workshopOn: '2026-04-08',
        delivery: 'in_house',
        commissionedFrom: '',
        facilitatorIds: [facilitator.id],
        agencyIds: [police.id, school.id],
        auditors: [{ organisationId: police.id, userId: policeAuditor.id }],
      })
    ).id
    facilitatorAgent = await signedInAgent(facilitator.email, PASSWORD)
    auditorAgent = await signedInAgent(policeAuditor.email, PASSWORD)
    admin = await signedInAgent('admin@riverside.test')
    qa = await signedInAgent('qa@riverside.test')
  })

  it('offers the round’s areas and agencies, the fixed age bands and the configured ethnicity list', async () => {
    const form = await facilitatorAgent.get(`/audits/${roundId}/cases/new`)
    expect(form.status).to.equal(200)
    expect(form.text).to.contain('Northgate (cases test)')
    expect(form.text).to.contain(`value="${school.id}"`)
    expect(form.text).not.to.contain(`value="${youthClub.id}"`)
    expect(form.text).to.contain('<optgroup label="Black, Black British, Black Welsh, Caribbean or African">')
    expect(form.text).to.contain('value="white-gypsy-irish-traveller"')
    expect(textOf(form.text)).to.contain('16 to 17')
    expect((await facilitatorAgent.get(`/audits/${roundId}`)).text).to.contain(`href="/audits/${roundId}/cases/new"`)
  })

  it('refuses every missing or wrong field with the GOV.UK error summary, keeping what was typed', async () => {
    const empty = await postForm(facilitatorAgent, `/audits/${roundId}/cases/new`, { whyChosen: 'Kept why' })
    expect(empty.status).to.equal(400)
    for (const message of ['There is a problem', 'Enter a pseudonymised reference, like Case A', 'Choose the child’s age band', 'Choose the child’s sex', 'Choose the child’s ethnicity', 'Choose the area the child lives in', 'Choose at least one agency involved with the child']) {
      expect(empty.text).to.contain(message)
    }
    expect(empty.text).to.contain('Kept why')
    const wrong = await postForm(facilitatorAgent, `/audits/${roundId}/cases/new`, caseForm({ ageBand: '30-40', ethnicity: 'martian' }))
    expect(wrong.text).to.contain('Choose the child’s age band')
    expect(wrong.text).to.contain('Choose the child’s ethnicity')
    expect(wrong.text).to.contain('value="Case A"')
    const notInRound = await postForm(facilitatorAgent, `/audits/${roundId}/cases/new`, caseForm({ agencyIds: [String(youthClub.id)] }))
    expect(notInRound.status).to.equal(400)
    expect(notInRound.text).to.contain('Choose agencies taking part in the round')
    const riverside = (await Area.findOne({ where: { name: 'Riverside', partnershipId: partnership.id } }))!
    expect((await postForm(facilitatorAgent, `/audits/${roundId}/cases/new`, caseForm({ areaId: String(riverside.id) }))).text).to.contain('Choose one of the round’s areas')
    expect(await AuditCase.count({ where: { roundId } })).to.equal(0)
  })

  it('warns before saving text that looks like a name, a date of birth or an NHS or NI number, and saves only once confirmed', async () => {
    const personal = caseForm({ reference: 'Case P', whyChosen: 'Jane Smith, born 03/04/2015, NHS 943 476 5919, NI AB123456C' })
    const warned = await postForm(facilitatorAgent, `/audits/${roundId}/cases/new`, personal)
    expect(warned.status).to.equal(400)
    const text = textOf(warned.text)
    expect(text).to.contain('Some of what you entered looks like personal data')
    expect(text).to.contain('“Jane Smith” looks like a personal name')
    expect(text).to.contain('“03/04/2015” looks like a full date (it could be a date of birth)')
    expect(text).to.contain('“943 476 5919” looks like an NHS number')
    expect(text).to.contain('“AB123456C” looks like a National Insurance number')
    expect(warned.text).to.contain('I have checked: this is not personal data, save anyway')
    expect(warned.text).to.contain('href="#confirmPersonalData"')
    expect(warned.text).to.contain('value="Case P"')
    expect(await AuditCase.count({ where: { roundId, reference: 'Case P' } })).to.equal(0)

    const mrs = await postForm(facilitatorAgent, `/audits/${roundId}/cases/new`, caseForm({ reference: 'Mrs Patel' }))
    expect(textOf(mrs.text)).to.contain('Reference: “Mrs Patel” looks like a personal name')

    // Confirming covers what the page warned about, not text changed afterwards.
    const shown = [...warned.text.matchAll(/name="personalDataShown" value="([^"]*)"/g)].map((match) => match[1].replace(/&#39;/g, "'").replace(/&#34;/g, '"').replace(/&amp;/g, '&'))
    expect(shown).to.have.length(1)
    const changedAfter = await postForm(facilitatorAgent, `/audits/${roundId}/cases/new`, { ...personal, whyChosen: `${personal.whyChosen}; brother Tom Jones`, confirmPersonalData: 'yes', personalDataShown: shown })
    expect(changedAfter.status).to.equal(400)
    expect(textOf(changedAfter.text)).to.contain('“Tom Jones” looks like a personal name')
    expect(changedAfter.text).not.to.match(/value="yes" checked/)
    expect((await postForm(facilitatorAgent, `/audits/${roundId}/cases/new`, { ...personal, confirmPersonalData: 'yes' })).status).to.equal(400)
    expect(await AuditCase.count({ where: { roundId, reference: 'Case P' } })).to.equal(0)

    const confirmed = await add(facilitatorAgent, { ...personal, confirmPersonalData: 'yes', personalDataShown: shown })
    expect(confirmed.whyChosen).to.contain('Jane Smith')
    const audit = (await AuditEvent.findOne({ where: { action: 'audit_case.created', entityId: String(confirmed.id) } }))!
    expect(audit.after).to.deep.equal({ roundId, reference: 'Case P', agencyIds: [police.id], personalDataConfirmed: true })
    // The trail keeps no case text: admins read it without being the round's members.
    expect(JSON.stringify(audit.after)).not.to.contain('Jane')
  })

  it('adds a case with a reference unique in the round, shows it to members and records every view', async () => {
    const created = await add(facilitatorAgent, { agencyIds: [String(police.id), String(school.id)], ethnicity: 'black-caribbean', ageBand: '16-17', sex: 'male' })
    const duplicate = await postForm(facilitatorAgent, `/audits/${roundId}/cases/new`, caseForm({ reference: 'case a' }))
    expect(duplicate.status).to.equal(400)
    expect(duplicate.text).to.contain('The round already has a case called case a: give this one another reference')

    const round = textOf((await facilitatorAgent.get(`/audits/${roundId}`)).text)
    expect(round).to.contain('Case A 16 to 17 Male Caribbean (Black, Black British, Black Welsh, Caribbean or African) Northgate (cases test) Millbrook Academy, Riverside and Millbrook Police')

    const viewsBefore = await AuditEvent.count({ where: { action: 'audit_case.viewed', entityId: String(created.id) } })
    const page = await auditorAgent.get(casePath(created.id))
    expect(page.status).to.equal(200)
    expect(textOf(page.text)).to.contain('Why it was chosen Repeat referrals for neglect; three agencies involved')
    expect(page.text).not.to.contain('Change the case')
    await facilitatorAgent.get(casePath(created.id))
    const views = await AuditEvent.findAll({ where: { action: 'audit_case.viewed', entityId: String(created.id) }, order: [['id', 'ASC']] })
    expect(views.length - viewsBefore).to.equal(2)
    expect(views[views.length - 2].actorUserId).to.equal(policeAuditor.id)
    expect(views[views.length - 1].actorUserId).to.equal(facilitator.id)
  })

  it('changes a case, naming the fields changed in the audit trail; an agency that has graded stays involved', async () => {
    const entry = await add(facilitatorAgent, { reference: 'Case C', agencyIds: [String(police.id), String(school.id)] })
    const form = await facilitatorAgent.get(`${casePath(entry.id)}/edit`)
    expect(form.status).to.equal(200)
    expect(form.text).to.contain('value="Case C"')
    expect(form.text).to.contain('value="white-british" selected')
    const changed = await postForm(facilitatorAgent, `${casePath(entry.id)}/edit`, caseForm({ reference: 'Case C', ageBand: '5-9', areaId: String(southArea.id), agencyIds: [String(police.id), String(school.id)] }))
    expect(changed.status).to.equal(302)
    await entry.reload()
    expect([entry.ageBand, entry.areaId]).to.deep.equal(['5-9', southArea.id])
    const audit = (await AuditEvent.findOne({ where: { action: 'audit_case.updated', entityId: String(entry.id) } }))!
    expect(audit.after).to.deep.include({ reference: 'Case C', changed: ['ageBand', 'areaId'] })

    await AuditGrading.create({ caseId: entry.id, organisationId: school.id, auditorId: null, domains: {}, noDirectInvolvement: false, submittedAt: null })
    const drop = await postForm(facilitatorAgent, `${casePath(entry.id)}/edit`, caseForm({ reference: 'Case C', agencyIds: [String(police.id)] }))
    expect(drop.status).to.equal(400)
    expect(drop.text).to.contain('Millbrook Academy has started grading Case C, so it stays involved')
    // Auditors see cases but do not change them.
    expect((await auditorAgent.get(`${casePath(entry.id)}/edit`)).status).to.equal(403)
    expect((await postForm(auditorAgent, `${casePath(entry.id)}/edit`, caseForm({ reference: 'Case C' }))).status).to.equal(403)
  })

  it('refuses non-members, another partnership’s people and managers who are not members; a case of another round is not found', async () => {
    const entry = (await AuditCase.findOne({ where: { roundId, reference: 'Case A' } }))!
    const school = await signedInAgent('school.staff@cases.test', PASSWORD)
    expect((await school.get(casePath(entry.id))).status).to.equal(403)
    expect((await school.get(`/audits/${roundId}`)).status).to.equal(403)
    expect((await postForm(school, `/audits/${roundId}/cases/new`, caseForm({ reference: 'Case S' }))).status).to.equal(403)

    const elsewhere = await Partnership.create({ name: 'Cases Elsewhere', slug: 'cases-elsewhere' })
    await person('qa@cases-elsewhere.test', 'Elsewhere Reviewer', 'qa_reviewer', { partnershipId: elsewhere.id })
    const other = await signedInAgent('qa@cases-elsewhere.test', PASSWORD)
    expect((await other.get(casePath(entry.id))).status).to.equal(403)
    expect((await other.get(`/audits/${roundId}`)).status).to.equal(403)

    // An admin who is not a member may add a case but not open one; the QA sub-group opens them.
    const managerView = await admin.get(casePath(entry.id))
    expect(managerView.status).to.equal(403)
    expect(managerView.text).to.contain('You do not have access to this page')
    expect((await admin.get(`${casePath(entry.id)}/edit`)).status).to.equal(403)
    const added = await postForm(admin, `/audits/${roundId}/cases/new`, caseForm({ reference: 'Case M' }))
    expect(added.status).to.equal(302)
    expect(added.headers.location).to.equal(`/audits/${roundId}`)
    expect((await qa.get(casePath(entry.id))).status).to.equal(200)

    const otherRound = await AuditRound.create({ ...(await AuditRound.findByPk(roundId))!.get({ plain: true }), id: undefined, title: 'Another round', createdAt: undefined, updatedAt: undefined })
    expect((await facilitatorAgent.get(`/audits/${otherRound.id}/cases/${entry.id}`)).status).to.equal(403)
    expect((await qa.get(`/audits/${otherRound.id}/cases/${entry.id}`)).status).to.equal(404)
    expect((await qa.get(`/audits/${roundId}/cases/not-a-number`)).status).to.equal(404)
    expect((await facilitatorAgent.post(`/audits/${roundId}/cases/new`).type('form').send(caseForm({ reference: 'No token' }))).status).to.equal(403)
  })

  it('refuses new cases, case changes and set-up changes once the round is closed', async () => {
    const round = (await AuditRound.findByPk(roundId))!
    const entry = (await AuditCase.findOne({ where: { roundId, reference: 'Case A' } }))!
    await round.update({ status: 'closed', closedAt: new Date() })
    try {
      expect((await facilitatorAgent.get(`/audits/${roundId}/cases/new`)).headers.location).to.equal(`/audits/${roundId}`)
      const refused = await postForm(facilitatorAgent, `/audits/${roundId}/cases/new`, caseForm({ reference: 'Case Late' }))
      expect(refused.status).to.equal(400)
      expect(refused.text).to.contain('This round is closed, so its cases can no longer be added or changed')
      expect((await postForm(facilitatorAgent, `${casePath(entry.id)}/edit`, caseForm({ reference: 'Case A', ageBand: '5-9' }))).status).to.equal(400)
      expect((await admin.get(`/audits/${roundId}/edit`)).headers.location).to.equal(`/audits/${roundId}`)
      expect((await admin.get(`/audits/${roundId}`)).text).not.to.contain('Change the round’s set-up')
      expect((await facilitatorAgent.get(casePath(entry.id))).text).not.to.contain('Change the case')
      expect(await AuditCase.count({ where: { roundId, reference: 'Case Late' } })).to.equal(0)
      expect((await entry.reload()).ageBand).to.equal('16-17')
    } finally {
      await round.update({ status: 'open', closedAt: null })
    }
  })

  it('compares the sample with the child population the admin sets per area, and says when an area has none', async () => {
    const before = textOf((await facilitatorAgent.get(`/audits/${roundId}`)).text)
    expect(before).to.contain('Northgate (cases test) has no child population figures')
    expect(before).to.contain('A partnership admin can add them')

    const path = `/areas/${northArea.id}/child-population`
    expect((await facilitatorAgent.get(path)).status).to.equal(403)
    expect((await qa.get(path)).status).to.equal(403)
    const form = await admin.get(path)
    expect(form.status).to.equal(200)
    expect(form.text).to.contain('Asian, Asian British or Asian Welsh')
    const figures = { 'percent-asian': '25', 'percent-black': '20', 'percent-mixed': '8', 'percent-white': '42', 'percent-other': '5' }
    const wrongTotal = await postForm(admin, path, { ...figures, 'percent-white': '30' })
    expect(wrongTotal.status).to.equal(400)
    expect(wrongTotal.text).to.contain('The percentages must add up to 100 (they add up to 88)')
    expect(wrongTotal.text).to.contain('value="30"')
    const bad = await postForm(admin, path, { ...figures, 'percent-other': 'five', 'percent-mixed': '' })
    expect(bad.text).to.contain('The percentage for Other ethnic group must be a number from 0 to 100, with at most two decimal places')
    expect(bad.text).to.contain('Enter the percentage of children who are Mixed or Multiple ethnic groups, or 0')
    expect(await AreaChildPopulation.count({ where: { areaId: northArea.id } })).to.equal(0)
    // Within 0.5 of 100 is accepted.
    expect((await postForm(admin, path, { ...figures, 'percent-white': '42.4' })).status).to.equal(302)
    expect(await AreaChildPopulation.count({ where: { areaId: northArea.id } })).to.equal(5)
    expect((await AuditEvent.findOne({ where: { action: 'area.child_population_set', entityId: String(northArea.id) } }))!.after).to.deep.include({ white: 42.4 })

    // Northgate's cases (Case A black, Case P white, Case M white) against Northgate's children; Southgate has none.
    const page = textOf((await qa.get(`/audits/${roundId}`)).text)
    expect(page).to.contain('Southgate (cases test) has no child population figures, so its 1 case cannot be compared')
    expect(page).to.contain('Under-represented in the sample: Asian, Asian British or Asian Welsh (0% of the sample, 25% of local children)')
    expect(page).to.contain('Compared: 3 cases')
    expect(page).not.to.contain('Black, Black British, Black Welsh, Caribbean or African (')
  })
})
