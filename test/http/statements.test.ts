import { expect } from 'chai'
import { AuditEvent, Organisation, OutboxEmail, Statement, User } from '../../server/db/models'
import { InvalidInputError } from '../../server/errors'
import { testContext } from '../helpers/testContext'
import { Agent, postForm, signedInAgent } from '../helpers/agents'
import { completeContent, organisationNamed, riverside } from './statementsFixture'

const dateFields = (name: string, iso: string) => {
  const [year, month, day] = iso.split('-')
  return { [`${name}-day`]: String(Number(day)), [`${name}-month`]: String(Number(month)), [`${name}-year`]: year }
}
const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, '’').replace(/&amp;/g, '&').replace(/\s+/g, ' ')
const procedureFields = (overrides: Record<string, string> = {}) => {
  const fields: Record<string, string> = {}
  for (const key of Object.keys(completeContent().procedures)) Object.assign(fields, { [`${key}-documentName`]: `${key} document` }, dateFields(`${key}-lastReviewedOn`, '2025-06-30'))
  return { ...fields, ...overrides }
}
const signatureFields = (overrides: Record<string, string> = {}) => ({ signedByName: 'Dafydd Ŵyn', signedByRole: 'Head teacher', confirm: 'yes', ...dateFields('effectiveOn', '2026-04-01'), ...dateFields('reviewOn', '2028-03-31'), ...overrides })

