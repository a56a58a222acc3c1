import { expect } from 'chai'
import { caseActions } from '../../server/actions/caseActions'
import { AuditCaseAgreement, AuditDipSample, AuditEvent, AuditGrading, AuditRound, Partnership, Theme, User } from '../../server/db/models'
import { addMonths, dipSampleSummary } from '../../server/audits/workshop/dipSamples'
import { todayInEngland } from '../../server/forms/dates'
import { Agent, postForm, signedInAgent } from '../helpers/agents'
import { auditRoundFixture, HEALTH, POLICE, RoundFixture, SOCIAL_CARE } from '../helpers/auditRoundFixture'

const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, '’').replace(/&quot;/g, '"').replace(/\s+/g, ' ')
const dateFields = (name: string, iso: string) => {
  const [year, month, day] = iso.split('-')
  return { [`${name}-day`]: String(Number(day)), [`${name}-month`]: String(Number(month)), [`${name}-year`]: year }
}

/** Every domain of the tool at `grade`, with `overrides` by domain key. */
const domains = (round: RoundFixture, grade: string, overrides: Record<string, string> = {}) =>
  Object.fromEntries(round.tool.domains.map((domain) => [domain.key, { grade: overrides[domain.key] ?? grade, strengths: `Strength in ${domain.title}`, 'areas-for-development': `Develop ${domain.title}` }]))

