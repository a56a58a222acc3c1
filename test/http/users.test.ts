import { expect } from 'chai'
import request from 'supertest'
import { AuditEventService } from '../../server/auditEvents/service'
import { AuditEvent, Membership, Organisation, User } from '../../server/db/models'
import { UserService } from '../../server/users/service'
import { Agent, csrfToken, newAgent, postForm, signedInAgent } from '../helpers/agents'
import { testContext } from '../helpers/testContext'

function invitationPath(email: string): string {
  const text = testContext().mailer.lastTo(email)?.text ?? ''
  const match = text.match(/http:\/\/assure\.test(\/invitations\/[\w-]+)/)
  if (!match) throw new Error(`No invitation link was emailed to ${email}`)
  return match[1]
}

describe('users, roles and invitations', () => {
  let admin: Agent
  let foodBank: Organisation

  before(async () => {
    admin = await signedInAgent('admin@riverside.test')
    foodBank = (await Organisation.findOne({ where: { name: 'Riverside Food Bank' } }))!
  })

  it('explains what is missing from an invitation and keeps what was typed', async () => {
    const response = await postForm(admin, '/users/invite', { name: 'Dana Reyes', email: 'not-an-email', role: 'organisation_lead', organisationId: '' })
    expect(response.status).to.equal(400)
    expect(response.text).to.contain('Enter an email address in the correct format, like name@example.com')
    expect(response.text).to.contain('Select the organisation for this role')
    expect(response.text).to.contain('value="Dana Reyes"')
    expect(response.text).to.contain('value="not-an-email"')
  })

  it('gives a role to someone who already has an account, without a new sign-up link', async () => {
    const response = await postForm(admin, '/users/invite', { name: 'Sam', email: 'qa@riverside.test', role: 'auditor' })
    expect(response.status).to.equal(302)
    const sam = (await User.findOne({ where: { email: 'qa@riverside.test' } }))!
    expect(await Membership.count({ where: { userId: sam.id, role: 'auditor' } })).to.equal(1)
    expect(testContext().mailer.lastTo('qa@riverside.test')?.subject).to.equal('You have a new role in Assure')
    expect((await admin.get(response.headers.location)).text).to.contain('Sam Okafor already had an account: the role has been added')
    await Membership.destroy({ where: { userId: sam.id, role: 'auditor' } })
  })

  it('finds again a person whose roles were all removed, by inviting them', async () => {
    const police = (await Organisation.findOne({ where: { name: 'Riverside and Millbrook Police' } }))!
    const user = await User.create({ email: 'former@police.test', name: 'Former Officer', passwordHash: 'scrypt$1$1$1$x$y' })
    expect((await admin.get(`/users/${user.id}`)).status).to.equal(404)
    await postForm(admin, '/users/invite', { name: 'Former Officer', email: 'former@police.test', role: 'organisation_contributor', organisationId: String(police.id) })
    expect((await admin.get(`/users/${user.id}`)).status).to.equal(200)
  })

  it('invites a person by a single-use link; they set a password and sign in', async () => {
    const invited = await postForm(admin, '/users/invite', {
      name: 'Dana Reyes',
      email: 'Dana.Reyes@foodbank.test',
      role: 'organisation_lead',
      organisationId: String(foodBank.id),
    })
    expect(invited.status).to.equal(302)
    const user = (await User.findOne({ where: { email: 'dana.reyes@foodbank.test' } }))!
    expect(user.passwordHash).to.equal(null)
    expect((await admin.get(`/users/${user.id}`)).text).to.contain('Invited, waiting for them to set a password')

    const link = invitationPath('dana.reyes@foodbank.test')
    const invitee = newAgent()
    const form = await invitee.get(link)
    expect(form.status).to.equal(200)
    expect(form.text).to.contain('dana.reyes@foodbank.test')

    const _csrf = await csrfToken(invitee, link)
    const tooShort = await invitee.post(link).type('form').send({ password: 'short', confirmPassword: 'short', _csrf })
    expect(tooShort.status).to.equal(400)
    expect(tooShort.text).to.contain('Password must be at least 12 characters')
    const spaces = await invitee.post(link).type('form').send({ password: ' '.repeat(14), confirmPassword: ' '.repeat(14), _csrf })
    expect(spaces.text).to.contain('Password must have at least 12 characters that are not spaces')
    const mismatch = await invitee.post(link).type('form').send({ password: 'long enough password', confirmPassword: 'long enough passw0rd', _csrf })
    expect(mismatch.text).to.contain('Passwords do not match')

    const accepted = await invitee.post(link).type('form').send({ password: 'long enough password', confirmPassword: 'long enough password', _csrf })
    expect(accepted.headers.location).to.equal('/sign-in')
    expect((await invitee.get('/sign-in')).text).to.contain('Your password is set')

    expect((await newAgent().get(link)).status).to.equal(410)
    const dana = await signedInAgent('dana.reyes@foodbank.test', 'long enough password')
    expect((await dana.get('/dashboard')).text).to.contain('Organisation lead, Riverside Food Bank')

    const actions = (await AuditEvent.findAll({ where: { entityType: 'user', entityId: String(user.id) }, order: [['id', 'ASC']] })).map((event) => event.action)
    expect(actions).to.deep.equal(['membership.added', 'user.invited', 'user.invitation_accepted'])
  })

  it('expires invitation links after 7 days, and a resent invitation replaces the old link', async () => {
    await postForm(admin, '/users/invite', { name: 'Lee Hart', email: 'lee.hart@foodbank.test', role: 'organisation_contributor', organisationId: String(foodBank.id) })
    const firstLink = invitationPath('lee.hart@foodbank.test')
    const token = firstLink.split('/').pop()!
    const { sequelize, mailer } = testContext()
    const inDays = (days: number) => new UserService(sequelize, new AuditEventService(), mailer, 'http://assure.test', () => new Date(Date.now() + days * 86400000))
    expect(await inDays(6.9).findUsableInvitation(token)).not.to.equal(null)
    expect(await inDays(7.1).findUsableInvitation(token)).to.equal(null)

    const lee = (await User.findOne({ where: { email: 'lee.hart@foodbank.test' } }))!
    await postForm(admin, `/users/${lee.id}/invitation`)
    const secondLink = invitationPath('lee.hart@foodbank.test')
    expect(secondLink).not.to.equal(firstLink)
    expect((await request(testContext().app).get(firstLink)).status).to.equal(410)
    expect((await request(testContext().app).get(secondLink)).status).to.equal(200)
  })

  it('adds and removes roles, recording each change', async () => {
    const auditor = (await User.findOne({ where: { email: 'auditor@riverside.test' } }))!
    const added = await postForm(admin, `/users/${auditor.id}/memberships`, { role: 'qa_reviewer', organisationId: '' })
    expect(added.status).to.equal(302)
    const membership = (await Membership.findOne({ where: { userId: auditor.id, role: 'qa_reviewer' } }))!
    expect(membership.partnershipId).to.be.a('number')

    const duplicate = await postForm(admin, `/users/${auditor.id}/memberships`, { role: 'qa_reviewer', organisationId: '' })
    expect(duplicate.status).to.equal(400)
    expect(duplicate.text).to.contain('Jordan Ellis already has this role')

    await postForm(admin, `/users/${auditor.id}/memberships/${membership.id}/remove`)
    expect(await Membership.count({ where: { userId: auditor.id, role: 'qa_reviewer' } })).to.equal(0)
    const actions = (await AuditEvent.findAll({ where: { entityType: 'user', entityId: String(auditor.id) } })).map((event) => event.action)
    expect(actions).to.include.members(['membership.added', 'membership.removed'])
  })

  it('stops an admin removing their own admin role or deactivating themselves', async () => {
    const self = (await User.findOne({ where: { email: 'admin@riverside.test' } }))!
    const adminMembership = (await Membership.findOne({ where: { userId: self.id, role: 'partnership_admin' } }))!
    const removal = await postForm(admin, `/users/${self.id}/memberships/${adminMembership.id}/remove`)
    expect(removal.status).to.equal(400)
    expect(removal.text).to.contain('You cannot remove your own admin role')
    const deactivation = await postForm(admin, `/users/${self.id}/deactivate`)
    expect(deactivation.status).to.equal(400)
    expect(await Membership.count({ where: { id: adminMembership.id } })).to.equal(1)
  })

  it('ends a deactivated user’s session at once', async () => {
    const dana = await signedInAgent('dana.reyes@foodbank.test', 'long enough password')
    const user = (await User.findOne({ where: { email: 'dana.reyes@foodbank.test' } }))!
    await postForm(admin, `/users/${user.id}/deactivate`)
    expect((await dana.get('/dashboard')).headers.location).to.equal('/sign-in')
    await postForm(admin, `/users/${user.id}/reactivate`)
    expect((await User.findByPk(user.id))!.active).to.equal(true)
  })

  it('lists users with their roles, escaping what they typed', async () => {
    await postForm(admin, '/users/invite', { name: 'Robin <b>Bold</b>', email: 'robin.bold@foodbank.test', role: 'auditor' })
    const list = await admin.get('/users')
    expect(list.text).to.contain('Dana Reyes')
    expect(list.text).to.contain('Organisation lead, Riverside Food Bank')
    expect(list.text).to.contain('Robin &lt;b&gt;Bold&lt;/b&gt;')
    expect(list.text).not.to.contain('<b>Bold</b>')
  })
})
