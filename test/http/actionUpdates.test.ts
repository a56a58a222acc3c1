import { expect } from 'chai'
import { Action, ActionEvidence, ActionUpdate, Organisation, OutboxEmail, Partnership, User } from '../../server/db/models'
import type { NewActionInput } from '../../server/actions/schema'
import { Agent, postForm, signedInAgent } from '../helpers/agents'
import { testContext } from '../helpers/testContext'

/** The text of a page without its markup, to match sentences across elements. */
const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, '’').replace(/&amp;/g, '&').replace(/\s+/g, ' ')

describe('an action’s progress updates: status, owner and handover, sign-off', () => {
  let qa: Agent
  let policeLead: Agent
  let schoolLead: Agent
  let partnershipId: number
  let police: Organisation
  let school: Organisation
  let qaUser: User

  before(async () => {
    ;[qa, policeLead, schoolLead] = await Promise.all(['qa@riverside.test', 'lead@police.riverside.test', 'lead@school.riverside.test'].map((email) => signedInAgent(email)))
    partnershipId = (await Partnership.findOne({ where: { slug: 'riverside' } }))!.id
    police = (await Organisation.findOne({ where: { name: 'Riverside and Millbrook Police' } }))!
    school = (await Organisation.findOne({ where: { name: 'Millbrook Academy' } }))!
    qaUser = (await User.findOne({ where: { email: 'qa@riverside.test' } }))!
  })

  const policeAction = (overrides: Partial<NewActionInput> = {}) =>
    testContext().services.actions.create(qaUser.id, partnershipId, {
      title: 'Updates test: missing-from-home return interviews',
      outcomeSought: 'Children who go missing are seen within 72 hours of coming home',
      whyItMatters: '',
      deliverable: 'Return interview protocol agreed with children’s social care',
      ownerOrganisationId: police.id,
      ownerName: 'Chris Patel',
      areaId: null,
      startsOn: '2026-01-01',
      dueOn: '2026-06-30',
      priority: 'high',
      themeIds: [],
      newTheme: '',
      ...overrides,
    }, null)
  const update = (agent: Agent, action: Action, fields: Record<string, string>) => postForm(agent, `/actions/${action.id}/update`, { version: String(action.version), note: '', status: '', ownerOrganisationId: '', ownerName: '', handoverNote: '', closedReason: '', ...fields })

  it('offers the statuses the writer may choose', async () => {
    const action = await policeAction()
    const asLead = textOf((await policeLead.get(`/actions/${action.id}/update`)).text)
    expect(asLead).to.contain('No change (stays Draft)').and.contain('Active: On track').and.not.contain('Closed without completion')
    expect(textOf((await qa.get(`/actions/${action.id}/update`)).text)).to.contain('Closed without completion')
    await action.update({ status: 'on_track' })
    const page = (await policeLead.get(`/actions/${action.id}/update`)).text
    expect(page).not.to.contain('value="completed"')
    expect(textOf(page)).to.contain('Ask for the action to be signed off as completed')
    expect((await qa.get(`/actions/${action.id}/update`)).text).to.contain('value="completed"')
  })

  it('requires a note, keeping everything else typed', async () => {
    const action = await policeAction()
    const response = await update(policeLead, action, { status: 'at_risk', handoverNote: 'Draft handover' })
    expect(response.status).to.equal(400)
    expect(textOf(response.text)).to.contain('Enter a progress note: what has happened since the last update')
    expect(response.text).to.match(/value="at_risk" checked/).and.to.contain('Draft handover')
  })

  it('refuses to activate without a deliverable, which the organisation’s lead can then give with the update', async () => {
    const action = await policeAction({ deliverable: '' })
    const response = await update(policeLead, action, { note: 'Ready to start', status: 'on_track' })
    expect(response.status).to.equal(400)
    expect(textOf(response.text)).to.contain('Enter the deliverable before the action can become active').and.contain('Ready to start')
    expect(response.text).to.contain('href="#deliverable"')
    expect((await action.reload()).status).to.equal('draft')
    expect((await update(policeLead, action, { note: 'Ready to start', status: 'on_track', deliverable: 'A joint protocol, signed' })).status).to.equal(302)
    expect((await action.reload()).toJSON()).to.include({ status: 'on_track', deliverable: 'A joint protocol, signed' })
  })

  it('keeps a deliverable the action already has: changing it is editing the action', async () => {
    const action = await policeAction({ deliverable: 'The original deliverable' })
    expect((await policeLead.get(`/actions/${action.id}/update`)).text).not.to.contain('id="deliverable"')
    expect((await update(policeLead, action, { note: 'Progress', deliverable: 'Something else' })).status).to.equal(302)
    expect((await action.reload()).deliverable).to.equal('The original deliverable')
  })

  it('refuses completion without evidence, and completion by an organisation user', async () => {
    const action = await policeAction()
    await action.update({ status: 'on_track' })
    const withoutEvidence = await update(qa, action, { note: 'Done', status: 'completed' })
    expect(withoutEvidence.status).to.equal(400)
    expect(textOf(withoutEvidence.text)).to.contain('Add at least one evidence item tagged Impact or Evidence before the action can be completed')
    await ActionEvidence.create({ actionId: action.id, tag: 'evidence', description: 'Protocol signed', fileName: null, fileType: null, sizeBytes: null, sha256: null, addedById: qaUser.id })
    const asLead = await update(policeLead, action, { note: 'Done, please close', status: 'completed' })
    expect(asLead.status).to.equal(400)
    expect(textOf(asLead.text)).to.contain('Only a QA reviewer or partnership admin can sign an action off as completed: write an update asking for sign-off instead').and.contain('Done, please close')
    expect((await action.reload()).status).to.equal('on_track')
    const signed = await update(qa, action, { note: 'Signed off: protocol in use', status: 'completed' })
    expect(signed.status).to.equal(302)
    const page = textOf((await qa.get(`/actions/${action.id}`)).text)
    expect(page).to.contain('Action signed off as completed').and.contain('Signed off Sam Okafor').and.contain('Reopen the action')
    expect(textOf((await policeLead.get(`/actions/${action.id}`)).text)).not.to.contain('Write an update')
  })

  it('refuses an organisation user closing its own action without completion: that takes a QA reviewer or admin', async () => {
    const action = await policeAction()
    await action.update({ status: 'on_track' })
    const response = await update(policeLead, action, { note: 'We have stopped this work', status: 'closed', closedReason: 'No longer a priority for us' })
    expect(response.status).to.equal(400)
    expect(textOf(response.text)).to.contain('Only a QA reviewer or partnership admin can close an action without completing it').and.contain('We have stopped this work')
    await action.reload()
    expect(action.status).to.equal('on_track')
  })

  it('requires a handover note for a change of owner, then emails the new owner and shows the handover', async () => {
    const action = await policeAction()
    const refused = await update(policeLead, action, { note: 'Handing over to the school', ownerOrganisationId: String(school.id), ownerName: 'Morgan Hughes' })
    expect(refused.status).to.equal(400)
    expect(textOf(refused.text)).to.contain('Enter a handover note for the new owner')
    expect(refused.text).to.contain('value="Morgan Hughes"').and.contain('Handing over to the school').and.match(new RegExp(`value="${school.id}" selected`))
    const before = await OutboxEmail.count()
    const done = await update(policeLead, action, { note: 'Handing over to the school', status: 'on_track', ownerOrganisationId: String(school.id), ownerName: 'Morgan Hughes', handoverNote: 'Protocol draft is in the shared folder' })
    expect(done.status).to.equal(302)
    const email = (await OutboxEmail.findAll({ order: [['id', 'ASC']], offset: before })).find((row) => row.toAddress === 'lead@school.riverside.test')!
    expect(email.body).to.contain('Protocol draft is in the shared folder')
    // Now the school's: the police lead has lost it, the school lead sees the timeline.
    expect((await policeLead.get(`/actions/${action.id}`)).status).to.equal(403)
    const page = textOf((await schoolLead.get(`/actions/${action.id}`)).text)
    expect(page).to.contain('Status: Draft to Active: On track').and.contain('Owner: Chris Patel, Riverside and Millbrook Police to Morgan Hughes, Millbrook Academy')
    expect(page).to.contain('Handover note Protocol draft is in the shared folder').and.contain('Chris Patel')
  })

  it('refuses an update from an older copy, keeping the note', async () => {
    const action = await policeAction()
    await update(qa, action, { note: 'First update' })
    const stale = await update(policeLead, action, { note: 'My stale update' })
    expect(stale.status).to.equal(409)
    expect(textOf(stale.text)).to.contain('Someone else changed this action after you opened this page')
    expect(stale.text).to.contain('My stale update').and.contain('name="version" value="2"')
    expect(await ActionUpdate.count({ where: { actionId: action.id } })).to.equal(1)
  })

  it('refuses (403) an organisation user updating another organisation’s action', async () => {
    const action = await policeAction()
    expect((await schoolLead.get(`/actions/${action.id}/update`)).status).to.equal(403)
    const response = await update(schoolLead, action, { note: 'Not mine' })
    expect(response.status).to.equal(403)
    expect(await ActionUpdate.count({ where: { actionId: action.id } })).to.equal(0)
  })

  it('lists updates newest first with who wrote them', async () => {
    const action = await policeAction()
    await update(policeLead, action, { note: 'Older note' })
    await action.reload()
    await update(policeLead, action, { note: 'Newer note' })
    const page = textOf((await policeLead.get(`/actions/${action.id}`)).text)
    expect(page.indexOf('Newer note')).to.be.below(page.indexOf('Older note'))
    expect(page).to.contain('Chris Patel')
  })
})
