import { expect } from 'chai'
import { hashPassword } from '../../server/auth/password'
import { Membership, Organisation, User } from '../../server/db/models'
import { DEMO_PASSWORD } from '../../server/demo/demoData'
import { Agent, csrfToken, newAgent, signedInAgent } from '../helpers/agents'

async function attempt(agent: Agent, email: string, password: string) {
  const _csrf = await csrfToken(agent)
  return agent.post('/sign-in').type('form').send({ email, password, _csrf })
}

async function createUser(email: string, password = 'correct horse battery') {
  const organisation = (await Organisation.findOne({ where: { name: 'Riverside Food Bank' } }))!
  const user = await User.create({ email, name: 'Test Person', passwordHash: await hashPassword(password) })
  await Membership.create({ userId: user.id, role: 'organisation_contributor', organisationId: organisation.id, partnershipId: null })
  return user
}

describe('sign-in', () => {
  it('signs in with the right password, regenerating the session, and lands on the dashboard', async () => {
    const agent = newAgent()
    const before = await agent.get('/sign-in')
    const cookieBefore = String(before.headers['set-cookie'])
    const _csrf = (before.text.match(/name="_csrf" value="([^"]+)"/) ?? [])[1]
    const response = await agent.post('/sign-in').type('form').send({ email: 'ADMIN@riverside.test ', password: DEMO_PASSWORD, _csrf })
    expect(response.status).to.equal(302)
    expect(response.headers.location).to.equal('/dashboard')
    const sessionId = (cookie: string) => cookie.match(/assure\.sid=([^;]+)/)?.[1]
    expect(sessionId(String(response.headers['set-cookie']))).to.be.a('string').and.not.equal(sessionId(cookieBefore))
    const dashboard = await agent.get('/dashboard')
    expect(dashboard.status).to.equal(200)
    expect(dashboard.text).to.contain('Alex Morgan')
    expect(dashboard.text).to.contain('Riverside Safeguarding Children Partnership')
  })

  it('gives one generic message for a wrong password and for an unknown account, keeping the email typed', async () => {
    const wrongPassword = await attempt(newAgent(), 'qa@riverside.test', 'not the password')
    const unknownAccount = await attempt(newAgent(), 'nobody@riverside.test', 'not the password')
    for (const response of [wrongPassword, unknownAccount]) {
      expect(response.status).to.equal(401)
      expect(response.text).to.contain('Enter a correct email address and password')
      expect(response.text).to.contain('<title>Error: Sign in')
      expect(response.text).to.contain('govuk-error-summary')
    }
    expect(wrongPassword.text).to.contain('value="qa@riverside.test"')
  })

  it('asks for both fields when they are empty', async () => {
    const response = await attempt(newAgent(), '', '')
    expect(response.status).to.equal(400)
    expect(response.text).to.contain('Enter your email address')
    expect(response.text).to.contain('Enter your password')
  })

  it('returns the user to the page they asked for, but only within the site', async () => {
    const agent = newAgent()
    expect((await agent.get('/users')).headers.location).to.equal('/sign-in')
    const response = await attempt(agent, 'admin@riverside.test', DEMO_PASSWORD)
    expect(response.headers.location).to.equal('/users')
  })

  it('locks an account for 15 minutes after 5 failed attempts, even from different addresses and with the right password', async () => {
    await createUser('lockout-account@riverside.test')
    for (let failure = 1; failure <= 5; failure++) {
      expect((await attempt(newAgent(), 'lockout-account@riverside.test', 'wrong password!')).status).to.equal(401)
    }
    const locked = await attempt(newAgent(), 'lockout-account@riverside.test', 'correct horse battery')
    expect(locked.status).to.equal(429)
    expect(locked.text).to.contain('Too many failed sign-in attempts. Wait 15 minutes, then try again.')
  })

  it('refuses an address after 20 failed attempts within 15 minutes, whichever accounts it tries', async () => {
    await createUser('lockout-address@riverside.test')
    const agent = newAgent()
    for (let failure = 1; failure <= 20; failure++) {
      expect((await attempt(agent, `guess-${failure}@riverside.test`, 'wrong password!')).status).to.equal(401)
    }
    expect((await attempt(agent, 'lockout-address@riverside.test', 'correct horse battery')).status).to.equal(429)
    expect((await attempt(newAgent(), 'lockout-address@riverside.test', 'correct horse battery')).status).to.equal(302)
  })

  it('refuses a deactivated account with the same generic message', async () => {
    const user = await createUser('deactivated@riverside.test')
    await user.update({ active: false })
    const response = await attempt(newAgent(), 'deactivated@riverside.test', 'correct horse battery')
    expect(response.status).to.equal(401)
    expect(response.text).to.contain('Enter a correct email address and password')
  })

  it('signs out: the session ends and pages need signing in again', async () => {
    const agent = await signedInAgent('auditor@riverside.test')
    const _csrf = await csrfToken(agent, '/dashboard')
    const response = await agent.post('/sign-out').type('form').send({ _csrf })
    expect(response.headers.location).to.equal('/sign-in?signedOut=1')
    expect((await agent.get('/sign-in?signedOut=1')).text).to.contain('You have signed out')
    expect((await agent.get('/dashboard')).headers.location).to.equal('/sign-in')
  })
})
