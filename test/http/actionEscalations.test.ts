import { expect } from 'chai'
import { Op } from 'sequelize'
import { ActionEscalation, AuditEvent, OutboxEmail } from '../../server/db/models'
import { Agent, postForm, signedInAgent } from '../helpers/agents'
import { actionPanelsHtml, demoActionOwners, isoDaysFromToday, newAction } from '../helpers/actionFixture'

const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, '’').replace(/\s+/g, ' ')

describe('escalating an action to the executive', () => {
  let police: Agent
  let admin: Agent

  before(async () => {
    police = await signedInAgent('lead@police.riverside.test')
    admin = await signedInAgent('admin@riverside.test')
  })

  it('refuses an action on track and not yet overdue by 30 days, saying why', async () => {
    const action = await newAction({ title: 'Escalation test: on track', dueOn: isoDaysFromToday(-29) })
    const page = await police.get(`/actions/${action.id}/escalate`)
    expect(page.status).to.equal(200)
    expect(textOf(page.text)).to.include('An action can be escalated to the executive when it is Active: Off track, or 30 days or more past its due date. This one is Active: On track and 29 days overdue.')
    expect(page.text).not.to.include('name="note"')
    const response = await postForm(police, `/actions/${action.id}/escalate`, { note: 'Please look at this' })
    expect(response.status).to.equal(400)
    expect(response.text).to.include('Please look at this')
    expect(await ActionEscalation.count({ where: { actionId: action.id } })).to.equal(0)
    expect(await actionPanelsHtml(action.id, 'lead@police.riverside.test')).not.to.include(`/actions/${action.id}/escalate"`)
  })

  it('escalates an action overdue by 30 days, but not a completed one', async () => {
    const overdue = await newAction({ title: 'Escalation test: overdue', dueOn: isoDaysFromToday(-30) })
    expect(await actionPanelsHtml(overdue.id, 'lead@police.riverside.test')).to.include(`href="/actions/${overdue.id}/escalate"`)
    expect((await postForm(police, `/actions/${overdue.id}/escalate`, { note: 'Training budget not agreed' })).status).to.equal(302)
    expect((await ActionEscalation.findOne({ where: { actionId: overdue.id } }))!.reason).to.equal('overdue')

    const completed = await newAction({ title: 'Escalation test: completed late', dueOn: isoDaysFromToday(-90), status: 'completed' })
    const refused = await postForm(admin, `/actions/${completed.id}/escalate`, { note: 'Too late' })
    expect(refused.status).to.equal(400)
    expect(textOf(refused.text)).to.include('This action is completed, so it cannot be escalated')
  })

  it('escalates an off-track action with a note, emails the partnership’s admins, and records the executive’s response', async () => {
    const action = await newAction({ title: 'Escalation test: off track', status: 'off_track' })
    const noNote = await postForm(police, `/actions/${action.id}/escalate`, { note: ' ' })
    expect(noNote.status).to.equal(400)
    expect(textOf(noNote.text)).to.include('Enter a note for the executive')

    const emailsBefore = await OutboxEmail.max<number, OutboxEmail>('id')
    const response = await postForm(police, `/actions/${action.id}/escalate`, { note: 'Chairs are not released for the briefing; we need the executive to agree cover' })
    expect(response.status, response.text.slice(0, 500)).to.equal(302)
    expect(response.headers.location).to.equal(`/actions/${action.id}#escalations`)
    const escalation = (await ActionEscalation.findOne({ where: { actionId: action.id } }))!
    expect(escalation.reason).to.equal('off_track')
    const event = (await AuditEvent.findOne({ where: { action: 'action.escalated', entityId: String(action.id) } }))!
    expect(event.after).to.include({ escalationId: escalation.id, reason: 'off_track' })
    const emails = await OutboxEmail.findAll({ where: { id: { [Op.gt]: emailsBefore ?? 0 } } })
    expect(emails.map((email) => email.toAddress)).to.deep.equal(['admin@riverside.test'])
    expect(emails[0].subject).to.equal('Action escalated to the executive: Escalation test: off track')
    expect(emails[0].body).to.include('we need the executive to agree cover')
    expect(emails[0].body).to.include(`http://assure.test/actions/${action.id}#escalations`)

    const again = await postForm(police, `/actions/${action.id}/escalate`, { note: 'Still waiting' })
    expect(again.status).to.equal(400)
    expect(textOf(again.text)).to.include('the executive has not responded yet')

    // Only the partnership's admins record the response.
    const respondPath = `/actions/${action.id}/escalations/${escalation.id}/respond`
    expect((await police.get(respondPath)).status).to.equal(403)
    expect((await postForm(await signedInAgent('qa@riverside.test'), respondPath, { response: 'Agreed' })).status).to.equal(403)
    expect((await admin.get(respondPath)).status).to.equal(200)
    expect((await postForm(admin, respondPath, { response: '' })).status).to.equal(400)
    const responded = await postForm(admin, respondPath, { response: 'The executive agreed backfill for two chairs from April' })
    expect(responded.status).to.equal(302)
    await escalation.reload()
    const { admin: adminUser } = await demoActionOwners()
    expect({ response: escalation.response, respondedById: escalation.respondedById }).to.deep.equal({ response: 'The executive agreed backfill for two chairs from April', respondedById: adminUser.id })
    expect(await AuditEvent.count({ where: { action: 'action.escalation_responded', entityId: String(action.id) } })).to.equal(1)
    expect((await OutboxEmail.findOne({ where: { toAddress: 'lead@police.riverside.test', subject: 'The executive has responded: Escalation test: off track' } }))?.body).to.include('backfill for two chairs')
    const twice = await postForm(admin, respondPath, { response: 'Changed our minds' })
    expect(twice.status).to.equal(400)
    expect(textOf(twice.text)).to.include('The executive’s response was already recorded')

    const log = textOf(await actionPanelsHtml(action.id, 'auditor@riverside.test'))
    expect(log).to.match(/Escalated \d\d\/\d\d\/\d{4}, [\d:]+: off track/)
    expect(log).to.include('Escalated by Chris Patel')
    expect(log).to.include('Note Chairs are not released for the briefing')
    expect(log).to.include('Executive’s response The executive agreed backfill for two chairs from April')
    expect(log).to.include('Recorded by Alex Morgan')
  })

  it('lets only those with action:escalate on the action escalate it, and keeps escalations to their action', async () => {
    const action = await newAction({ title: 'Escalation test: permissions', status: 'off_track' })
    const { school } = await demoActionOwners()
    const schoolAction = await newAction({ title: 'Escalation test: the school’s', status: 'off_track', ownerOrganisationId: school.id })
    expect((await (await signedInAgent('lead@school.riverside.test')).get(`/actions/${action.id}/escalate`)).status).to.equal(403)
    expect((await postForm(await signedInAgent('contributor@school.riverside.test'), `/actions/${schoolAction.id}/escalate`, { note: 'x' })).status).to.equal(403)
    expect((await postForm(await signedInAgent('auditor@riverside.test'), `/actions/${action.id}/escalate`, { note: 'x' })).status).to.equal(403)
    expect(await ActionEscalation.count({ where: { actionId: [action.id, schoolAction.id] } })).to.equal(0)

    expect((await postForm(police, `/actions/${action.id}/escalate`, { note: 'Stuck' })).status).to.equal(302)
    const escalation = (await ActionEscalation.findOne({ where: { actionId: action.id } }))!
    expect((await admin.get(`/actions/${schoolAction.id}/escalations/${escalation.id}/respond`)).status).to.equal(404)
  })
})