describe('Child Safeguarding Statements: the builder and the workflow', () => {
  let lead: Agent
  let contributor: Agent
  let qa: Agent
  let admin: Agent
  let policeLead: Agent
  let schoolId: number
  let statementId: number
  const lockVersion = async () => String((await Statement.findByPk(statementId))!.lockVersion)
  const save = async (agent: Agent, section: string, fields: Record<string, string | string[]>) => postForm(agent, `/statements/${statementId}/${section}`, { lockVersion: await lockVersion(), ...fields })

  before(async () => {
    schoolId = (await organisationNamed('Millbrook Academy')).id
    // Other test files (the authorisation matrix) may leave the school a statement: start afresh.
    await Statement.destroy({ where: { organisationId: schoolId } })
    ;[lead, contributor, qa, admin, policeLead] = await Promise.all(['lead@school.riverside.test', 'contributor@school.riverside.test', 'qa@riverside.test', 'admin@riverside.test', 'lead@police.riverside.test'].map((email) => signedInAgent(email)))
  })

  it('lists no statement yet and starts a blank one as version 1', async () => {
    const list = await lead.get('/statements')
    expect(list.status).to.equal(200)
    expect(textOf(list.text)).to.contain('Millbrook Academy').and.contain('No statement yet').and.contain('Start a statement')
    expect(list.text).not.to.contain('Start from your current statement')
    const started = await postForm(lead, '/statements/new', { organisationId: String(schoolId), from: 'blank' })
    expect(started.status).to.equal(302)
    statementId = Number(started.headers.location.split('/').pop())
    const statement = (await Statement.findByPk(statementId))!
    expect(statement).to.include({ version: 1, status: 'draft', organisationId: schoolId, basedOnId: null })
    const page = await lead.get(`/statements/${statementId}`)
    expect(textOf(page.text)).to.contain('You have completed 0 of 6 sections').and.contain('Your service').and.contain('Risk assessment').and.contain('Sign and date')
  })

  it('refuses over-long text with the count, keeping what was typed', async () => {
    const description = `Our club ${'x'.repeat(3000)}`
    const response = await save(lead, 'service', { description, childrenAndYoungPeople: 'Pupils aged 11 to 16', locations: 'Millbrook' })
    expect(response.status).to.equal(400)
    expect(textOf(response.text)).to.contain('The description of your service must be 3,000 characters or fewer: you have entered 3,009')
    expect(response.text).to.contain(description).and.contain('Pupils aged 11 to 16')
    expect((await Statement.findByPk(statementId))!.content.service.description).to.equal('')
    expect((await save(lead, 'service', { description: 'A secondary academy', childrenAndYoungPeople: 'Pupils aged 11 to 16', locations: 'Millbrook' })).status).to.equal(303)
  })

  it('lets a contributor write sections but not sign or submit', async () => {
    expect((await save(contributor, 'principles', { principles: 'The welfare of the child is paramount.' })).status).to.equal(303)
    expect((await contributor.get(`/statements/${statementId}/signature`)).status).to.equal(403)
    expect((await save(contributor, 'signature', signatureFields())).status).to.equal(403)
    expect((await contributor.get(`/statements/${statementId}/check`)).status).to.equal(403)
  })

  it('refuses a stale save with a message, keeping the typed text and the saved one', async () => {
    const stale = await lockVersion()
    expect((await save(lead, 'principles', { principles: 'Saved first by the lead' })).status).to.equal(303)
    const response = await postForm(contributor, `/statements/${statementId}/principles`, { lockVersion: stale, principles: 'Typed by the contributor meanwhile' })
    expect(response.status).to.equal(409)
    expect(textOf(response.text)).to.contain('Your changes have not been saved: someone else saved this statement after you opened this page')
    expect(response.text).to.contain('Typed by the contributor meanwhile')
    expect((await Statement.findByPk(statementId))!.content.principles).to.equal('Saved first by the lead')
  })

  it('refuses a risk without a managing procedure, adds and removes rows without saving', async () => {
    const row = { 'risk-0-risk': 'A pupil alone with a visitor', 'risk-0-whereOrWhen': 'Music lessons', 'risk-0-likelihood': 'medium', 'risk-0-seriousness': 'high', 'risk-0-procedure': '' }
    const refused = await save(lead, 'risks', { rows: '1', ...row })
    expect(refused.status).to.equal(400)
    expect(textOf(refused.text)).to.contain('Enter the procedure or precaution that manages risk 1: a risk without one cannot be accepted')
    expect(refused.text).to.contain('A pupil alone with a visitor')
    const added = await save(lead, 'risks', { rows: '1', ...row, rowAction: 'add' })
    expect(added.status).to.equal(200)
    expect(added.text).to.contain('name="risk-1-risk"').and.contain('A pupil alone with a visitor')
    const removed = await save(lead, 'risks', { rows: '2', ...row, 'risk-1-risk': 'Second', rowAction: 'remove-0' })
    expect(removed.text).to.contain('Second').and.not.contain('A pupil alone with a visitor').and.not.contain('name="risk-1-risk"')
    expect((await Statement.findByPk(statementId))!.content.risks).to.deep.equal([])
    const saved = await save(lead, 'risks', { rows: '3', ...row, 'risk-0-procedure': 'Lessons in rooms with a glass panel', 'risk-2-risk': 'Online contact', 'risk-2-whereOrWhen': 'Homework platform', 'risk-2-likelihood': 'low', 'risk-2-seriousness': 'medium', 'risk-2-procedure': 'Monitored platform' })
    expect(saved.status).to.equal(303)
    expect((await Statement.findByPk(statementId))!.content.risks.map((risk) => risk.risk)).to.deep.equal(['A pupil alone with a visitor', 'Online contact'])
  })

  it('requires every procedure with a real past review date, and a relevant person', async () => {
    const missing = await save(lead, 'procedures', procedureFields({ 'allegations-documentName': '', 'saferRecruitment-lastReviewedOn-year': '2099' }))
    expect(missing.status).to.equal(400)
    expect(textOf(missing.text)).to.contain('Enter the name of the document for staff who are the subject of an allegation or investigation').and.contain('must be today or in the past')
    expect((await save(lead, 'procedures', procedureFields())).status).to.equal(303)
    const nobody = await save(lead, 'relevant-persons', { rows: '1' })
    expect(textOf(nobody.text)).to.contain('Name at least one relevant person')
    expect((await save(lead, 'relevant-persons', { rows: '1', 'person-0-name': 'Ayşe Yılmaz', 'person-0-role': 'DSL', 'person-0-contact': 'dsl@millbrook.example' })).status).to.equal(303)
  })

  it('checks the signature: confirmation, and a review date after the effective date and within two years', async () => {
    const tooLate = await save(lead, 'signature', signatureFields(dateFields('reviewOn', '2028-04-02')))
    expect(tooLate.status).to.equal(400)
    expect(textOf(tooLate.text)).to.contain('The review date must be no more than two years after the date the statement takes effect')
    expect(tooLate.text).to.contain('value="Dafydd Ŵyn"')
    const before = await save(lead, 'signature', signatureFields({ ...dateFields('reviewOn', '2026-03-01'), confirm: '' }))
    expect(textOf(before.text)).to.contain('The review date must be after the date the statement takes effect').and.contain('Confirm that the senior lead has read and approved the statement')
    expect((await save(lead, 'signature', signatureFields(dateFields('reviewOn', '2028-04-01')))).status).to.equal(303)
    expect((await Statement.findByPk(statementId))!.signedAt).to.be.an.instanceOf(Date)
  })

  it('shows check your answers, submits, tells the reviewers, and then refuses changes', async () => {
    const check = await lead.get(`/statements/${statementId}/check`)
    expect(check.status).to.equal(200)
    expect(textOf(check.text)).to.contain('A pupil alone with a visitor').and.contain('Ayşe Yılmaz').and.contain('Now send your statement')
    const emailsBefore = await OutboxEmail.count()
    const submitted = await postForm(lead, `/statements/${statementId}/submit`, { lockVersion: await lockVersion() })
    expect(submitted.status).to.equal(303)
    expect((await Statement.findByPk(statementId))!.status).to.equal('submitted')
    const emails = await OutboxEmail.findAll({ order: [['id', 'ASC']], offset: emailsBefore })
    expect(emails.map((email) => email.toAddress)).to.include.members(['admin@riverside.test', 'qa@riverside.test'])
    expect(emails[0].subject).to.equal('Child Safeguarding Statement to review: Millbrook Academy')
    const changed = await save(lead, 'principles', { principles: 'Changed after submitting' })
    expect(changed.status).to.equal(303)
    expect((await Statement.findByPk(statementId))!.content.principles).to.equal('Saved first by the lead')
    expect((await lead.get(`/statements/${statementId}/risks`)).status).to.equal(303)
  })

  it('shows an organisation only its own statements', async () => {
    expect((await policeLead.get(`/statements/${statementId}`)).status).to.equal(403)
    expect((await policeLead.get(`/statements/${statementId}/statement.pdf`)).status).to.equal(403)
    expect(textOf((await policeLead.get('/statements')).text)).not.to.contain('Millbrook Academy')
  })

  it('puts it first in the reviewers’ queue; a return needs reasons, which the leads are emailed', async () => {
    const queue = textOf((await qa.get('/statements')).text)
    expect(queue).to.match(/Waiting for a decision \(\d+\), the longest waiting first Organisation Version Status Submitted Review by.*Millbrook Academy/)
    expect((await qa.get('/statements?status=submitted')).text).to.contain(`/statements/${statementId}"`)
    expect((await qa.get('/statements?status=draft')).text).not.to.contain(`/statements/${statementId}"`)
    expect((await postForm(qa, `/statements/${statementId}/return`, { reason: '' })).status).to.equal(400)
    expect((await postForm(qa, `/statements/${statementId}/return`, { reason: 'Add a risk for school trips' })).status).to.equal(303)
    expect((await Statement.findByPk(statementId))!).to.include({ status: 'returned', returnReason: 'Add a risk for school trips' })
    const email = await OutboxEmail.findOne({ where: { toAddress: 'lead@school.riverside.test' }, order: [['id', 'DESC']] })
    expect(email!.subject).to.equal('Your Child Safeguarding Statement has been returned')
    expect(email!.body).to.contain('Add a risk for school trips')
  })

  it('lets the returned statement be changed (signing again) and resubmitted, then approved', async () => {
    expect(textOf((await lead.get(`/statements/${statementId}`)).text)).to.contain('Add a risk for school trips')
    // The returned version is the one to carry on with: a second version beside it is refused.
    expect(textOf((await lead.get('/statements')).text)).to.contain('Carry on with version 1 (returned)')
    const refused = await postForm(lead, '/statements/new', { organisationId: String(schoolId), from: 'blank' })
    expect(refused.headers.location).to.equal('/statements')
    expect(textOf((await lead.get('/statements')).text)).to.contain('Version 1 was returned by the partnership: make the changes asked for and submit it again')
    expect(await Statement.count({ where: { organisationId: schoolId } })).to.equal(1)
    const saved = await save(lead, 'principles', { principles: 'Children’s welfare first, on trips too' })
    expect(saved.status).to.equal(303)
    expect((await Statement.findByPk(statementId))!.signedAt).to.equal(null)
    expect(textOf((await lead.get(`/statements/${statementId}/check`)).text)).to.contain('Not ready to submit').and.contain('Complete sign and date')
    expect((await postForm(lead, `/statements/${statementId}/submit`, { lockVersion: await lockVersion() })).status).to.equal(400)
    await save(lead, 'signature', signatureFields())
    expect((await postForm(lead, `/statements/${statementId}/submit`, { lockVersion: await lockVersion() })).status).to.equal(303)
    expect((await postForm(lead, `/statements/${statementId}/approve`)).status).to.equal(403)
    expect((await postForm(admin, `/statements/${statementId}/approve`)).status).to.equal(303)
    const approved = (await Statement.findByPk(statementId))!
    expect(approved.status).to.equal('approved')
    expect(approved.publishedAt).to.be.an.instanceOf(Date)
    expect((await OutboxEmail.findOne({ where: { toAddress: 'lead@school.riverside.test' }, order: [['id', 'DESC']] }))!.subject).to.equal('Your Child Safeguarding Statement is published')
  })

  it('starts version 2 from the current statement and, once approved, supersedes version 1 keeping it', async () => {
    const started = await postForm(lead, '/statements/new', { organisationId: String(schoolId), from: 'current' })
    const second = (await Statement.findByPk(Number(started.headers.location.split('/').pop())))!
    expect(second).to.include({ version: 2, status: 'draft', basedOnId: statementId, signedAt: null })
    expect(second.content.principles).to.equal('Children’s welfare first, on trips too')
    // A second draft is refused while this one is open.
    await postForm(lead, '/statements/new', { organisationId: String(schoolId), from: 'blank' })
    expect(await Statement.count({ where: { organisationId: schoolId } })).to.equal(2)
    await postForm(lead, `/statements/${second.id}/signature`, { lockVersion: String(second.lockVersion), ...signatureFields() })
    await postForm(lead, `/statements/${second.id}/submit`, { lockVersion: String((await second.reload()).lockVersion) })
    expect((await postForm(qa, `/statements/${second.id}/approve`)).status).to.equal(303)
    const first = (await Statement.findByPk(statementId))!
    expect(first.status).to.equal('superseded')
    expect(first.supersededAt).to.be.an.instanceOf(Date)
    expect((await second.reload()).status).to.equal('approved')
    const actions = (await AuditEvent.findAll({ where: { entityType: 'statement', entityId: [String(statementId), String(second.id)] } })).map((event) => event.action)
    expect(actions).to.include.members(['statement.started', 'statement.section_saved', 'statement.signed', 'statement.submitted', 'statement.returned', 'statement.approved', 'statement.superseded'])
    expect(textOf((await lead.get('/statements')).text)).to.match(/Version 2 Published .* Version 1 Superseded/)
  })

  it('lets only one of two colleagues starting at the same moment start a statement; the other is told', async () => {
    const { services, sequelize } = testContext()
    const organisation = await Organisation.create({ name: 'Simultaneous Start Club', role: 'named_organisation', sectorKey: 'sport-leisure', sizeTier: 'small' })
    const partnershipId = (await riverside()).id
    await sequelize.models.organisation_partnerships.create({ organisationId: organisation.id, partnershipId })
    const user = (await User.findOne({ where: { email: 'lead@school.riverside.test' } }))!
    const results = await Promise.allSettled([1, 2].map(() => services.statements.start(user.id, organisation.id, partnershipId, false)))
    expect(results.filter((result) => result.status === 'fulfilled')).to.have.length(1)
    const refused = results.find((result): result is PromiseRejectedResult => result.status === 'rejected')!
    expect(refused.reason).to.be.instanceOf(InvalidInputError)
    expect(await Statement.count({ where: { organisationId: organisation.id } })).to.equal(1)
  })
})
