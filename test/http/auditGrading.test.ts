import { expect } from 'chai'
import { AuditEvent, AuditGrading, AuditRound, Organisation } from '../../server/db/models'
import { gradingField } from '../../server/audits/grading/schema'
import { Agent, postForm, signedInAgent } from '../helpers/agents'
import { auditRoundFixture, gradingForm, HEALTH, POLICE, RoundFixture, SOCIAL_CARE } from '../helpers/auditRoundFixture'

/** The text of a page without its markup, to match sentences across elements. */
const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, '’').replace(/&quot;/g, '"').replace(/\s+/g, ' ')

describe('case audit gradings before the workshop', () => {
  let facilitator: Agent
  let qa: Agent
  let health: Agent
  let police: Agent
  let admin: Agent
  let fixture: RoundFixture
  let policeId: number
  let healthId: number
  let socialCareId: number

  const path = (reference: string, organisationId: number, round = fixture) => `/audits/${round.round.id}/cases/${round.cases[reference].id}/grading/${organisationId}`
  const riskGrade = gradingField('recognition-of-risk', 'grade')
  const riskStrengths = gradingField('recognition-of-risk', 'strengths')

  before(async () => {
    fixture = await auditRoundFixture({
      title: 'Grading round',
      facilitators: ['auditor@riverside.test'],
      auditors: [
        ['auditor.health@riverside.test', HEALTH],
        ['lead@police.riverside.test', POLICE],
        ['auditor.socialcare@riverside.test', SOCIAL_CARE],
      ],
      cases: { 'Case A': [POLICE, HEALTH, SOCIAL_CARE], 'Case B': [POLICE, SOCIAL_CARE] },
    })
    ;[policeId, healthId, socialCareId] = [POLICE, HEALTH, SOCIAL_CARE].map((name) => fixture.organisations[name].id)
    facilitator = await signedInAgent('auditor@riverside.test')
    qa = await signedInAgent('qa@riverside.test')
    health = await signedInAgent('auditor.health@riverside.test')
    police = await signedInAgent('lead@police.riverside.test')
    admin = await signedInAgent('admin@riverside.test')
  })

  it('lists only the cases involving the agencies the auditor grades for, and records each view of a grading', async () => {
    const list = await health.get(`/audits/${fixture.round.id}/grading`)
    expect(list.status).to.equal(200)
    const text = textOf(list.text)
    expect(text).to.contain('Case A for Riverside University Hospitals NHS Trust')
    expect(text).not.to.contain('Case B')
    expect(text).to.contain('0 of 1 submitted')
    expect(list.text).to.contain(`href="${path('Case A', healthId)}"`)

    const page = await health.get(path('Case A', healthId))
    expect(page.status).to.equal(200)
    // The tool's domains with their prompts, the grade scale as radios, text fields with hint and character count, the confirmation.
    expect(page.text).to.contain('Recognition of risk')
    expect(page.text).to.contain('Was professional curiosity shown, including about adults in the household?')
    expect(page.text).to.match(new RegExp(`name="${riskGrade}" type="radio" value="requires-improvement"`))
    expect(page.text).to.contain('What your agency did well for this child, with the evidence from the record.')
    expect(page.text).to.contain(`data-maxlength="2000"`)
    expect(page.text).to.contain('I confirm I have had no direct involvement in this case')
    expect(page.text).to.contain('Save as draft')
    const viewed = await AuditEvent.findOne({ where: { action: 'audit_case.viewed', entityId: String(fixture.cases['Case A'].id) }, order: [['id', 'DESC']] })
    expect(viewed?.after).to.deep.include({ page: 'grading', organisationId: healthId, reference: 'Case A' })
  })

  it('saves a partial draft, then submits only when every domain is graded, required text is filled and no involvement is confirmed', async () => {
    const draft = await postForm(health, path('Case A', healthId), { [riskGrade]: 'good', [riskStrengths]: 'Early help referral made promptly', intent: 'draft', version: '0' })
    expect(draft.status).to.equal(302)
    let grading = (await AuditGrading.findOne({ where: { caseId: fixture.cases['Case A'].id, organisationId: healthId } }))!
    expect(grading.submittedAt).to.equal(null)
    expect(grading.version).to.equal(1)
    expect(grading.domains).to.deep.equal({ 'recognition-of-risk': { grade: 'good', strengths: 'Early help referral made promptly' } })
    const page = await health.get(path('Case A', healthId))
    expect(page.text).to.contain('Early help referral made promptly')
    expect(page.text).to.match(new RegExp(`name="${riskGrade}" type="radio" value="good" checked`))

    const incomplete = await postForm(health, path('Case A', healthId), { [riskGrade]: 'good', [riskStrengths]: 'Early help referral made promptly, kept', intent: 'submit', version: '1' })
    expect(incomplete.status).to.equal(400)
    expect(incomplete.text).to.contain('There is a problem')
    expect(incomplete.text).to.contain('Enter the areas for development for Recognition of risk')
    expect(incomplete.text).to.contain('Choose a grade for Assessment')
    expect(incomplete.text).to.contain('Confirm that you had no direct involvement in this case')
    expect(incomplete.text).to.contain('Early help referral made promptly, kept')

    const unconfirmed = await postForm(health, path('Case A', healthId), { ...gradingForm(fixture.tool, 'good'), noDirectInvolvement: '', version: '1' })
    expect(unconfirmed.status).to.equal(400)
    expect(textOf(unconfirmed.text)).to.contain('Confirm that you had no direct involvement in this case')
    expect((await grading.reload()).submittedAt).to.equal(null)

    const submitted = await postForm(health, path('Case A', healthId), { ...gradingForm(fixture.tool, 'good'), version: '1' })
    expect(submitted.status).to.equal(302)
    grading = await grading.reload()
    expect(grading.submittedAt).to.be.instanceOf(Date)
    expect(grading.noDirectInvolvement).to.equal(true)
    expect(grading.auditorId).to.be.a('number')
    expect(Object.keys(grading.domains)).to.have.length(fixture.tool.domains.length)
    const events = await AuditEvent.findAll({ where: { entityType: 'audit_grading', entityId: String(grading.id) }, order: [['id', 'ASC']] })
    expect(events.map((event) => event.action)).to.deep.equal(['audit_grading.saved', 'audit_grading.submitted'])
    expect(events[1].before).to.deep.include({ status: 'draft' })
    expect(events[1].after).to.deep.include({ status: 'submitted', noDirectInvolvement: true })

    // Once submitted it is read-only for the auditor, and a save sent anyway is refused.
    const readOnly = await health.get(path('Case A', healthId))
    expect(readOnly.text).not.to.contain('Save as draft')
    const late = await postForm(health, path('Case A', healthId), { ...gradingForm(fixture.tool, 'inadequate'), version: String(grading.version) })
    expect(late.status).to.equal(400)
    expect(late.text).to.contain('a facilitator can reopen it if it needs to change')
    expect((await grading.reload()).domains['assessment'].grade).to.equal('good')
  })

  it('refuses a grade not on the tool’s scale and text over its length, keeping what was typed', async () => {
    const offScale = await postForm(police, path('Case A', policeId), { ...gradingForm(fixture.tool, 'good'), [riskGrade]: 'excellent', [riskStrengths]: 'Kept as typed', version: '0' })
    expect(offScale.status).to.equal(400)
    expect(offScale.text).to.contain('Choose a grade for Recognition of risk from the tool’s scale (Outstanding, Good, Requires improvement, Inadequate)')
    expect(offScale.text).to.contain('Kept as typed')
    const asDraft = await postForm(police, path('Case A', policeId), { [riskGrade]: 'excellent', intent: 'draft', version: '0' })
    expect(asDraft.status).to.equal(400)
    const tooLong = await postForm(police, path('Case A', policeId), { [riskStrengths]: 'x'.repeat(2001), intent: 'draft', version: '0' })
    expect(tooLong.status).to.equal(400)
    expect(tooLong.text).to.contain('Strengths for Recognition of risk must be 2,000 characters or fewer')
    expect(await AuditGrading.count({ where: { caseId: fixture.cases['Case A'].id, organisationId: policeId } })).to.equal(0)
  })

  it('refuses (403, no grading written) an auditor grading for an agency they are not assigned to, and says when an agency is not involved in a case', async () => {
    const wrongAgency = await postForm(health, path('Case A', policeId), { ...gradingForm(fixture.tool, 'good'), version: '0' })
    expect(wrongAgency.status).to.equal(403)
    expect(wrongAgency.text).to.contain('You do not have access to this page')
    expect((await health.get(path('Case A', policeId))).status).to.equal(403)
    expect(await AuditGrading.count({ where: { caseId: fixture.cases['Case A'].id, organisationId: policeId } })).to.equal(0)

    // Health is not involved in Case B: nothing to grade, and the page says why.
    const notInvolved = await postForm(health, path('Case B', healthId), { ...gradingForm(fixture.tool, 'good'), version: '0' })
    expect(notInvolved.status).to.equal(404)
    expect(textOf(notInvolved.text)).to.contain('Riverside University Hospitals NHS Trust is not involved in Case B')
    expect(await AuditGrading.count({ where: { caseId: fixture.cases['Case B'].id } })).to.equal(0)

    // Someone who is not in the round at all, and people of organisations outside it.
    const other = await auditRoundFixture({ title: 'Another round', auditors: [['auditor.health@riverside.test', HEALTH]], cases: { 'Case Z': [HEALTH] } })
    expect((await police.get(`/audits/${other.round.id}/grading`)).status).to.equal(403)
    expect((await postForm(police, path('Case Z', healthId, other), { ...gradingForm(other.tool, 'good'), version: '0' })).status).to.equal(403)
    const schoolLead = await signedInAgent('lead@school.riverside.test')
    expect((await schoolLead.get(path('Case A', healthId))).status).to.equal(403)
    // A case of another round under this round's id is not found.
    expect((await health.get(`/audits/${fixture.round.id}/cases/${other.cases['Case Z'].id}/grading/${healthId}`)).status).to.equal(404)
  })

  it('tells an auditor when a colleague saved the same grading first, keeping what they typed and showing the colleague’s grades', async () => {
    const round = await auditRoundFixture({
      title: 'Two police auditors',
      auditors: [
        ['lead@police.riverside.test', POLICE],
        ['auditor.socialcare@riverside.test', POLICE],
      ],
      cases: { 'Case C': [POLICE] },
    })
    const colleague = await signedInAgent('auditor.socialcare@riverside.test')
    expect((await postForm(colleague, path('Case C', policeId, round), { [riskGrade]: 'inadequate', intent: 'draft', version: '0' })).status).to.equal(302)
    const stale = await postForm(police, path('Case C', policeId, round), { [riskGrade]: 'good', [riskStrengths]: 'My own reading of the file', intent: 'draft', version: '0' })
    expect(stale.status).to.equal(409)
    const text = textOf(stale.text)
    expect(text).to.contain('Dana Kowalski saved this grading at')
    expect(text).to.contain('Nothing you typed has been saved or lost')
    expect(text).to.contain('Saved by the other person: grade Inadequate')
    expect(stale.text).to.contain('My own reading of the file')
    expect(stale.text).to.contain('name="version" value="1"')
    const grading = (await AuditGrading.findOne({ where: { caseId: round.cases['Case C'].id } }))!
    expect(grading.domains['recognition-of-risk']).to.deep.equal({ grade: 'inadequate' })
    expect((await postForm(police, path('Case C', policeId, round), { [riskGrade]: 'good', intent: 'draft', version: '1' })).status).to.equal(302)
    expect((await grading.reload()).domains['recognition-of-risk']).to.deep.equal({ grade: 'good' })
  })

  it('shows facilitators and the QA sub-group who has and has not submitted; only a facilitator reopens a submitted grading', async () => {
    const page = await facilitator.get(`/audits/${fixture.round.id}/submissions`)
    expect(page.status).to.equal(200)
    const text = textOf(page.text)
    expect(text).to.match(/Riverside University Hospitals NHS Trust : Case A Submitted .* Priya Shah/)
    expect(text).to.contain('Riverside and Millbrook Police : Case A Not started Assigned: Chris Patel')
    expect(text).to.contain('Riverside Borough Council Children’s Services : Case B Not started Assigned: Dana Kowalski')
    expect(text).to.match(/1 of 5 agency gradings submitted/)
    expect((await qa.get(`/audits/${fixture.round.id}/submissions`)).status).to.equal(200)
    for (const agent of [health, admin]) expect((await agent.get(`/audits/${fixture.round.id}/submissions`)).status).to.equal(403)

    // The QA sub-group and facilitators read any agency's grading; only facilitators see the reopen button.
    expect(textOf((await qa.get(path('Case A', healthId))).text)).to.contain('Recognition of risk Grade Good')
    expect((await qa.get(path('Case A', healthId))).text).not.to.contain('/reopen')
    expect((await facilitator.get(path('Case A', healthId))).text).to.contain('/reopen')
    expect((await postForm(qa, `${path('Case A', healthId)}/reopen`)).status).to.equal(403)
    expect((await postForm(health, `${path('Case A', healthId)}/reopen`)).status).to.equal(403)

    const reopened = await postForm(facilitator, `${path('Case A', healthId)}/reopen`)
    expect(reopened.status).to.equal(302)
    const grading = (await AuditGrading.findOne({ where: { caseId: fixture.cases['Case A'].id, organisationId: healthId } }))!
    expect(grading.submittedAt).to.equal(null)
    const event = (await AuditEvent.findOne({ where: { action: 'audit_grading.reopened', entityId: String(grading.id) } }))!
    expect(event.before).to.deep.include({ status: 'submitted' })
    expect(event.after).to.deep.include({ status: 'draft' })
    expect(textOf((await facilitator.get(`/audits/${fixture.round.id}/submissions`)).text)).to.contain('Riverside University Hospitals NHS Trust : Case A Draft')
    // The auditor can change it again, and submit it again.
    expect((await postForm(health, path('Case A', healthId), { ...gradingForm(fixture.tool, 'good'), version: String(grading.version) })).status).to.equal(302)
    expect((await grading.reload()).submittedAt).to.be.instanceOf(Date)
  })

  it('refuses changes once the round is closed, and requires the CSRF token', async () => {
    const round = await auditRoundFixture({ title: 'Closed grading round', auditors: [['auditor.socialcare@riverside.test', SOCIAL_CARE]], cases: { 'Case D': [SOCIAL_CARE] } })
    const socialCare = await signedInAgent('auditor.socialcare@riverside.test')
    const withoutToken = await socialCare.post(path('Case D', socialCareId, round)).type('form').send({ ...gradingForm(round.tool, 'good'), version: '0' })
    expect(withoutToken.status).to.equal(403)
    expect(withoutToken.text).to.contain('This form has expired')
    await AuditRound.update({ status: 'closed', closedAt: new Date() }, { where: { id: round.round.id } })
    const page = await socialCare.get(path('Case D', socialCareId, round))
    expect(page.text).to.contain('The round is closed: gradings can no longer change')
    const refused = await postForm(socialCare, path('Case D', socialCareId, round), { ...gradingForm(round.tool, 'good'), version: '0' })
    expect(refused.status).to.equal(400)
    expect(refused.text).to.contain('This audit round is closed: gradings can no longer change')
    expect(await AuditGrading.count({ where: { caseId: round.cases['Case D'].id } })).to.equal(0)
    expect(await Organisation.count({ where: { id: socialCareId } })).to.equal(1)
  })
})
