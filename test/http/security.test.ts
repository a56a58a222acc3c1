import { expect } from 'chai'
import request from 'supertest'
import { OrganisationService } from '../../server/organisations/service'
import { csrfToken, newAgent, signedInAgent } from '../helpers/agents'
import { testContext } from '../helpers/testContext'

describe('web security', () => {
  it('sends security headers, with a CSP nonce that changes per request and matches the inline script', async () => {
    const first = await request(testContext().app).get('/sign-in')
    const second = await request(testContext().app).get('/sign-in')
    const nonceIn = (csp: string) => csp.match(/'nonce-([^']+)'/)?.[1]
    const csp = first.headers['content-security-policy']
    expect(csp).to.contain("default-src 'self'")
    expect(csp).to.contain("frame-ancestors 'none'")
    expect(nonceIn(csp)).to.be.a('string')
    expect(nonceIn(csp)).not.to.equal(nonceIn(second.headers['content-security-policy']))
    expect(first.text).to.contain(`<script nonce="${nonceIn(csp)}">`)
    expect(first.headers['x-content-type-options']).to.equal('nosniff')
    expect(first.headers['x-frame-options']).to.equal('SAMEORIGIN')
    expect(first.headers['strict-transport-security']).to.match(/max-age=\d+/)
    expect(first.headers['x-powered-by']).to.equal(undefined)
    expect(first.headers['x-request-id']).to.match(/^[\w-]+$/)
  })

  it('tells browsers not to keep signed-in pages', async () => {
    const agent = await signedInAgent('qa@riverside.test')
    expect((await agent.get('/dashboard')).headers['cache-control']).to.equal('no-store')
  })

  it('starts no session for a signed-out visitor who sees no form', async () => {
    const response = await request(testContext().app).get('/no-such-page')
    expect(response.headers['set-cookie']).to.equal(undefined)
  })

  it('sets the session cookie HttpOnly and SameSite=Lax', async () => {
    const response = await request(testContext().app).get('/sign-in')
    const cookie = String(response.headers['set-cookie'])
    expect(cookie).to.contain('assure.sid=')
    expect(cookie).to.contain('HttpOnly')
    expect(cookie).to.contain('SameSite=Lax')
  })

  it('refuses a state-changing request without a CSRF token with the 403 page, and changes nothing', async () => {
    const agent = await signedInAgent('admin@riverside.test')
    const response = await agent.post('/organisations/new').type('form').send({ name: 'No Token Org', role: 'named_organisation', sectorKey: 'faith', sizeTier: 'small', areaIds: '1' })
    expect(response.status).to.equal(403)
    expect(response.text).to.contain('This form has expired')
    const list = await agent.get('/organisations?q=No+Token+Org')
    expect(list.text).to.contain('0 organisations')
  })

  it('refuses a wrong CSRF token, and a token from another session', async () => {
    const agent = await signedInAgent('admin@riverside.test')
    const other = newAgent()
    const otherToken = await csrfToken(other)
    for (const _csrf of ['forged', otherToken]) {
      const response = await agent.post('/users/invite').type('form').send({ name: 'X', _csrf })
      expect(response.status).to.equal(403)
    }
  })

  it('answers a body over the limit with the 413 page', async () => {
    const agent = newAgent()
    const _csrf = await csrfToken(agent)
    const response = await agent.post('/sign-in').type('form').send({ email: 'a'.repeat(1100 * 1024), password: 'x', _csrf })
    expect(response.status).to.equal(413)
    expect(response.text).to.contain('What you sent is too large')
  })

  it('answers an unknown route with the 404 page', async () => {
    const response = await request(testContext().app).get('/no-such-page')
    expect(response.status).to.equal(404)
    expect(response.text).to.contain('Page not found')
    expect(response.text).to.contain('<title>Page not found – Assure</title>')
  })

  it('answers an unknown organisation with 404, not an error', async () => {
    const agent = await signedInAgent('admin@riverside.test')
    expect((await agent.get('/organisations/999999')).status).to.equal(404)
    expect((await agent.get('/organisations/not-a-number/edit')).status).to.equal(404)
  })

  describe('in production', () => {
    function failingApp(production: boolean) {
      const failing = Object.create(OrganisationService.prototype) as OrganisationService
      failing.list = async () => {
        throw new Error('secret database detail')
      }
      failing.sectors = testContext().services.organisations.sectors.bind(testContext().services.organisations)
      failing.areas = testContext().services.organisations.areas.bind(testContext().services.organisations)
      return testContext().buildApp({ config: { production }, services: { organisations: failing } })
    }

    it('shows the 500 page without a stack trace or the error message', async () => {
      const agent = await signedInAgent('admin@riverside.test', undefined, failingApp(true))
      const response = await agent.get('/organisations')
      expect(response.status).to.equal(500)
      expect(response.text).to.contain('Sorry, there is a problem with the service')
      expect(response.text).not.to.contain('secret database detail')
      expect(response.text).not.to.match(/at .*\.ts:\d+/)
    })

    it('shows the stack trace in development, to help the developer', async () => {
      const agent = await signedInAgent('admin@riverside.test', undefined, failingApp(false))
      const response = await agent.get('/organisations')
      expect(response.status).to.equal(500)
      expect(response.text).to.contain('secret database detail')
    })

    it('shows the 404 page without details', async () => {
      const response = await request(testContext().buildApp({ config: { production: true } })).get('/missing')
      expect(response.status).to.equal(404)
      expect(response.text).to.contain('Page not found')
    })
  })
})
