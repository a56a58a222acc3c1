import { expect } from 'chai'
import { Action, ActionEvidence, ActionUpdate, AuditEvent, Organisation, OutboxEmail, Partnership, User } from '../../server/db/models'
import { ActionConflictError, ActionRulesError } from '../../server/actions/service'
import type { NewActionInput, UpdateInput } from '../../server/actions/schema'
import { allowedStatuses, UpdateFacts, updateProblems, UpdateRequest } from '../../server/actions/updateRules'
import { testContext } from '../helpers/testContext'

const facts = (overrides: Partial<UpdateFacts> = {}): UpdateFacts => ({
  status: 'on_track',
  deliverable: 'Training for every health visitor',
  ownerOrganisationId: 7,
  hasCompletionEvidence: false,
  canSignOff: false,
  canReopen: false,
  ...overrides,
})
const request = (overrides: Partial<UpdateRequest> = {}): UpdateRequest => ({
  newStatus: null,
  ownerOrganisationIdAfter: 7,
  ownerChanging: false,
  hadOwner: true,
  handoverNote: '',
  closedReason: '',
  ...overrides,
})
const texts = (f: UpdateFacts, r: UpdateRequest) => updateProblems(f, r).map((problem) => `${problem.field}: ${problem.text}`)

describe('action update rules', () => {
  it('offers the transitions each writer may make', () => {
    expect(allowedStatuses('draft', { canSignOff: true, canReopen: true })).to.deep.equal(['on_track', 'at_risk', 'off_track', 'closed'])
    expect(allowedStatuses('on_track', { canSignOff: false, canReopen: false })).to.deep.equal(['at_risk', 'off_track'])
    expect(allowedStatuses('draft', { canSignOff: false, canReopen: false })).to.deep.equal(['on_track', 'at_risk', 'off_track'])
    expect(allowedStatuses('at_risk', { canSignOff: true, canReopen: true })).to.deep.equal(['on_track', 'off_track', 'completed', 'closed'])
    expect(allowedStatuses('completed', { canSignOff: false, canReopen: false })).to.deep.equal([])
    expect(allowedStatuses('closed', { canSignOff: true, canReopen: true })).to.deep.equal(['on_track'])
  })

  it('lets a plain progress note through', () => {
    expect(updateProblems(facts(), request())).to.deep.equal([])
  })

  it('refuses to activate a draft without a deliverable, or without an owner organisation', () => {
    expect(texts(facts({ status: 'draft', deliverable: null }), request({ newStatus: 'on_track' }))).to.deep.equal(['deliverable: Enter the deliverable before the action can become active: what will be produced or done'])
    expect(texts(facts({ status: 'draft', deliverable: '  ' }), request({ newStatus: 'at_risk' }))[0]).to.match(/Enter the deliverable/)
    expect(texts(facts({ status: 'draft', ownerOrganisationId: null }), request({ newStatus: 'on_track', ownerOrganisationIdAfter: null }))).to.deep.equal(['ownerOrganisationId: Choose the owner organisation before the action can become active'])
    // The owner given in the same update counts.
    expect(updateProblems(facts({ status: 'draft', ownerOrganisationId: null }), request({ newStatus: 'on_track', ownerOrganisationIdAfter: 9, ownerChanging: true, hadOwner: false }))).to.deep.equal([])
  })

  it('lets only a QA reviewer or admin complete, and only with Impact or Evidence', () => {
    expect(texts(facts({ hasCompletionEvidence: true }), request({ newStatus: 'completed' }))[0]).to.match(/^status: Only a QA reviewer or partnership admin can sign an action off as completed: write an update asking for sign-off/)
    expect(texts(facts({ canSignOff: true }), request({ newStatus: 'completed' }))).to.deep.equal(['status: Add at least one evidence item tagged Impact or Evidence before the action can be completed'])
    expect(updateProblems(facts({ canSignOff: true, hasCompletionEvidence: true }), request({ newStatus: 'completed' }))).to.deep.equal([])
    expect(texts(facts({ status: 'draft', canSignOff: true, hasCompletionEvidence: true }), request({ newStatus: 'completed' }))[0]).to.match(/draft action cannot be completed/)
  })

  it('needs a reason to close without completion, and a QA reviewer or admin to close', () => {
    expect(texts(facts({ canSignOff: true }), request({ newStatus: 'closed' }))).to.deep.equal(['closedReason: Enter the reason for closing the action without completing it'])
    expect(updateProblems(facts({ canSignOff: true }), request({ newStatus: 'closed', closedReason: 'Superseded by the neglect strategy' }))).to.deep.equal([])
    expect(texts(facts(), request({ newStatus: 'closed', closedReason: 'We would rather not' }))[0]).to.match(/^status: Only a QA reviewer or partnership admin can close an action without completing it/)
  })

  it('needs a handover note when an owner hands over, but not when the first owner is named', () => {
    expect(texts(facts(), request({ ownerChanging: true, ownerOrganisationIdAfter: 9 }))).to.deep.equal(['handoverNote: Enter a handover note for the new owner: what they need to know to carry the action on'])
    expect(updateProblems(facts(), request({ ownerChanging: true, handoverNote: 'Training booked for May' }))).to.deep.equal([])
    expect(updateProblems(facts({ ownerOrganisationId: null }), request({ ownerChanging: true, hadOwner: false }))).to.deep.equal([])
  })

  it('keeps a completed or closed action read-only except for a reopen by an editor', () => {
    expect(texts(facts({ status: 'completed' }), request())).to.deep.equal(['status: This action is completed, so it can no longer be updated'])
    expect(texts(facts({ status: 'closed', canReopen: true }), request())[0]).to.match(/reopen it/)
    expect(texts(facts({ status: 'completed' }), request({ newStatus: 'on_track' }))[0]).to.match(/can no longer be updated/)
    expect(updateProblems(facts({ status: 'completed', canReopen: true }), request({ newStatus: 'on_track' }))).to.deep.equal([])
    expect(texts(facts({ status: 'closed', canReopen: true, deliverable: null }), request({ newStatus: 'on_track' }))[0]).to.match(/Enter the deliverable/)
  })
})

