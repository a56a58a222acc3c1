import { expect } from 'chai'
import { withoutSecrets } from '../../server/middleware/setUpRequestLogging'

describe('request logging', () => {
  it('logs no query strings and no invitation tokens', () => {
    expect(withoutSecrets('/organisations?q=Riverside')).to.equal('/organisations')
    expect(withoutSecrets('/invitations/abcDEF123_-')).to.equal('/invitations/[token]')
    expect(withoutSecrets('/dashboard')).to.equal('/dashboard')
  })
})
