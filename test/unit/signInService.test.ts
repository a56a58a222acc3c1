import { expect } from 'chai'
import { hashPassword } from '../../server/auth/password'
import { Membership, Organisation, User } from '../../server/db/models'
import { SignInService } from '../../server/signIn/service'

const PASSWORD = 'a good long password'

async function createUser(email: string) {
  const organisation = (await Organisation.findOne({ where: { name: 'Riverside Food Bank' } }))!
  const user = await User.create({ email, name: 'Window', passwordHash: await hashPassword(PASSWORD) })
  await Membership.create({ userId: user.id, role: 'organisation_lead', organisationId: organisation.id, partnershipId: null })
}

function clock(start: string) {
  let now = new Date(start)
  return { now: () => now, at: (minutes: number) => (now = new Date(new Date(start).getTime() + minutes * 60000)) }
}

describe('SignInService lock-out', () => {
  it('locks an account for 15 minutes from its fifth failure, then lets it in', async () => {
    await createUser('window@riverside.test')
    const time = clock('2026-01-01T09:00:00Z')
    const service = new SignInService(time.now)
    for (const minute of [0, 1, 2, 3, 14]) {
      time.at(minute)
      expect((await service.signIn('window@riverside.test', 'wrong', `192.0.2.${minute}`)).outcome).to.equal('invalid')
    }
    time.at(16)
    expect((await service.signIn('window@riverside.test', PASSWORD, '192.0.2.99')).outcome).to.equal('locked')
    time.at(28.9)
    expect((await service.signIn('window@riverside.test', PASSWORD, '192.0.2.99')).outcome).to.equal('locked')
    time.at(29.1)
    const result = await service.signIn('window@riverside.test', PASSWORD, '192.0.2.99')
    expect(result.outcome).to.equal('signed-in')
    if (result.outcome === 'signed-in') expect(result.user.memberships[0].organisationName).to.equal('Riverside Food Bank')
  })

  it('lets no more than 5 guesses through when they arrive all at once', async () => {
    await createUser('parallel@riverside.test')
    const service = new SignInService()
    const outcomes = await Promise.all(Array.from({ length: 15 }, (_, index) => service.signIn('parallel@riverside.test', `guess ${index}`, `198.51.100.${index}`)))
    expect(outcomes.filter((outcome) => outcome.outcome === 'invalid').length).to.be.at.most(5)
    expect((await service.signIn('parallel@riverside.test', PASSWORD, '198.51.100.200')).outcome).to.equal('locked')
  })

  it('lets 30 people sign in at once from one office network', async () => {
    const emails = Array.from({ length: 30 }, (_, index) => `office${index}@riverside.test`)
    for (const email of emails) await createUser(email)
    const service = new SignInService()
    const outcomes = await Promise.all(emails.map((email) => service.signIn(email, PASSWORD, '192.0.2.250')))
    expect(outcomes.map((outcome) => outcome.outcome)).to.deep.equal(Array(30).fill('signed-in'))
  })

  it('starts counting again after a successful sign-in', async () => {
    await createUser('reset@riverside.test')
    const time = clock('2026-02-01T09:00:00Z')
    const service = new SignInService(time.now)
    for (let i = 0; i < 4; i++) expect((await service.signIn('reset@riverside.test', 'wrong', '203.0.113.1')).outcome).to.equal('invalid')
    time.at(1)
    expect((await service.signIn('reset@riverside.test', PASSWORD, '203.0.113.1')).outcome).to.equal('signed-in')
    time.at(2)
    for (let i = 0; i < 4; i++) expect((await service.signIn('reset@riverside.test', 'wrong', '203.0.113.2')).outcome).to.equal('invalid')
    expect((await service.signIn('reset@riverside.test', PASSWORD, '203.0.113.3')).outcome).to.equal('signed-in')
  })
})
