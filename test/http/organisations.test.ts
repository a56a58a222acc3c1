import { expect } from 'chai'
import { Area, AuditEvent, Organisation, Partnership } from '../../server/db/models'
import { Agent, postForm, signedInAgent } from '../helpers/agents'

describe('organisations', () => {
  let admin: Agent
  let riverside: Area
  let millbrook: Area

  before(async () => {
    admin = await signedInAgent('admin@riverside.test')
    riverside = (await Area.findOne({ where: { name: 'Riverside' } }))!
    millbrook = (await Area.findOne({ where: { name: 'Millbrook' } }))!
  })

  it('lists the partnership’s active organisations, 25 a page', async () => {
    const active = await Organisation.count({
      where: { active: true },
      include: [{ model: Partnership, as: 'partnerships', where: { slug: 'riverside' }, through: { attributes: [] } }],
    })
    expect(active).to.be.greaterThan(30)
    const page1 = await admin.get('/organisations')
    expect(page1.text).to.contain(`${active} organisations`)
    expect(page1.text.match(/href="\/organisations\/\d+"/g)).to.have.length(25)
    const page2 = await admin.get('/organisations?page=2')
    expect(page2.text.match(/href="\/organisations\/\d+"/g)).to.have.length(Math.min(25, active - 25))
    expect(page2.text).to.contain('govuk-pagination')
  })

  it('filters by role, sector and area, keeping the filters in the form', async () => {
    const partners = await admin.get('/organisations?role=safeguarding_partner')
    expect(partners.text).to.contain('4 organisations')
    expect(partners.text).to.contain('Riverside and Millbrook Police')
    expect(partners.text).not.to.contain('Eastside Youth Club')

    const faithInMillbrook = await admin.get(`/organisations?sector=faith&area=${millbrook.id}`)
    expect(faithInMillbrook.text).to.contain('1 organisation<')
    expect(faithInMillbrook.text).to.contain('Millbrook Mosque Education Centre')
    expect(faithInMillbrook.text).to.match(/<option value="faith" selected>/)

    const byName = await admin.get('/organisations?q=academy')
    expect(byName.text).to.contain('Millbrook Academy')
    expect(byName.text).to.contain('Millbrook Boxing Academy')
    expect(byName.text).not.to.contain('Eastside Youth Club')
  })

  it('re-displays everything typed, with an error summary, when the form is incomplete', async () => {
    const response = await postForm(admin, '/organisations/new', { name: 'Half-filled Trust', sizeTier: 'medium', areaIds: [String(riverside.id)] })
    expect(response.status).to.equal(400)
    expect(response.text).to.contain('<title>Error: Add an organisation')
    expect(response.text).to.contain('Select the organisation’s role in the partnership')
    expect(response.text).to.contain('Select a sector')
    expect(response.text).to.contain('value="Half-filled Trust"')
    expect(response.text).to.match(/value="medium" checked/)
    expect(response.text).to.match(new RegExp(`value="${riverside.id}" checked`))
    expect(await Organisation.count({ where: { name: 'Half-filled Trust' } })).to.equal(0)
  })

  it('refuses a sector that is not on the list (a tampered form) with a message, not an error', async () => {
    const response = await postForm(admin, '/organisations/new', { name: 'Tampered Club', role: 'named_organisation', sectorKey: 'bogus', sizeTier: 'small', areaIds: [String(riverside.id)] })
    expect(response.status).to.equal(400)
    expect(response.text).to.contain('Select a sector from the list')
    expect(response.text).to.contain('value="Tampered Club"')
  })

  it('refuses areas from outside the partnership', async () => {
    const response = await postForm(admin, '/organisations/new', { name: 'Wrong Area Club', role: 'named_organisation', sectorKey: 'sport-leisure', sizeTier: 'small', areaIds: ['999999'] })
    expect(response.status).to.equal(400)
    expect(response.text).to.contain('Select areas from this partnership')
  })

  it('creates, edits and deactivates an organisation, writing an audit event for each change', async () => {
    const created = await postForm(admin, '/organisations/new', {
      name: 'Northbank Boxing <Club>',
      role: 'named_organisation',
      sectorKey: 'sport-leisure',
      sizeTier: 'small',
      areaIds: [String(riverside.id), String(millbrook.id)],
    })
    expect(created.status).to.equal(302)
    const id = Number(created.headers.location.split('/').pop())
    const page = await admin.get(`/organisations/${id}`)
    expect(page.text).to.contain('Northbank Boxing &lt;Club&gt;')
    expect(page.text).to.contain('Riverside, Millbrook')
    expect(page.text).to.contain('has been added')

    await postForm(admin, `/organisations/${id}/edit`, {
      name: 'Northbank Boxing Club',
      role: 'named_organisation',
      sectorKey: 'sport-leisure',
      sizeTier: 'medium',
      areaIds: String(millbrook.id),
    })
    await postForm(admin, `/organisations/${id}/deactivate`)
    const organisation = (await Organisation.findByPk(id, { include: [{ model: Area, as: 'areas' }] }))!
    expect(organisation.name).to.equal('Northbank Boxing Club')
    expect(organisation.sizeTier).to.equal('medium')
    expect(organisation.active).to.equal(false)
    expect(organisation.areas!.map((area) => area.name)).to.deep.equal(['Millbrook'])

    const events = await AuditEvent.findAll({ where: { entityType: 'organisation', entityId: String(id) }, order: [['id', 'ASC']] })
    expect(events.map((event) => event.action)).to.deep.equal(['organisation.created', 'organisation.updated', 'organisation.deactivated'])
    const update = events[1]
    expect(update.actorUserId).to.be.a('number')
    expect((update.before as { sizeTier: string }).sizeTier).to.equal('small')
    expect((update.after as { sizeTier: string }).sizeTier).to.equal('medium')

    const activity = await admin.get('/activity')
    expect(activity.text).to.contain('Organisation deactivated (organisation')
    expect(activity.text).to.contain('sizeTier: small → medium')

    expect((await admin.get('/organisations?q=Northbank')).text).to.contain('0 organisations')
    expect((await admin.get('/organisations?q=Northbank&status=inactive')).text).to.contain('1 organisation<')
  })

  it('shows an organisation lead their own organisation but not another', async () => {
    const lead = await signedInAgent('lead@youthclub.riverside.test')
    const own = (await Organisation.findOne({ where: { name: 'Eastside Youth Club' } }))!
    const other = (await Organisation.findOne({ where: { name: 'Millbrook Academy' } }))!
    const ownPage = await lead.get(`/organisations/${own.id}`)
    expect(ownPage.status).to.equal(200)
    expect(ownPage.text).not.to.contain('Deactivate organisation')
    expect((await lead.get(`/organisations/${other.id}`)).status).to.equal(403)
  })
})
