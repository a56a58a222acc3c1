import { expect } from 'chai'
import { hashPassword } from '../../server/auth/password'
import { Area, AuditEvent, Membership, Organisation, Partnership, User } from '../../server/db/models'
import { Agent, postForm, signedInAgent } from '../helpers/agents'

describe('people and organisations in more than one partnership', () => {
  let northbank: Partnership
  let riverside: Partnership
  let both: Agent

  before(async () => {
    riverside = (await Partnership.findOne({ where: { slug: 'riverside' } }))!
    northbank = await Partnership.create({ name: 'Eastport Safeguarding Children Partnership', slug: 'eastport' })
    const user = await User.create({ email: 'admin@eastport.test', name: 'Eastport Admin', passwordHash: await hashPassword('eastport admin password') })
    await Membership.create({ userId: user.id, role: 'partnership_admin', partnershipId: northbank.id, organisationId: null })
    const foodBank = (await Organisation.findOne({ where: { name: 'Riverside Food Bank' } }))!
    await Membership.create({ userId: user.id, role: 'organisation_contributor', organisationId: foodBank.id, partnershipId: null })
    both = await signedInAgent('admin@eastport.test', 'eastport admin password')
  })

  it('works in one partnership at a time, switching from the header', async () => {
    const riversideFirst = riverside.id < northbank.id
    const start = await both.get('/dashboard')
    expect(start.text).to.contain('Change partnership')
    const choose = await both.get('/partnerships')
    expect(choose.text).to.contain('Eastport Safeguarding Children Partnership')
    expect(choose.text).to.contain('Riverside Safeguarding Children Partnership')

    await postForm(both, '/partnerships', { partnershipId: String(northbank.id) })
    const asAdmin = await both.get('/users')
    expect(asAdmin.status).to.equal(200)
    expect(asAdmin.text).to.contain('Eastport Admin')
    expect((await both.get('/dashboard')).text).to.contain('href="/users"')

    await postForm(both, '/partnerships', { partnershipId: String(riverside.id) })
    const dashboard = await both.get('/dashboard')
    expect(dashboard.text).to.contain('Assure<span class="app-partnership-name"> – Riverside Safeguarding Children Partnership')
    expect(dashboard.text).not.to.contain('href="/users"')
    expect((await both.get('/users')).status).to.equal(403)
    expect(riversideFirst).to.equal(true)
  })

  it('refuses a partnership the person does not belong to', async () => {
    const other = await Partnership.create({ name: 'Westfield Safeguarding Children Partnership', slug: 'westfield' })
    const response = await postForm(both, '/partnerships', { partnershipId: String(other.id) })
    expect(response.status).to.equal(400)
    expect(response.text).to.contain('Select one of your partnerships')
  })
})

describe('changes that reach another partnership', () => {
  let riversideAdmin: Agent
  let riverside: Partnership
  let eastgate: Partnership
  let shared: Organisation

  before(async () => {
    riversideAdmin = await signedInAgent('admin@riverside.test')
    riverside = (await Partnership.findOne({ where: { slug: 'riverside' } }))!
    eastgate = await Partnership.create({ name: 'Eastgate Safeguarding Children Partnership', slug: 'eastgate' })
    shared = (await Organisation.findOne({ where: { name: 'Riverside Homes Housing Association' } }))!
    await shared.sequelize.models.organisation_partnerships.create({ organisationId: shared.id, partnershipId: eastgate.id })
  })

  it('will not deactivate the account of a person who also works for another partnership', async () => {
    const lead = await User.create({ email: 'lead@homes.test', name: 'Homes Lead', passwordHash: null })
    await Membership.create({ userId: lead.id, role: 'organisation_lead', organisationId: shared.id, partnershipId: null })
    const response = await postForm(riversideAdmin, `/users/${lead.id}/deactivate`)
    expect(response.status).to.equal(400)
    expect(response.text).to.contain('Homes Lead also has roles in another partnership, so the account stays active')
    expect((await lead.reload()).active).to.equal(true)
  })

  it('shows a change to a shared organisation on each partnership’s activity', async () => {
    await postForm(riversideAdmin, `/organisations/${shared.id}/deactivate`)
    const events = await AuditEvent.findAll({ where: { action: 'organisation.deactivated', entityId: String(shared.id) } })
    expect(events.map((event) => event.partnershipId).sort()).to.deep.equal([riverside.id, eastgate.id].sort())
    await postForm(riversideAdmin, `/organisations/${shared.id}/reactivate`)
  })
})

describe('adding an organisation another partnership already has', () => {
  it('finds it by name, adds it with this partnership’s areas, and refuses to add it twice', async () => {
    const westbank = await Partnership.create({ name: 'Westbank Safeguarding Children Partnership', slug: 'westbank' })
    const trust = await Organisation.create({ name: 'Westbank and Riverside NHS Trust', role: 'relevant_agency', sectorKey: 'nhs-provider', sizeTier: 'large' })
    await trust.sequelize.models.organisation_partnerships.create({ organisationId: trust.id, partnershipId: westbank.id })
    const admin = await signedInAgent('admin@riverside.test')

    const search = await admin.get('/organisations/elsewhere?q=westbank')
    expect(search.text).to.contain('1 organisation found in other partnerships')
    expect(search.text).to.contain('Westbank Safeguarding Children Partnership')
    expect((await admin.get('/organisations/elsewhere?q=riverside food')).text).to.contain('0 organisations found')

    const path = `/organisations/${trust.id}/join`
    const noArea = await postForm(admin, path, {}, path)
    expect(noArea.status).to.equal(400)
    expect(noArea.text).to.contain('Select at least one area it works in')

    const riverside = (await Partnership.findOne({ where: { slug: 'riverside' } }))!
    const area = (await Area.findOne({ where: { partnershipId: riverside.id, name: 'Riverside' } }))!
    expect((await postForm(admin, path, { areaIds: String(area.id) }, path)).status).to.equal(302)
    expect((await admin.get(`/organisations/${trust.id}`)).text).to.contain('Riverside Safeguarding Children Partnership, Westbank Safeguarding Children Partnership')
    const again = await postForm(admin, path, { areaIds: String(area.id) }, path)
    expect(again.status).to.equal(400)
    expect(again.text).to.contain('is already in this partnership')
    const events = await AuditEvent.findAll({ where: { action: 'organisation.joined_partnership', entityId: String(trust.id) } })
    expect(events.map((event) => event.partnershipId).sort()).to.deep.equal([westbank.id, riverside.id].sort())
  })
})
