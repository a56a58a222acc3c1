import { expect } from 'chai'
import request from 'supertest'
import { DEMO_PASSWORD } from '../../server/demo/demoData'
import { csrfTokenIn } from '../helpers/agents'
import { testContext } from '../helpers/testContext'

describe('sessions in the database', () => {
  it('are not written by a page view that leaves them unchanged, and expire with the cookie last sent', async () => {
    const { app, sequelize } = testContext()
    const signInPage = await request(app).get('/sign-in').set('X-Forwarded-For', '10.8.8.8')
    const signedIn = await request(app)
      .post('/sign-in')
      .set('Cookie', String(signInPage.headers['set-cookie']).split(';')[0])
      .set('X-Forwarded-For', '10.8.8.8')
      .type('form')
      .send({ email: 'qa@riverside.test', password: DEMO_PASSWORD, _csrf: csrfTokenIn(signInPage.text) })
    const setCookie = String(signedIn.headers['set-cookie'])
    const cookie = setCookie.split(';')[0]
    const sid = decodeURIComponent(cookie.split('=')[1]).replace(/^s:/, '').split('.')[0]
    const row = async () => (await sequelize.models.Session.findByPk(sid))!.get({ plain: true }) as { expires: Date; updatedAt: Date }

    // The first page may add its form's CSRF token to the session; the second changes nothing.
    const first = await request(app).get('/dashboard').set('Cookie', cookie)
    expect(first.status).to.equal(200)
    const before = await row()
    await new Promise((resolve) => setTimeout(resolve, 20))
    const again = await request(app).get('/dashboard').set('Cookie', cookie)
    expect(again.status).to.equal(200)
    expect(again.headers['set-cookie']).to.equal(undefined)
    expect(await row()).to.deep.equal(before)

    const lastCookie = first.headers['set-cookie'] ? String(first.headers['set-cookie']) : setCookie
    const cookieExpires = new Date(lastCookie.match(/Expires=([^;]+)/)![1]).getTime()
    expect(Math.abs(before.expires.getTime() - cookieExpires)).to.be.lessThan(1000)
  })
})
