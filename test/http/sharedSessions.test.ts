import { expect } from 'chai'
import request from 'supertest'
import { DEMO_PASSWORD } from '../../server/demo/demoData'
import { csrfTokenIn } from '../helpers/agents'
import { testContext } from '../helpers/testContext'

describe('several app instances on one database', () => {
  it('share sessions: signed in through one instance, the next request can land on another', async () => {
    const instanceA = testContext().buildApp()
    const instanceB = testContext().buildApp()
    const signInPage = await request(instanceA).get('/sign-in').set('X-Forwarded-For', '10.9.9.9')
    const cookie = String(signInPage.headers['set-cookie']).split(';')[0]
    const signedIn = await request(instanceA)
      .post('/sign-in')
      .set('Cookie', cookie)
      .set('X-Forwarded-For', '10.9.9.9')
      .type('form')
      .send({ email: 'qa@riverside.test', password: DEMO_PASSWORD, _csrf: csrfTokenIn(signInPage.text) })
    const sessionCookie = String(signedIn.headers['set-cookie']).split(';')[0]
    const onB = await request(instanceB).get('/dashboard').set('Cookie', sessionCookie)
    expect(onB.status).to.equal(200)
    expect(onB.text).to.contain('Sam Okafor')
    expect((await request(instanceB).get('/dashboard')).status).to.equal(302)
  })
})
