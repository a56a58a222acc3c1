import { expect } from 'chai'
import { Op } from 'sequelize'
import { Membership, Organisation, OutboxEmail, Partnership, Statement } from '../../server/db/models'
import { todayInEngland } from '../../server/forms/dates'
import { sendStatementReminders } from '../../server/statements/reminders'
import { newAgent, signedInAgent } from '../helpers/agents'
import { testContext } from '../helpers/testContext'
import { leadOf, organisationNamed, riverside, statementFor } from './statementsFixture'

const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, '’').replace(/\s+/g, ' ')
const isoIn = (days: number) => todayInEngland(new Date(Date.now() + days * 86_400_000))

describe('Child Safeguarding Statements: the public pages and review reminders', () => {
  let published: Organisation
  let draftOnly: Organisation
  let returnedOnly: Organisation
  let submittedOnly: Organisation
  /** The public address of an organisation's statement in Riverside. */
  let base: (organisationId: number | string) => string

  before(async () => {
    const partnershipId = (await riverside()).id
    base = (organisationId) => `/directory/partnerships/${partnershipId}/organisations/${organisationId}`
    published = await organisationNamed('Riverside Food Bank')
    draftOnly = await organisationNamed('Millbrook Scouts District')
    returnedOnly = await organisationNamed('Millbrook Swimming Club')
    submittedOnly = await organisationNamed('Bright Stars Tuition Centre')
    for (const organisation of [published, draftOnly, returnedOnly, submittedOnly]) await Statement.destroy({ where: { organisationId: organisation.id } })
    await leadOf(published)
    await statementFor(published, 'approved', { effectiveOn: '2024-01-10', reviewOn: '2026-01-09' })
    await statementFor(published, 'approved', { effectiveOn: isoIn(-30), reviewOn: isoIn(30) })
    // A newer version, returned with the reviewer's reasons, must not leak onto the public page either.
    await statementFor(published, 'returned', { content: { ...(await Statement.findOne({ where: { organisationId: published.id } }))!.content, principles: 'SECRET RETURNED PRINCIPLES' } })
    await statementFor(draftOnly, 'draft')
    await statementFor(returnedOnly, 'returned')
    await statementFor(submittedOnly, 'submitted')
  })

  it('shows the current statement to anyone, with its status, dates, history and the disclaimer, and nothing internal', async () => {
    const response = await newAgent().get(`${base(published.id)}`)
    expect(response.status).to.equal(200)
    const text = textOf(response.text)
    expect(text).to.contain('Riverside Food Bank').and.contain('Riverside Safeguarding Children Partnership').and.contain('Review due')
    expect(text).to.contain('Listing here is not an accreditation').and.contain('Two adults in changing areas at all times').and.contain('Siân Llŷr').and.contain('Gökhan Şahin, Chair of trustees')
    expect(text).to.contain('Version 2 (this page)')
    expect(response.text).to.contain(`${base(published.id)}/versions/1"`)
    for (const internal of ['SECRET RETURNED PRINCIPLES', 'Risk 1 needs a procedure for trips away', '@statements.test', 'riverside.test', 'Sign out']) expect(response.text).not.to.contain(internal)
    expect(response.headers['cache-control']).to.equal('public, max-age=300')
    expect(response.headers['last-modified']).to.be.a('string')
    const again = await newAgent().get(`${base(published.id)}`).set('If-None-Match', response.headers.etag)
    expect(again.status).to.equal(304)
    const pdf = await newAgent().get(`${base(published.id)}/statement.pdf`)
    expect((await newAgent().get(`${base(published.id)}/statement.pdf`).set('If-None-Match', pdf.headers.etag)).status).to.equal(304)
  })

  it('shows a superseded version as history, and its PDF', async () => {
    const response = await newAgent().get(`${base(published.id)}/versions/1`)
    expect(response.status).to.equal(200)
    expect(textOf(response.text)).to.contain('This is an earlier version').and.contain('See the current statement')
    const pdf = await newAgent().get(`${base(published.id)}/versions/1.pdf`)
    expect(pdf.status).to.equal(200)
    expect(pdf.headers['content-type']).to.equal('application/pdf')
    expect((await newAgent().get(`${base(published.id)}/statement.pdf`)).status).to.equal(200)
  })

  it('never shows a draft, submitted or returned statement publicly', async () => {
    const versions = await Statement.findAll({ where: { organisationId: published.id, status: 'returned' } })
    expect(versions).to.have.length(1)
    for (const statement of versions) {
      expect((await newAgent().get(`${base(published.id)}/versions/${statement.version}`)).status).to.equal(404)
      expect((await newAgent().get(`${base(published.id)}/versions/${statement.version}.pdf`)).status).to.equal(404)
    }
    for (const organisation of [draftOnly, returnedOnly, submittedOnly]) {
      expect((await newAgent().get(`${base(organisation.id)}`)).status).to.equal(404)
      expect((await newAgent().get(`${base(organisation.id)}/statement.pdf`)).status).to.equal(404)
      expect((await newAgent().get(`${base(organisation.id)}/versions/1`)).status).to.equal(404)
      expect((await newAgent().get(`${base(organisation.id)}/versions/1.pdf`)).status).to.equal(404)
    }
    for (const odd of ['abc', '1e3', '-1', '99999999999999999999', "1'%20OR%201=1"]) {
      expect((await newAgent().get(base(odd))).status).to.equal(404)
      expect((await newAgent().get(`/directory/partnerships/${odd}/organisations/${published.id}`)).status).to.equal(404)
    }
  })

  it('shows an organisation’s statement only under a partnership it belongs to, and not once it has left', async () => {
    const elsewhere = (await Partnership.findOne({ where: { slug: { [Op.ne]: 'riverside' } } })) ?? (await Partnership.create({ name: 'Elsewhere Partnership', slug: 'elsewhere-public' }))
    expect((await newAgent().get(`/directory/partnerships/${elsewhere.id}/organisations/${published.id}`)).status).to.equal(404)
    const link = { organisationId: published.id, partnershipId: (await riverside()).id }
    const membership = testContext().sequelize.models.organisation_partnerships
    await membership.destroy({ where: link })
    try {
      expect((await newAgent().get(base(published.id))).status).to.equal(404)
    } finally {
      await membership.create(link)
    }
    expect((await newAgent().get(base(published.id))).status).to.equal(200)
  })

  it('emails the leads of statements due or overdue for review, once a day', async () => {
    const overdue = await organisationNamed('Riverside Young Carers')
    await Statement.destroy({ where: { organisationId: overdue.id } })
    const overdueLead = await leadOf(overdue)
    await statementFor(overdue, 'approved', { effectiveOn: isoIn(-800), reviewOn: isoIn(-70) })
    const today = todayInEngland()
    const lines = await sendStatementReminders(testContext().services, today)
    expect(lines.some((line) => line.startsWith(`${overdueLead.email}: Riverside Young Carers statement overdue for review`))).to.equal(true)
    expect(lines.some((line) => line.includes('Riverside Food Bank statement due for review'))).to.equal(true)
    const email = await OutboxEmail.findOne({ where: { toAddress: overdueLead.email }, order: [['id', 'DESC']] })
    expect(email!.subject).to.equal('Your Child Safeguarding Statement is overdue for review')
    expect(await sendStatementReminders(testContext().services, today)).to.deep.equal([])
    expect((await sendStatementReminders(testContext().services, isoIn(1))).some((line) => line.startsWith(overdueLead.email))).to.equal(true)
  })

  it('lists statements due or overdue for review for the partnership, the earliest first, and says when an organisation has no lead to email', async () => {
    const leaderless = await organisationNamed('Oakfield Special School')
    await Statement.destroy({ where: { organisationId: leaderless.id } })
    await statementFor(leaderless, 'approved', { effectiveOn: isoIn(-700), reviewOn: isoIn(-5) })
    await Membership.destroy({ where: { organisationId: leaderless.id, role: 'organisation_lead' } })
    const lines = await sendStatementReminders(testContext().services, isoIn(2))
    expect(lines).to.include(`no lead to email: Oakfield Special School statement overdue for review (${isoIn(-5)}), listed for the partnership only`)

    const qa = await signedInAgent('qa@riverside.test')
    const queue = textOf((await qa.get('/statements')).text)
    expect(queue).to.match(/Review due or overdue \(\d+\), the earliest first/)
    const listed = textOf((await qa.get('/statements?status=review')).text)
    expect(listed).to.contain('Oakfield Special School').and.contain('Riverside Young Carers')
    expect(listed).not.to.contain('Millbrook Swimming Club')
    expect(listed.indexOf('Riverside Young Carers')).to.be.lessThan(listed.indexOf('Oakfield Special School'))
  })
})