describe('case audit workshops', () => {
  let jordan: Agent
  let alex: Agent
  let qa: Agent
  let health: Agent
  let fixture: RoundFixture
  let partnershipId: number
  const today = todayInEngland()

  const workshopPath = (reference = 'Case A', round = fixture) => `/audits/${round.round.id}/cases/${round.cases[reference].id}/workshop`
  const dipSamplePath = (reference: string, round: RoundFixture) => `/audits/${round.round.id}/cases/${round.cases[reference].id}/dip-sample`
  const agreed = (overrides: Record<string, string | string[]> = {}) => ({
    'agreed__recognition-of-risk': 'requires-improvement',
    agreed__assessment: 'good',
    overallGrade: 'requires-improvement',
    strengths: 'Health visitor noticed the home conditions early',
    areasForImprovement: 'Police did not share the callout with children’s social care',
    escalated: 'no',
    version: '0',
    ...overrides,
  })

  /** A round whose case has three agencies: police and health submitted (they disagree on recognition of risk), social care still a draft. */
  async function gradedRound(title: string, workshopOn = '2026-03-10'): Promise<RoundFixture> {
    const round = await auditRoundFixture({
      title,
      workshopOn,
      facilitators: ['auditor@riverside.test', 'admin@riverside.test'],
      auditors: [
        ['auditor.health@riverside.test', HEALTH],
        ['lead@police.riverside.test', POLICE],
        ['auditor.socialcare@riverside.test', SOCIAL_CARE],
      ],
      cases: { 'Case A': [POLICE, HEALTH, SOCIAL_CARE] },
    })
    const caseId = round.cases['Case A'].id
    const grading = (organisation: string, entries: ReturnType<typeof domains>, submitted: boolean) =>
      AuditGrading.create({ caseId, organisationId: round.organisations[organisation].id, auditorId: null, domains: entries, noDirectInvolvement: submitted, submittedAt: submitted ? new Date() : null })
    await grading(POLICE, domains(round, 'good', { 'recognition-of-risk': 'inadequate' }), true)
    await grading(HEALTH, domains(round, 'good'), true)
    await grading(SOCIAL_CARE, domains(round, 'outstanding'), false)
    return round
  }

  before(async () => {
    partnershipId = (await Partnership.findOne({ where: { slug: 'riverside' } }))!.id
    fixture = await gradedRound('Workshop round')
    jordan = await signedInAgent('auditor@riverside.test')
    alex = await signedInAgent('admin@riverside.test')
    qa = await signedInAgent('qa@riverside.test')
    health = await signedInAgent('auditor.health@riverside.test')
  })

  it('shows the submitted gradings side by side per domain, marks disagreements in words, and records the view', async () => {
    const page = await jordan.get(workshopPath())
    expect(page.status).to.equal(200)
    const text = textOf(page.text)
    expect(text).to.contain('Workshop: Case A')
    expect(text).to.contain('1 of 9 domains with agencies’ grades that differ')
    expect(text).to.contain('Recognition of risk Agencies disagree')
    expect(text).to.contain('Grades differ: Inadequate (Riverside and Millbrook Police); Good (Riverside University Hospitals NHS Trust)')
    expect(text).to.contain('Assessment Agencies agree')
    expect(text).to.contain('Strength in Recognition of risk')
    // Social care's draft is not shown: its Outstanding grades are nowhere in the comparison.
    expect(text).to.contain('Riverside Borough Council Children’s Services: draft')
    // Columns by agency name: police, social care (draft, so not shown), health.
    expect(text).to.contain('Riverside and Millbrook Police Riverside Borough Council Children’s Services Riverside University Hospitals NHS Trust Grade Inadequate Not submitted Good')
    expect(text).not.to.contain('Outstanding Strength')
    expect(text).to.contain('Agencies disagree: Inadequate (Riverside and Millbrook Police); Good (Riverside University Hospitals NHS Trust)')
    const viewed = await AuditEvent.findOne({ where: { action: 'audit_case.viewed', entityId: String(fixture.cases['Case A'].id) }, order: [['id', 'DESC']] })
    expect(viewed?.after).to.deep.include({ page: 'workshop' })
  })

  it('records agreed grades, findings, themes (growing the list), escalation and actions without touching the agency gradings', async () => {
    // Names no demo theme has: the demo partnership has its own list.
    const existing = await Theme.create({ partnershipId, name: 'Workshop test: infant neglect' })
    const themesBefore = await Theme.count({ where: { partnershipId } })
    const gradingsBefore = (await AuditGrading.findAll({ where: { caseId: fixture.cases['Case A'].id }, order: [['id', 'ASC']] })).map((grading) => grading.toJSON())
    const owner = fixture.organisations[POLICE].id
    const saved = await postForm(
      jordan,
      workshopPath(),
      agreed({
        themeIds: [String(existing.id)],
        newTheme: 'Workshop test: domestic abuse callouts',
        escalated: 'yes',
        escalationNote: 'Escalated to the MASH manager',
        'action-0-title': 'Share every domestic abuse callout with the MASH within 24 hours',
        'action-0-outcome': 'Children in homes with domestic abuse are seen by social care sooner',
        'action-0-owner-organisation': String(owner),
        'action-0-owner-name': 'Detective Inspector, Public Protection',
        ...dateFields('action-0-due', addMonths(today, 4)),
      }),
    )
    expect(saved.status).to.equal(302)
    const agreement = (await AuditCaseAgreement.findByPk(fixture.cases['Case A'].id))!
    expect(agreement.domainGrades).to.deep.equal({ 'recognition-of-risk': 'requires-improvement', assessment: 'good' })
    expect([agreement.overallGrade, agreement.escalated, agreement.escalationNote, agreement.version]).to.deep.equal(['requires-improvement', true, 'Escalated to the MASH manager', 1])
    const newTheme = (await Theme.findOne({ where: { partnershipId, name: 'Workshop test: domestic abuse callouts' } }))!
    expect(newTheme).to.not.equal(null)
    const actions = await caseActions(fixture.cases['Case A'].id)
    expect(actions.map((action) => [action.title, action.ownerOrganisationId, action.ownerName])).to.deep.equal([['Share every domestic abuse callout with the MASH within 24 hours', owner, 'Detective Inspector, Public Protection']])
    const gradingsAfter = (await AuditGrading.findAll({ where: { caseId: fixture.cases['Case A'].id }, order: [['id', 'ASC']] })).map((grading) => grading.toJSON())
    expect(gradingsAfter).to.deep.equal(gradingsBefore)

    const event = (await AuditEvent.findOne({ where: { action: 'audit_case.agreement_saved', entityId: String(fixture.cases['Case A'].id) } }))!
    expect(event.before).to.equal(null)
    expect(event.after).to.deep.include({ overallGrade: 'requires-improvement', themes: ['Workshop test: domestic abuse callouts', 'Workshop test: infant neglect'] })
    expect(await AuditEvent.count({ where: { action: 'theme.created', entityId: String(newTheme.id) } })).to.equal(1)

    // The saved record comes back in the form; the new theme is now a checkbox for every case.
    const page = await jordan.get(workshopPath())
    expect(page.text).to.contain('name="version" value="1"')
    expect(page.text).to.match(new RegExp(`name="themeIds" type="checkbox" value="${newTheme.id}" checked`))
    expect(page.text).to.contain('Share every domestic abuse callout with the MASH within 24 hours')
    expect(textOf(page.text)).to.contain('Last saved by Jordan Ellis')

    // Saving again with the theme typed in another case reuses it; emptying the action row removes it.
    const again = await postForm(jordan, workshopPath(), agreed({ version: '1', newTheme: 'workshop TEST: domestic abuse callouts' }))
    expect(again.status).to.equal(302)
    expect(await Theme.count({ where: { partnershipId } })).to.equal(themesBefore + 1)
    expect((await caseActions(fixture.cases['Case A'].id)).length).to.equal(0)
    const second = await AuditEvent.findAll({ where: { action: 'audit_case.agreement_saved', entityId: String(fixture.cases['Case A'].id) }, order: [['id', 'ASC']] })
    expect((second[1].before as { actions: unknown[] }).actions).to.have.length(1)
    expect(second[1].after).to.deep.include({ escalated: false, themes: ['Workshop test: domestic abuse callouts'] })
  })

  it('leaves an action that has gone live in the plan to the plan: changing or removing it here is refused, keeping what was typed', async () => {
    const owner = fixture.organisations[POLICE].id
    const row = {
      'action-0-title': 'Joint visits for every neglect strategy meeting',
      'action-0-outcome': 'Children on neglect plans are seen together by social care and health',
      'action-0-owner-organisation': String(owner),
      'action-0-owner-name': 'Detective Inspector, Public Protection',
      ...dateFields('action-0-due', addMonths(today, 4)),
    }
    const version = Number((await AuditCaseAgreement.findByPk(fixture.cases['Case A'].id))?.version ?? 0)
    expect((await postForm(jordan, workshopPath(), agreed({ version: String(version), ...row }))).status).to.equal(302)
    const [action] = await caseActions(fixture.cases['Case A'].id)
    await action.update({ status: 'on_track', deliverable: 'A joint visit protocol' })

    const renamed = await postForm(jordan, workshopPath(), agreed({ version: String(version + 1), ...row, 'action-0-id': String(action.id), 'action-0-title': 'Renamed in the workshop' }))
    expect(renamed.status).to.equal(400)
    expect(textOf(renamed.text)).to.contain('“Joint visits for every neglect strategy meeting” is already live in the action plan: change it there rather than here')
    expect(renamed.text).to.contain('value="Renamed in the workshop"')
    const removed = await postForm(jordan, workshopPath(), agreed({ version: String(version + 1) }))
    expect(removed.status).to.equal(400)
    expect(textOf(removed.text)).to.contain('is already live in the action plan')
    // Saved unchanged, it is kept as it is.
    expect((await postForm(jordan, workshopPath(), agreed({ version: String(version + 1), ...row, 'action-0-id': String(action.id) }))).status).to.equal(302)
    await action.reload()
    expect([action.title, action.status]).to.deep.equal(['Joint visits for every neglect strategy meeting', 'on_track'])
  })

  it('refuses an agreed grade without a finding, an off-scale grade, escalation without a note and actions that are incomplete or due in the past, keeping what was typed', async () => {
    const round = await gradedRound('Bad input round')
    const noFinding = await postForm(jordan, workshopPath('Case A', round), agreed({ strengths: '', areasForImprovement: '', newTheme: 'Typed theme kept' }))
    expect(noFinding.status).to.equal(400)
    expect(noFinding.text).to.contain('Enter the key findings behind the agreed grades: the strengths, the areas for improvement, or both')
    expect(noFinding.text).to.contain('value="Typed theme kept"')
    expect(noFinding.text).to.match(/<option value="requires-improvement" selected>/)

    const offScale = await postForm(jordan, workshopPath('Case A', round), agreed({ overallGrade: 'excellent', agreed__assessment: 'brilliant' }))
    expect(offScale.status).to.equal(400)
    expect(offScale.text).to.contain('Choose the agreed grade for Assessment from the tool’s scale (Outstanding, Good, Requires improvement, Inadequate), or not agreed yet')
    expect(offScale.text).to.contain('Choose the overall agreed grade from the tool’s scale')

    const badRows = await postForm(
      jordan,
      workshopPath('Case A', round),
      agreed({
        escalated: 'yes',
        escalationNote: '',
        'action-0-title': 'Train duty officers',
        ...dateFields('action-0-due', addMonths(today, -1)),
        'action-1-title': 'Audit again',
        'action-1-outcome': 'Fewer missed callouts',
        'action-1-owner-organisation': '999999',
        'action-1-owner-name': 'Someone',
        ...dateFields('action-1-due', addMonths(today, 1)),
      }),
    )
    expect(badRows.status).to.equal(400)
    const text = textOf(badRows.text)
    expect(text).to.contain('Say what the concern is and who it was escalated to')
    expect(text).to.contain('Enter what will be different for children because of action 1')
    expect(text).to.contain('Enter the named owner of action 1')
    expect(text).to.contain('The due date for action 1 must be today or in the future')
    expect(text).to.contain('Choose the agency that owns action 2')
    expect(badRows.text).to.contain('value="Train duty officers"')
    expect(await AuditCaseAgreement.count({ where: { caseId: round.cases['Case A'].id } })).to.equal(0)
    expect((await caseActions(round.cases['Case A'].id)).length).to.equal(0)
    // Finding-only records (no grade yet) are fine.
    expect((await postForm(jordan, workshopPath('Case A', round), { strengths: 'Good information sharing at the strategy meeting', escalated: 'no', version: '0' })).status).to.equal(302)
  })

  it('refuses a save over another facilitator’s newer record, showing their grades and keeping what this facilitator typed', async () => {
    const round = await gradedRound('Two facilitators round')
    // Both open the form at version 0; Alex saves first.
    expect((await jordan.get(workshopPath('Case A', round))).text).to.contain('name="version" value="0"')
    expect((await postForm(alex, workshopPath('Case A', round), agreed({ overallGrade: 'inadequate', strengths: 'Alex’s findings' }))).status).to.equal(302)
    const stale = await postForm(jordan, workshopPath('Case A', round), agreed({ overallGrade: 'good', 'agreed__recognition-of-risk': 'good', strengths: 'Jordan’s own findings' }))
    expect(stale.status).to.equal(409)
    const text = textOf(stale.text)
    expect(text).to.contain('Alex Morgan saved the workshop record for this case at')
    expect(text).to.contain('Nothing you typed has been saved or lost')
    expect(text).to.contain('Saved by Alex Morgan Recognition of risk Requires improvement')
    expect(text).to.contain('Overall Inadequate Strengths Alex’s findings')
    expect(stale.text).to.contain('Jordan’s own findings')
    expect(stale.text).to.match(/id="overallGrade-2" name="overallGrade" type="radio" value="good" checked/)
    expect(stale.text).to.contain('name="version" value="1"')
    const agreement = (await AuditCaseAgreement.findByPk(round.cases['Case A'].id))!
    expect([agreement.overallGrade, agreement.strengths, agreement.version]).to.deep.equal(['inadequate', 'Alex’s findings', 1])
    expect(await AuditEvent.count({ where: { action: 'audit_case.agreement_saved', entityId: String(round.cases['Case A'].id) } })).to.equal(1)
    // Having seen Alex's record, Jordan saves over it knowingly.
    expect((await postForm(jordan, workshopPath('Case A', round), agreed({ overallGrade: 'good', strengths: 'Merged findings', version: '1' }))).status).to.equal(302)
    expect((await agreement.reload()).strengths).to.equal('Merged findings')
  })

  it('lets exactly one of two simultaneous first saves win; the other is told', async () => {
    const round = await gradedRound('Simultaneous round')
    const [first, second] = await Promise.all([
      postForm(jordan, workshopPath('Case A', round), agreed({ strengths: 'Jordan at the same moment' })),
      postForm(alex, workshopPath('Case A', round), agreed({ strengths: 'Alex at the same moment' })),
    ])
    expect([first.status, second.status].sort()).to.deep.equal([302, 409])
    const agreement = (await AuditCaseAgreement.findByPk(round.cases['Case A'].id))!
    expect(agreement.version).to.equal(1)
    expect(agreement.strengths).to.equal(first.status === 302 ? 'Jordan at the same moment' : 'Alex at the same moment')
    expect(await AuditEvent.count({ where: { action: 'audit_case.agreement_saved', entityId: String(round.cases['Case A'].id) } })).to.equal(1)
    expect(await AuditDipSample.count({ where: { caseId: round.cases['Case A'].id } })).to.equal(1)
  })

  it('tells a facilitator whose new theme someone else added a moment before, keeping what they typed', async () => {
    const round = await gradedRound('Theme race round')
    // As if the other facilitator's theme landed between this save reading the list and adding to it:
    // the same name is inserted twice, and the unique index refuses the second.
    const original = Theme.create
    const create = Theme.create.bind(Theme)
    Theme.create = (async (values: { partnershipId: number; name: string }, options?: { transaction?: unknown }) => {
      await create({ ...values }, options as never)
      return create(values, options as never)
    }) as unknown as typeof Theme.create
    try {
      const response = await postForm(jordan, workshopPath('Case A', round), agreed({ newTheme: 'Workshop test: racing theme', strengths: 'Kept when refused' }))
      expect(response.status).to.equal(400)
      expect(textOf(response.text)).to.contain('The theme “Workshop test: racing theme” was added by someone else a moment ago: save again to use it')
      expect(response.text).to.contain('Kept when refused')
    } finally {
      Theme.create = original
    }
    expect(await AuditCaseAgreement.findByPk(round.cases['Case A'].id)).to.equal(null)
    const again = await postForm(jordan, workshopPath('Case A', round), agreed({ newTheme: 'Workshop test: racing theme' }))
    expect(again.status).to.equal(302)
  })

  it('schedules a dip sample exactly three months after the workshop for a grade that needs one, and removes it when the grade no longer does', async () => {
    const round = await gradedRound('Dip sample round', '2026-03-10')
    const caseId = round.cases['Case A'].id
    expect((await postForm(jordan, workshopPath('Case A', round), agreed({ overallGrade: 'requires-improvement' }))).status).to.equal(302)
    let sample = (await AuditDipSample.findByPk(caseId))!
    expect(sample.dueOn).to.equal('2026-06-10')
    expect(sample.result).to.equal(null)
    const scheduled = (await AuditEvent.findOne({ where: { action: 'audit_dip_sample.scheduled', entityId: String(caseId) } }))!
    expect(scheduled.after).to.deep.include({ dueOn: '2026-06-10', overallGrade: 'requires-improvement' })
    expect(textOf((await jordan.get(workshopPath('Case A', round))).text)).to.contain('A dip sample of this case is due on 10 June 2026')

    expect((await postForm(jordan, workshopPath('Case A', round), agreed({ overallGrade: 'good', version: '1' }))).status).to.equal(302)
    expect(await AuditDipSample.findByPk(caseId)).to.equal(null)
    expect(await AuditEvent.count({ where: { action: 'audit_dip_sample.cancelled', entityId: String(caseId) } })).to.equal(1)

    expect((await postForm(jordan, workshopPath('Case A', round), agreed({ overallGrade: 'inadequate', version: '2' }))).status).to.equal(302)
    sample = (await AuditDipSample.findByPk(caseId))!
    expect(sample.dueOn).to.equal('2026-06-10')

    // Once due, a facilitator records the result; a later grade change keeps a recorded dip sample.
    const form = await jordan.get(dipSamplePath('Case A', round))
    expect(form.status).to.equal(200)
    expect(form.text).to.contain('Has the case improved since the workshop?')
    const missing = await postForm(jordan, dipSamplePath('Case A', round), { result: 'sideways' })
    expect(missing.status).to.equal(400)
    expect(missing.text).to.contain('Choose whether the case has improved')
    expect(missing.text).to.contain('Enter what the dip sample found')
    expect((await postForm(qa, dipSamplePath('Case A', round), { result: 'improved', notes: 'Not theirs to record' })).status).to.equal(403)
    expect((await postForm(jordan, dipSamplePath('Case A', round), { result: 'improved', notes: 'Callouts now shared the same day' })).status).to.equal(302)
    sample = await sample.reload()
    expect([sample.result, sample.notes, sample.recordedAt instanceof Date]).to.deep.equal(['improved', 'Callouts now shared the same day', true])
    const recorded = (await AuditEvent.findOne({ where: { action: 'audit_dip_sample.recorded', entityId: String(caseId) } }))!
    expect(recorded.before).to.deep.include({ result: null })
    expect(recorded.after).to.deep.include({ result: 'improved' })
    expect((await postForm(jordan, workshopPath('Case A', round), agreed({ overallGrade: 'good', version: '3' }))).status).to.equal(302)
    expect((await AuditDipSample.findByPk(caseId))?.result).to.equal('improved')

    expect(await dipSampleSummary(round.round.id, today)).to.deep.equal({ scheduled: 1, due: 1, recorded: 1, improved: 1, percentImproved: 100 })
  })

  it('refuses a dip sample result before it is due, and counts it as scheduled but not due', async () => {
    const workshopOn = addMonths(today, -1)
    const round = await gradedRound('Early dip sample round', workshopOn)
    expect((await postForm(jordan, workshopPath('Case A', round), agreed({ overallGrade: 'inadequate' }))).status).to.equal(302)
    const dueOn = addMonths(workshopOn, 3)
    expect((await AuditDipSample.findByPk(round.cases['Case A'].id))!.dueOn).to.equal(dueOn)
    const page = await jordan.get(dipSamplePath('Case A', round))
    expect(page.text).to.contain('The result can be recorded from')
    expect(page.text).not.to.contain('Has the case improved since the workshop?')
    const early = await postForm(jordan, dipSamplePath('Case A', round), { result: 'improved', notes: 'Too soon' })
    expect(early.status).to.equal(400)
    expect(early.text).to.contain('record its result from that day')
    expect((await AuditDipSample.findByPk(round.cases['Case A'].id))!.result).to.equal(null)
    expect(await dipSampleSummary(round.round.id, today)).to.deep.equal({ scheduled: 1, due: 0, recorded: 0, improved: 0, percentImproved: null })
    // A case with no dip sample has no dip sample page.
    const noSample = await gradedRound('No dip sample round')
    expect((await jordan.get(dipSamplePath('Case A', noSample))).status).to.equal(404)
  })

  it('lets the QA sub-group read the workshop record but not record it; auditors and others are refused', async () => {
    const page = await qa.get(workshopPath())
    expect(page.status).to.equal(200)
    expect(page.text).not.to.contain('Save the workshop record')
    expect(textOf(page.text)).to.contain('Overall Requires improvement')
    const refused = await postForm(qa, workshopPath(), agreed({ version: '2', strengths: 'QA edit' }))
    expect(refused.status).to.equal(403)
    expect((await AuditCaseAgreement.findByPk(fixture.cases['Case A'].id))!.strengths).not.to.equal('QA edit')
    for (const agent of [health, await signedInAgent('lead@school.riverside.test')]) {
      expect((await agent.get(workshopPath())).status).to.equal(403)
      expect((await postForm(agent, workshopPath(), agreed({ version: '2' }))).status).to.equal(403)
      expect((await postForm(agent, `/audits/${fixture.round.id}/close`, { reason: 'Not mine' })).status).to.equal(403)
    }
    expect((await jordan.post(workshopPath()).type('form').send(agreed({ version: '2' }))).status).to.equal(403)
  })

  it('closes a round only with a reason while gradings are missing, then refuses workshop changes but still takes dip sample results', async () => {
    const round = await gradedRound('Closing round', '2026-03-10')
    expect((await postForm(jordan, workshopPath('Case A', round), agreed({ overallGrade: 'inadequate' }))).status).to.equal(302)
    const form = await jordan.get(`/audits/${round.round.id}/close`)
    expect(form.status).to.equal(200)
    expect(textOf(form.text)).to.contain('Case A: Riverside Borough Council Children’s Services (draft)')
    expect(form.text).to.contain('Why close the round with gradings missing?')

    const withoutReason = await postForm(jordan, `/audits/${round.round.id}/close`, { reason: '  ' })
    expect(withoutReason.status).to.equal(400)
    expect(withoutReason.text).to.contain('Give a reason for closing the round while 1 agency grading is not submitted')
    expect(textOf(withoutReason.text)).to.contain('Case A: Riverside Borough Council Children’s Services (draft)')
    expect((await round.round.reload()).status).to.equal('open')

    const closed = await postForm(jordan, `/audits/${round.round.id}/close`, { reason: 'Social care auditor on long-term leave; discussed at the workshop' })
    expect(closed.status).to.equal(302)
    await round.round.reload()
    const jordanUser = (await User.findOne({ where: { email: 'auditor@riverside.test' } }))!
    expect([round.round.status, round.round.closedById, round.round.closedReason]).to.deep.equal(['closed', jordanUser.id, 'Social care auditor on long-term leave; discussed at the workshop'])
    expect(round.round.closedAt).to.be.instanceOf(Date)
    const event = (await AuditEvent.findOne({ where: { action: 'audit_round.closed', entityId: String(round.round.id) } }))!
    expect(event.before).to.deep.include({ status: 'open' })
    expect(event.after).to.deep.include({ status: 'closed', closedReason: 'Social care auditor on long-term leave; discussed at the workshop' })
    expect((event.after as { notSubmitted: unknown[] }).notSubmitted).to.have.length(1)

    const again = await postForm(jordan, `/audits/${round.round.id}/close`, { reason: 'Again' })
    expect(again.status).to.equal(400)
    expect((await jordan.get(workshopPath('Case A', round))).text).not.to.contain('Save the workshop record')
    const late = await postForm(jordan, workshopPath('Case A', round), agreed({ version: '1', overallGrade: 'good' }))
    expect(late.status).to.equal(400)
    expect(late.text).to.contain('This audit round is closed: the workshop record can no longer change')
    expect((await AuditCaseAgreement.findByPk(round.cases['Case A'].id))!.overallGrade).to.equal('inadequate')
    expect((await postForm(jordan, dipSamplePath('Case A', round), { result: 'not_improved', notes: 'Still no callouts shared' })).status).to.equal(302)
    expect(await dipSampleSummary(round.round.id, today)).to.deep.include({ recorded: 1, improved: 0, percentImproved: 0 })
  })

  it('closes a round with every grading submitted without asking for a reason', async () => {
    const round = await auditRoundFixture({ title: 'Complete round', facilitators: ['auditor@riverside.test'], auditors: [['auditor.health@riverside.test', HEALTH]], cases: { 'Case A': [HEALTH] } })
    await AuditGrading.create({ caseId: round.cases['Case A'].id, organisationId: round.organisations[HEALTH].id, auditorId: null, domains: domains(round, 'good'), noDirectInvolvement: true, submittedAt: new Date() })
    expect(textOf((await jordan.get(`/audits/${round.round.id}/close`)).text)).to.contain('Every involved agency has submitted its grading of each case')
    expect((await postForm(jordan, `/audits/${round.round.id}/close`, {})).status).to.equal(302)
    const closed = (await AuditRound.findByPk(round.round.id))!
    expect([closed.status, closed.closedReason]).to.deep.equal(['closed', null])
  })
})
