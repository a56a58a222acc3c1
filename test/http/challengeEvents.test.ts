import { expect } from 'chai'
import { Op } from 'sequelize'
import { hashPassword } from '../../server/auth/password'
import {
  Action,
  ActionSource,
  AuditEvent,
  Challenge,
  ChallengeEvent,
  ChallengeEventAction,
  ChallengeEventChallenge,
  ChallengeEventMember,
  ChallengeEventOutcome,
  CycleReturn,
  Membership,
  Organisation,
  OutboxEmail,
  Partnership,
  User,
} from '../../server/db/models'
import { todayInEngland } from '../../server/forms/dates'
import { Agent, postForm, signedInAgent } from '../helpers/agents'
import { submittedPoliceReturn } from '../helpers/policeReturn'

const DAY = 86_400_000
const isoDaysFromToday = (days: number) => todayInEngland(new Date(Date.now() + days * DAY))
const dateFields = (name: string, iso: string) => {
  const [year, month, day] = iso.split('-')
  return { [`${name}-day`]: String(Number(day)), [`${name}-month`]: String(Number(month)), [`${name}-year`]: year }
}
/** The text of a page without its markup, to match sentences across elements. */
const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, '’').replace(/\s+/g, ' ')

describe('challenge events (peer review panels)', () => {
  let qa: Agent
  let police: Agent
  let policeOrganisation: Organisation
  let churchId: number
  let returnId: number
  let cycleId: number
  let qaUser: User
  let adminUser: User
  let policeLead: User

  /** A valid scheduling form, with `overrides` on top. */
  const eventForm = (overrides: Record<string, string | string[]> = {}) => ({
    cycleId: String(cycleId),
    title: 'Panel 1: statutory partners',
    ...dateFields('heldOn', isoDaysFromToday(-14)),
    memberIds: [String(qaUser.id), String(adminUser.id)],
    organisationIds: [String(policeOrganisation.id)],
    standardKeys: ['S11-1', 'S11-2'],
    notes: 'Read the police return beforehand',
    ...overrides,
  })

  const schedule = async (overrides: Record<string, string | string[]> = {}) => {
    const response = await postForm(qa, '/challenge-events/new', eventForm(overrides))
    expect(response.status, response.text.slice(0, 2000)).to.equal(302)
    return Number(response.headers.location.split('/').pop())
  }

  const outcomePath = (eventId: number) => `/challenge-events/${eventId}/organisations/${policeOrganisation.id}/outcome`

  before(async () => {
    qa = await signedInAgent('qa@riverside.test')
    police = await signedInAgent('lead@police.riverside.test')
    policeOrganisation = (await Organisation.findOne({ where: { name: 'Riverside and Millbrook Police' } }))!
    churchId = (await Organisation.findOne({ where: { name: 'St Mark’s Parish Church' } }))!.id
    qaUser = (await User.findOne({ where: { email: 'qa@riverside.test' } }))!
    adminUser = (await User.findOne({ where: { email: 'admin@riverside.test' } }))!
    policeLead = (await User.findOne({ where: { email: 'lead@police.riverside.test' } }))!
    returnId = await submittedPoliceReturn('Panels 2071', 2071, { questionAnswers: { 'S11-6.1-named-dsl': 'yes' } })
    cycleId = (await CycleReturn.findOne({ where: { returnId } }))!.cycleId
  })

  it('is linked from the review queue, and asks for the cycle before the rest of the form', async () => {
    expect((await qa.get('/reviews')).text).to.contain('href="/challenge-events"')
    const list = await qa.get('/challenge-events')
    expect(list.status).to.equal(200)
    expect(list.text).to.contain('Schedule a challenge event')
    const choose = await qa.get('/challenge-events/new')
    expect(choose.status).to.equal(200)
    expect(choose.text).to.contain('Which cycle will the panel discuss?')
    expect(choose.text).to.contain(`value="${cycleId}"`)
    const noCycle = await qa.get('/challenge-events/new?cycleId=')
    expect(noCycle.status).to.equal(400)
    expect(noCycle.text).to.contain('Choose the cycle the panel will discuss')

    const form = await qa.get(`/challenge-events/new?cycleId=${cycleId}`)
    expect(form.status).to.equal(200)
    expect(form.text).to.contain(`value="${policeOrganisation.id}"`)
    expect(form.text).not.to.contain(`value="${churchId}"`)
    expect(form.text).to.contain('S11-1 Leadership and accountability')
    expect(form.text).to.contain('Sam Okafor')
    expect(form.text).not.to.contain('Chris Patel')
    expect(form.text).not.to.contain('Jordan Ellis')
  })

  it('refuses to schedule without a date, a panel member, an organisation or a standard, and keeps what was typed', async () => {
    const before = await ChallengeEvent.count()
    const empty = await postForm(qa, '/challenge-events/new', { cycleId: String(cycleId), title: 'Panel without anything', notes: 'Kept notes' })
    expect(empty.status).to.equal(400)
    for (const message of ['Enter the date of the event', 'Choose at least one panel member', 'Choose at least one organisation to discuss', 'Choose at least one standard to discuss']) {
      expect(empty.text).to.contain(message)
    }
    expect(empty.text).to.contain('There is a problem')
    expect(empty.text).to.contain('value="Panel without anything"')
    expect(empty.text).to.contain('Kept notes')

    const badDate = await postForm(qa, '/challenge-events/new', eventForm({ 'heldOn-day': '31', 'heldOn-month': '2', 'heldOn-year': '2026' }))
    expect(badDate.status).to.equal(400)
    expect(badDate.text).to.contain('The date of the event must be a real date')
    expect(badDate.text).to.contain(`value="${policeOrganisation.id}" checked`)

    const notInCycle = await postForm(qa, '/challenge-events/new', eventForm({ organisationIds: [String(churchId)] }))
    expect(notInCycle.status).to.equal(400)
    expect(notInCycle.text).to.contain('Choose organisations with a return in the cycle')
    const notOnPanel = await postForm(qa, '/challenge-events/new', eventForm({ memberIds: [String(policeLead.id)] }))
    expect(notOnPanel.text).to.contain('Choose panel members from the partnership’s admins and QA reviewers')
    const noSuchStandard = await postForm(qa, '/challenge-events/new', eventForm({ standardKeys: ['S11-99'] }))
    expect(noSuchStandard.text).to.contain('Choose standards of the cycle’s framework')
    expect(await ChallengeEvent.count()).to.equal(before)
  })

  it('schedules an event: shows it with each organisation’s outcome status, emails the panel and records an audit event', async () => {
    const since = new Date(Date.now() - 1000)
    const eventId = await schedule({ title: 'Panel 2: police deep dive' })
    const page = await qa.get(`/challenge-events/${eventId}`)
    expect(page.status).to.equal(200)
    const text = textOf(page.text)
    expect(text).to.contain('Panel 2: police deep dive')
    expect(text).to.contain('Alex Morgan')
    expect(text).to.contain('S11-2 Senior board-level lead for safeguarding')
    expect(text).to.contain('Riverside and Millbrook Police Not yet recorded')
    expect(text).to.contain('0 of 1 outcome recorded')
    expect(page.text).to.contain(`href="${outcomePath(eventId)}"`)

    const emails = await OutboxEmail.findAll({ where: { createdAt: { [Op.gte]: since }, subject: { [Op.like]: '%Panel 2: police deep dive' } } })
    expect(emails.map((email) => email.toAddress).sort()).to.deep.equal(['admin@riverside.test', 'qa@riverside.test'])
    expect(emails[0].body).to.contain(`/challenge-events/${eventId}`)
    const audit = (await AuditEvent.findOne({ where: { action: 'challenge_event.scheduled', entityId: String(eventId) } }))!
    expect(audit.after).to.deep.include({ title: 'Panel 2: police deep dive', organisationIds: [policeOrganisation.id], standardKeys: ['S11-1', 'S11-2'] })
    expect(textOf((await qa.get('/challenge-events')).text)).to.contain('Panel 2: police deep dive')
  })

  it('changes an event until its first outcome, with before and after in the audit trail', async () => {
    const eventId = await schedule({ memberIds: [String(qaUser.id)], title: 'Panel 3 draft' })
    const form = await qa.get(`/challenge-events/${eventId}/edit`)
    expect(form.status).to.equal(200)
    expect(form.text).to.contain('value="Panel 3 draft"')
    const invalid = await postForm(qa, `/challenge-events/${eventId}/edit`, eventForm({ title: 'Panel 3', standardKeys: [] }))
    expect(invalid.status).to.equal(400)
    expect(invalid.text).to.contain('Choose at least one standard to discuss')
    expect(invalid.text).to.contain('value="Panel 3"')

    const since = new Date(Date.now() - 1000)
    const changed = await postForm(qa, `/challenge-events/${eventId}/edit`, eventForm({ title: 'Panel 3', memberIds: [String(qaUser.id), String(adminUser.id)], standardKeys: ['S11-1'] }))
    expect(changed.status).to.equal(302)
    const event = (await ChallengeEvent.findByPk(eventId))!
    expect(event.title).to.equal('Panel 3')
    expect((await ChallengeEventMember.findAll({ where: { eventId } })).map((member) => member.userId).sort()).to.deep.equal([qaUser.id, adminUser.id].sort())
    const audit = (await AuditEvent.findOne({ where: { action: 'challenge_event.updated', entityId: String(eventId) } }))!
    expect(audit.before).to.deep.include({ title: 'Panel 3 draft', standardKeys: ['S11-1', 'S11-2'] })
    expect(audit.after).to.deep.include({ title: 'Panel 3', standardKeys: ['S11-1'] })
    // Only the member added hears about it.
    expect((await OutboxEmail.findAll({ where: { createdAt: { [Op.gte]: since }, subject: { [Op.like]: '%Panel 3' } } })).map((email) => email.toAddress)).to.deep.equal(['admin@riverside.test'])

    await postForm(qa, outcomePath(eventId), { 'score-S11-1': 'none', summary: 'Nothing to add' })
    const locked = await postForm(qa, `/challenge-events/${eventId}/edit`, eventForm({ title: 'Panel 3 renamed' }))
    expect(locked.status).to.equal(400)
    expect(locked.text).to.contain('Outcomes have been recorded for this event, so its details can no longer be changed')
    expect((await qa.get(`/challenge-events/${eventId}/edit`)).headers.location).to.equal(`/challenge-events/${eventId}`)
    expect((await event.reload()).title).to.equal('Panel 3')
  })

  it('refuses an outcome before the event, an agreed score off the scale, a missing summary and an action due before the event, keeping what was typed', async () => {
    const upcoming = await schedule({ title: 'Panel 4 upcoming', ...dateFields('heldOn', isoDaysFromToday(20)) })
    expect((await qa.get(outcomePath(upcoming))).text).to.contain('Outcomes can be recorded from that day')
    const early = await postForm(qa, outcomePath(upcoming), { 'score-S11-1': '2', summary: 'Too early' })
    expect(early.status).to.equal(400)
    expect(early.text).to.contain('Outcomes can be recorded from the day of the event')

    const eventId = await schedule({ title: 'Panel 4' })
    const offScale = await postForm(qa, outcomePath(eventId), {
      'score-S11-1': '7',
      'score-S11-2': '2',
      summary: '',
      'challenge-0-standard': 'S11-2',
      'challenge-0-question': 'Who chairs the safeguarding board?',
      'action-0-action': 'Audit supervision records',
      'action-0-owner': 'Head of Public Protection',
      ...dateFields('action-0-target', isoDaysFromToday(-30)),
    })
    expect(offScale.status).to.equal(400)
    expect(offScale.text).to.contain('Choose an agreed score for S11-1 from the scale, or no change')
    expect(offScale.text).to.contain('Enter a summary of the discussion')
    expect(offScale.text).to.contain('The target date for action 1 must be on or after the date of the event')
    expect(offScale.text).to.contain('Who chairs the safeguarding board?')
    expect(offScale.text).to.contain('Audit supervision records')
    expect(offScale.text).to.match(/<option value="2" selected>2 In place<\/option>/)
    const noOwner = await postForm(qa, outcomePath(eventId), { summary: 'Fine', 'action-0-action': 'Audit supervision records' })
    expect(noOwner.text).to.contain('Enter who owns action 1')
    expect(await ChallengeEventOutcome.count({ where: { eventId } })).to.equal(0)
    expect(await Challenge.count({ where: { returnId, question: { [Op.like]: '%Who chairs%' } } })).to.equal(0)
  })

  it('records an outcome: agreed scores, actions and a real challenge the organisation answers, shown on the organisation’s history', async () => {
    const since = new Date(Date.now() - 1000)
    const eventId = await schedule({ title: 'Panel 5' })
    const recorded = await postForm(qa, outcomePath(eventId), {
      'score-S11-1': '1',
      'score-S11-2': 'none',
      summary: 'The panel heard the board receives no annual safeguarding report.',
      'challenge-0-standard': 'S11-1',
      'challenge-0-question': 'When will the board next receive a safeguarding report?',
      'action-0-action': 'Present an annual safeguarding report to the board',
      'action-0-owner': 'Chief Superintendent',
      ...dateFields('action-0-target', isoDaysFromToday(90)),
    })
    expect(recorded.status).to.equal(302)
    expect(recorded.headers.location).to.equal(`/challenge-events/${eventId}#organisation-${policeOrganisation.id}`)

    const link = (await ChallengeEventChallenge.findOne({ where: { eventId } }))!
    const challenge = (await Challenge.findByPk(link.challengeId))!
    expect([challenge.returnId, challenge.standardKey, challenge.status]).to.deep.equal([returnId, 'S11-1', 'open'])
    expect(challenge.question).to.contain('When will the board next receive a safeguarding report?')
    const theirs = await police.get(`/returns/${returnId}/challenges`)
    expect(theirs.text).to.contain('When will the board next receive a safeguarding report?')
    const leadEmails = await OutboxEmail.findAll({ where: { toAddress: 'lead@police.riverside.test', createdAt: { [Op.gte]: since } } })
    expect(leadEmails.map((email) => email.subject)).to.include('Riverside and Millbrook Police: a question from the partnership')
    expect((await postForm(police, `/returns/${returnId}/challenges/${challenge.id}/answer`, { answer: 'At its March meeting' })).status).to.equal(302)
    expect((await challenge.reload()).status).to.equal('answered')

    const page = textOf((await qa.get(`/challenge-events/${eventId}`)).text)
    expect(page).to.contain('Riverside and Millbrook Police Outcome recorded')
    const listed = (await qa.get('/challenge-events.csv')).text.split('\r\n').find((line) => line.startsWith('Panel 5,'))
    expect(listed).to.match(/^Panel 5,\d{4}-\d{2}-\d{2},[^,]+,1,1$/)
    expect((await qa.get('/challenge-events.xlsx')).headers['content-type']).to.contain('spreadsheetml')
    expect(page).to.contain('Agreed score: S11-1 Leadership and accountability 1 Developing')
    expect(page).to.contain('Agreed score: S11-2 Senior board-level lead for safeguarding No change')
    expect(page).to.contain('Present an annual safeguarding report to the board (Chief Superintendent, by')
    expect(page).to.contain('When will the board next receive a safeguarding report? (Answered)')

    const history = await qa.get(`/organisations/${policeOrganisation.id}/history`)
    expect(history.status).to.equal(200)
    expect(history.text).to.contain(`href="/challenge-events/${eventId}">Panel 5</a>`)
    const historyText = textOf(history.text)
    expect(historyText).to.contain('S11-1 Leadership and accountability: 1 Developing')
    expect(historyText).to.contain('S11-2 Senior board-level lead for safeguarding: no change')
    expect(historyText).to.contain('The panel heard the board receives no annual safeguarding report.')
    expect(historyText).to.match(/Panel Alex Morgan, Sam Okafor/)
    // The organisation's own users see their history and the challenge, but not the partnership's panels.
    const theirHistory = await police.get(`/organisations/${policeOrganisation.id}/history`)
    expect(theirHistory.status).to.equal(200)
    expect(theirHistory.text).not.to.contain('Challenge events')
    expect(theirHistory.text).not.to.contain('The panel heard')

    const audit = (await AuditEvent.findOne({ where: { action: 'challenge_event.outcome_recorded', entityId: String(eventId) } }))!
    expect(audit.before).to.equal(null)
    expect(audit.after).to.deep.include({ organisationId: policeOrganisation.id, challengesRaised: [challenge.id] })
  })

  it('re-recording replaces the outcome, keeps the challenges already raised and audits before and after', async () => {
    const eventId = await schedule({ title: 'Panel 6' })
    const first = {
      'score-S11-1': '2',
      summary: 'First view',
      'action-0-action': 'First action',
      'action-0-owner': 'Owner one',
      ...dateFields('action-0-target', isoDaysFromToday(30)),
      'action-1-action': 'Second action',
      'action-1-owner': 'Owner two',
      ...dateFields('action-1-target', isoDaysFromToday(60)),
    }
    expect((await postForm(qa, outcomePath(eventId), first)).status).to.equal(302)
    const form = await qa.get(outcomePath(eventId))
    expect(form.text).to.contain('Saving replaces the outcome recorded')
    expect(form.text).to.contain('Second action')
    expect(form.text).to.match(/<option value="2" selected>/)

    expect((await postForm(qa, outcomePath(eventId), { 'score-S11-1': '3', summary: 'Second view', 'action-0-action': 'Only action', 'action-0-owner': 'Owner three', ...dateFields('action-0-target', isoDaysFromToday(45)) })).status).to.equal(302)
    const outcomes = await ChallengeEventOutcome.findAll({ where: { eventId } })
    expect(outcomes.map((outcome) => outcome.summary)).to.deep.equal(['Second view'])
    expect((await ChallengeEventAction.findAll({ where: { outcomeId: outcomes[0].id } })).map((action) => action.action)).to.deep.equal(['Only action'])
    const audits = await AuditEvent.findAll({ where: { action: 'challenge_event.outcome_recorded', entityId: String(eventId) }, order: [['id', 'ASC']] })
    expect(audits).to.have.length(2)
    expect(audits[1].before).to.deep.include({ summary: 'First view', scores: [{ standardKey: 'S11-1', agreedScore: 2 }, { standardKey: 'S11-2', agreedScore: null }] })
    expect((audits[1].before as { actions: unknown[] }).actions).to.have.length(2)
    expect(audits[1].after).to.deep.include({ summary: 'Second view' })
  })

  it('shows each agreed action’s actions in the plan, and keeps an agreed action the plan uses when the outcome is recorded again', async () => {
    const eventId = await schedule({ title: 'Panel 6b' })
    const agreed = (row: number, action: string, days: number) => ({ [`action-${row}-action`]: action, [`action-${row}-owner`]: 'Owner', ...dateFields(`action-${row}-target`, isoDaysFromToday(days)) })
    expect((await postForm(qa, outcomePath(eventId), { summary: 'First view', ...agreed(0, 'Report to the board', 30), ...agreed(1, 'Train the custody sergeants', 60) })).status).to.equal(302)
    const outcome = (await ChallengeEventOutcome.findOne({ where: { eventId } }))!
    const [report, training] = await ChallengeEventAction.findAll({ where: { outcomeId: outcome.id }, order: [['position', 'ASC']] })
    const partnershipId = (await ChallengeEvent.findByPk(eventId))!.partnershipId
    const planned = await Action.create({ partnershipId, title: 'Annual safeguarding report to the board', outcomeSought: 'The board hears about safeguarding every year', whyItMatters: null, deliverable: null, ownerOrganisationId: policeOrganisation.id, ownerName: 'Chief Superintendent', areaId: null, startsOn: isoDaysFromToday(0), dueOn: isoDaysFromToday(30), status: 'draft', priority: 'medium', createdById: qaUser.id })
    await ActionSource.create({ actionId: planned.id, kind: 'challenge_event_action', sourceId: report.id })

    const page = await qa.get(`/challenge-events/${eventId}`)
    expect(page.text).to.contain(`href="/actions/${planned.id}"`).and.contain(`/actions/new?source=challenge_event_action:${training.id}`)
    expect(textOf(page.text)).to.contain('In the action plan : agreed action 1')

    // Recorded again from the form as shown (with each row's id), the first action reworded and the second removed: the plan's link holds.
    const form = await qa.get(outcomePath(eventId))
    expect(form.text).to.contain(`name="action-0-id" value="${report.id}"`)
    expect((await postForm(qa, outcomePath(eventId), { summary: 'Second view', 'action-0-id': String(report.id), ...agreed(0, 'Report to the board every March', 30) })).status).to.equal(302)
    expect((await report.reload()).action).to.equal('Report to the board every March')
    expect(await ChallengeEventAction.count({ where: { id: training.id } })).to.equal(0)

    // Removing the action the plan uses is refused, keeping what was typed.
    const refused = await postForm(qa, outcomePath(eventId), { summary: 'Third view', ...agreed(0, 'Something else entirely', 30) })
    expect(refused.status).to.equal(400)
    expect(textOf(refused.text)).to.contain('“Report to the board every March” is in the action plan, so it cannot be removed from the outcome: change its wording instead').and.contain('Third view')
    expect((await ChallengeEventOutcome.findByPk(outcome.id))!.summary).to.equal('Second view')
  })

  it('refuses organisation users, auditors and another partnership’s reviewers, and requires the CSRF token', async () => {
    const eventId = await schedule({ title: 'Panel 7 confidential' })
    const auditor = await signedInAgent('auditor@riverside.test')
    for (const agent of [police, auditor]) {
      expect((await agent.get('/challenge-events')).status).to.equal(403)
      expect((await agent.get(`/challenge-events/${eventId}`)).status).to.equal(403)
      expect((await postForm(agent, outcomePath(eventId), { summary: 'Sneaky' })).status).to.equal(403)
    }

    const elsewhere = await Partnership.create({ name: 'Southbrook Partnership', slug: 'southbrook-panels' })
    const outsider = await User.create({ email: 'qa@southbrook.test', name: 'Southbrook Reviewer', passwordHash: await hashPassword('southbrook reviewer password') })
    await Membership.create({ userId: outsider.id, role: 'qa_reviewer', organisationId: null, partnershipId: elsewhere.id })
    const other = await signedInAgent('qa@southbrook.test', 'southbrook reviewer password')
    expect((await other.get(`/challenge-events/${eventId}`)).status).to.equal(403)
    expect((await other.get(`/challenge-events/${eventId}/edit`)).status).to.equal(403)
    expect((await postForm(other, `/challenge-events/${eventId}/edit`, eventForm({ title: 'Taken over' }))).status).to.equal(403)
    expect((await postForm(other, outcomePath(eventId), { summary: 'Sneaky' })).status).to.equal(403)
    const theirList = await other.get('/challenge-events')
    expect(theirList.status).to.equal(200)
    expect(theirList.text).not.to.contain('Panel 7 confidential')
    expect((await other.get(`/challenge-events/new?cycleId=${cycleId}`)).text).to.contain('Which cycle will the panel discuss?')
    expect((await postForm(other, '/challenge-events/new', eventForm({ title: 'Their panel' }))).status).to.equal(400)
    expect((await qa.get('/challenge-events/999999')).status).to.equal(404)

    const withoutToken = await qa.post(outcomePath(eventId)).type('form').send({ summary: 'No token' })
    expect(withoutToken.status).to.equal(403)
    expect(withoutToken.text).to.contain('This form has expired')
    expect((await qa.post('/challenge-events/new').type('form').send(eventForm({ title: 'No token panel' }))).status).to.equal(403)
    expect(await ChallengeEventOutcome.count({ where: { eventId } })).to.equal(0)
    expect(await ChallengeEvent.count({ where: { title: ['Taken over', 'Their panel', 'No token panel'] } })).to.equal(0)
  })

  it('offers no new challenges once the return is accepted, and refuses one sent anyway', async () => {
    const acceptedReturnId = await submittedPoliceReturn('Panels 2072', 2072, { questionAnswers: { 'S11-6.1-named-dsl': 'yes' } })
    const acceptedCycleId = (await CycleReturn.findOne({ where: { returnId: acceptedReturnId } }))!.cycleId
    await postForm(qa, `/reviews/${acceptedReturnId}/accept`)
    const eventId = await schedule({ cycleId: String(acceptedCycleId), title: 'Panel 8' })
    expect((await qa.get(outcomePath(eventId))).text).to.contain('New challenges can be raised only while the return is being reviewed; it is accepted')
    const refused = await postForm(qa, outcomePath(eventId), { summary: 'Fine', 'challenge-0-standard': 'S11-1', 'challenge-0-question': 'Too late?' })
    expect(refused.status).to.equal(400)
    expect(refused.text).to.contain('Challenges can be raised only while the return is being reviewed; it is accepted')
    expect(await ChallengeEventOutcome.count({ where: { eventId } })).to.equal(0)
  })
})