describe('ActionService: updates', () => {
  let partnershipId: number
  let police: Organisation
  let school: Organisation
  let qa: User
  let policeLead: User

  before(async () => {
    partnershipId = (await Partnership.findOne({ where: { slug: 'riverside' } }))!.id
    police = (await Organisation.findOne({ where: { name: 'Riverside and Millbrook Police' } }))!
    school = (await Organisation.findOne({ where: { name: 'Millbrook Academy' } }))!
    qa = (await User.findOne({ where: { email: 'qa@riverside.test' } }))!
    policeLead = (await User.findOne({ where: { email: 'lead@police.riverside.test' } }))!
  })

  const service = () => testContext().services.actions
  const draft = (overrides: Partial<NewActionInput> = {}) =>
    service().create(qa.id, partnershipId, {
      title: 'Rules test action',
      outcomeSought: 'Children at risk of exploitation are identified sooner',
      whyItMatters: '',
      deliverable: 'Exploitation screening tool in every custody suite',
      ownerOrganisationId: police.id,
      ownerName: 'Chris Patel',
      areaId: null,
      startsOn: '2026-01-01',
      dueOn: '2026-12-31',
      priority: 'high',
      themeIds: [],
      newTheme: '',
      ...overrides,
    }, null)
  const input = (action: Action, overrides: Partial<UpdateInput> = {}): UpdateInput => ({ note: 'Progress made', status: null, ownerOrganisationId: null, ownerName: '', handoverNote: '', closedReason: '', deliverable: '', askSignOff: undefined, version: action.version, ...overrides })
  const qaWriter = () => ({ userId: qa.id, canSignOff: true, canReopen: true })
  const leadWriter = () => ({ userId: policeLead.id, canSignOff: false, canReopen: false })
  const problemsOf = async (work: Promise<unknown>) => {
    const error = await work.then(() => null, (caught: unknown) => caught)
    expect(error).to.be.instanceOf(ActionRulesError)
    return (error as ActionRulesError).problems.map((problem) => problem.text)
  }

  it('activates a draft in one transaction: update row, status, lastUpdateAt, version and an audit event', async () => {
    const action = await draft()
    await service().update(leadWriter(), action.id, input(action, { status: 'on_track', note: 'Screening tool drafted' }))
    await action.reload()
    expect(action.status).to.equal('on_track')
    expect(action.version).to.equal(2)
    expect(action.lastUpdateAt).to.be.instanceOf(Date)
    const updates = await ActionUpdate.findAll({ where: { actionId: action.id } })
    expect(updates.map((update) => [update.note, update.statusBefore, update.statusAfter, update.writtenById])).to.deep.equal([['Screening tool drafted', 'draft', 'on_track', policeLead.id]])
    const event = (await AuditEvent.findOne({ where: { entityType: 'action', entityId: String(action.id), action: 'action.updated' } }))!
    expect((event.before as { status: string }).status).to.equal('draft')
    expect((event.after as { status: string }).status).to.equal('on_track')
  })

  it('refuses to activate without a deliverable and writes nothing', async () => {
    const action = await draft({ deliverable: '' })
    expect(await problemsOf(service().update(qaWriter(), action.id, input(action, { status: 'on_track' })))).to.deep.equal(['Enter the deliverable before the action can become active: what will be produced or done'])
    await action.reload()
    expect([action.status, action.version]).to.deep.equal(['draft', 1])
    expect(await ActionUpdate.count({ where: { actionId: action.id } })).to.equal(0)
  })

  it('completes only with Impact or Evidence, and records the sign-off', async () => {
    const action = await draft()
    await service().update(qaWriter(), action.id, input(action, { status: 'on_track' }))
    await action.reload()
    expect(await problemsOf(service().update(qaWriter(), action.id, input(action, { status: 'completed' })))).to.deep.equal(['Add at least one evidence item tagged Impact or Evidence before the action can be completed'])
    await ActionEvidence.create({ actionId: action.id, tag: 'learning', description: 'Lessons noted', fileName: null, fileType: null, sizeBytes: null, sha256: null, addedById: qa.id })
    expect(await problemsOf(service().update(qaWriter(), action.id, input(action, { status: 'completed' })))).to.have.length(1)
    await ActionEvidence.create({ actionId: action.id, tag: 'impact', description: 'Referrals up 40%', fileName: null, fileType: null, sizeBytes: null, sha256: null, addedById: qa.id })
    expect(await problemsOf(service().update(leadWriter(), action.id, input(action, { status: 'completed' }))))
      .to.deep.equal(['Only a QA reviewer or partnership admin can sign an action off as completed: write an update asking for sign-off instead'])
    await service().update(qaWriter(), action.id, input(action, { status: 'completed', note: 'Signed off: screening in place' }))
    await action.reload()
    expect([action.status, action.signedOffById]).to.deep.equal(['completed', qa.id])
    expect(action.signedOffAt).to.be.instanceOf(Date)
    expect(await AuditEvent.count({ where: { entityType: 'action', entityId: String(action.id), action: 'action.signed_off' } })).to.equal(1)
    // Read-only now, except a reopen by an editor, which clears the sign-off.
    expect(await problemsOf(service().update(leadWriter(), action.id, input(action)))).to.deep.equal(['This action is completed, so it can no longer be updated'])
    await service().update(qaWriter(), action.id, input(action, { status: 'on_track', note: 'Reopened: the custody suites changed' }))
    await action.reload()
    expect([action.status, action.signedOffById, action.signedOffAt]).to.deep.equal(['on_track', null, null])
  })

  it('hands over to a new owner only with a handover note, and emails the new owner', async () => {
    const action = await draft()
    expect(await problemsOf(service().update(leadWriter(), action.id, input(action, { ownerOrganisationId: school.id, ownerName: 'Morgan Hughes' })))).to.deep.equal([
      'Enter a handover note for the new owner: what they need to know to carry the action on',
    ])
    expect(await problemsOf(service().update(leadWriter(), action.id, input(action, { ownerOrganisationId: school.id, handoverNote: 'Over to you' })))).to.deep.equal(['Enter the name of the new owner'])
    const before = await OutboxEmail.count()
    await service().update(leadWriter(), action.id, input(action, { ownerOrganisationId: school.id, ownerName: 'Morgan Hughes', handoverNote: 'The screening tool is with the DSLs for comment' }))
    await action.reload()
    expect([action.ownerOrganisationId, action.ownerName]).to.deep.equal([school.id, 'Morgan Hughes'])
    const update = (await ActionUpdate.findOne({ where: { actionId: action.id } }))!
    expect([update.previousOwnerOrganisationId, update.previousOwnerName, update.newOwnerOrganisationId, update.newOwnerName, update.handoverNote]).to.deep.equal([
      police.id, 'Chris Patel', school.id, 'Morgan Hughes', 'The screening tool is with the DSLs for comment',
    ])
    const emails = await OutboxEmail.findAll({ order: [['id', 'ASC']], offset: before })
    expect(emails.map((email) => email.toAddress)).to.deep.equal(['lead@school.riverside.test'])
    expect(emails[0].body).to.contain('The screening tool is with the DSLs for comment').and.contain(`/actions/${action.id}`)
  })

  it('refuses an owner outside the partnership', async () => {
    const outsider = await Organisation.create({ name: 'Rules Outsider Trust', role: 'relevant_agency', sectorKey: 'nhs-provider', sizeTier: 'large' })
    const action = await draft()
    const error = await service().update(qaWriter(), action.id, input(action, { ownerOrganisationId: outsider.id, ownerName: 'Someone', handoverNote: 'Note' })).catch((caught: unknown) => caught)
    expect((error as Error).message).to.equal('Rules Outsider Trust is not one of the partnership’s organisations: choose the owner from the list')
  })

  it('refuses an update made from an older copy, with the current action', async () => {
    const action = await draft()
    await service().update(qaWriter(), action.id, input(action, { note: 'First' }))
    const error = await service().update(leadWriter(), action.id, input(action, { note: 'Second, from a stale page' })).catch((caught: unknown) => caught)
    expect(error).to.be.instanceOf(ActionConflictError)
    expect((error as ActionConflictError).current.version).to.equal(2)
    expect(await ActionUpdate.count({ where: { actionId: action.id } })).to.equal(1)
  })

  it('closes without completion only with a reason, and asks QA reviewers for sign-off when asked', async () => {
    const action = await draft()
    await service().update(qaWriter(), action.id, input(action, { status: 'on_track' }))
    await action.reload()
    const before = await OutboxEmail.count()
    await service().update(leadWriter(), action.id, input(action, { note: 'All custody suites screen now: please sign off', askSignOff: 'yes' }))
    const emails = await OutboxEmail.findAll({ order: [['id', 'ASC']], offset: before })
    expect(emails.map((email) => email.toAddress)).to.deep.equal(['qa@riverside.test'])
    expect(emails[0].subject).to.equal('Sign-off requested: Rules test action')
    await action.reload()
    expect(await problemsOf(service().update(qaWriter(), action.id, input(action, { status: 'closed' })))).to.deep.equal(['Enter the reason for closing the action without completing it'])
    await service().update(qaWriter(), action.id, input(action, { status: 'closed', closedReason: 'Replaced by the exploitation strategy' }))
    await action.reload()
    expect([action.status, action.closedReason]).to.deep.equal(['closed', 'Replaced by the exploitation strategy'])
  })
})
