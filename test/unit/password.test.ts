import { expect } from 'chai'
import { UNMATCHABLE_HASH, hashPassword, verifyPassword } from '../../server/auth/password'

describe('password hashing (scrypt)', () => {
  it('verifies the right password and rejects a wrong one', async () => {
    const hash = await hashPassword('a long enough passphrase')
    expect(hash).to.match(/^scrypt\$16384\$8\$1\$[\w+/=]+\$[\w+/=]+$/)
    expect(await verifyPassword('a long enough passphrase', hash)).to.equal(true)
    expect(await verifyPassword('a long enough passphrasE', hash)).to.equal(false)
  })

  it('salts each hash, so equal passwords store differently', async () => {
    expect(await hashPassword('same password here')).not.to.equal(await hashPassword('same password here'))
  })

  it('matches nothing with the placeholder hash or a malformed one', async () => {
    expect(await verifyPassword('', UNMATCHABLE_HASH)).to.equal(false)
    expect(await verifyPassword('anything', 'plain-text')).to.equal(false)
  })
})
