import { expect } from 'chai'
import { hashPassword } from '../../server/auth/password'
import { Membership, Organisation, User } from '../../server/db/models'
import { SignInService } from '../../server/signIn/service'

describe('SignInService lock-out window', () => {
  it('lets an account try again once 15 minutes have passed since its failures', async () => {
    const organisation = (await Organisation.findOne({ where: { name: 'Riverside Food Bank' } }))!
    const user = await User.create({ email: 'window@riverside.test', name: 'Window', passwordHash: await hashPassword('a good long password') })
    await Membership.create({ userId: user.id, role: 'organisation_lead', organisationId: organisation.id, partnershipId: null })
    let now = new Date('2026-01-01T09:00:00Z')
    const service = new SignInService(() => now)
    for (let failure = 0; failure < 5; failure++) expect((await service.signIn('window@riverside.test', 'wrong', '192.0.2.1')).outcome).to.equal('invalid')
    now = new Date('2026-01-01T09:14:00Z')
    expect((await service.signIn('window@riverside.test', 'a good long password', '192.0.2.2')).outcome).to.equal('locked')
    now = new Date('2026-01-01T09:15:01Z')
    const result = await service.signIn('window@riverside.test', 'a good long password', '192.0.2.2')
    expect(result.outcome).to.equal('signed-in')
    if (result.outcome === 'signed-in') {
      expect(result.user.memberships.map((membership) => membership.role)).to.deep.equal(['organisation_lead'])
      expect(result.user.memberships[0].organisationName).to.equal('Riverside Food Bank')
    }
  })
})
