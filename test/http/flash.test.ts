import { createHmac } from 'node:crypto'
import { expect } from 'chai'
import { Op } from 'sequelize'
import { postForm, signedInAgent } from '../helpers/agents'
import { newPoliceReturn } from '../helpers/policeReturn'
import { testContext } from '../helpers/testContext'

const banner = (html: string) => html.match(/govuk-notification-banner__heading">\s*([^<]*)</)?.[1].trim()

describe('one-time messages after a redirect', () => {
  it('shows the message once, on the next page, without writing the session', async () => {
    const { returnId, criteria } = await newPoliceReturn('Flash test 2062', 2062)
    const lead = await signedInAgent('lead@police.riverside.test')
    const section = `/returns/${returnId}/sections/S11-1`
    const version = (await lead.get(section)).text.match(/name="version" value="(\d+)"/)![1]
    const sessions = testContext().sequelize.models.Session
    const changedBefore = (await sessions.max('updatedAt')) as Date
    const saved = await postForm(lead, section, { version, [`${criteria[0]}-score`]: '2' }, section)
    expect(saved.status).to.equal(302)
    const next = await lead.get(saved.headers.location)
    expect(banner(next.text)).to.match(/^S11-1 .* saved$/)
    expect(banner((await lead.get(saved.headers.location)).text)).to.equal(undefined)
    expect(await sessions.count({ where: { updatedAt: { [Op.gt]: changedBefore } } })).to.equal(0)
  })

  it('ignores a message whose signature is not ours, or that is not signed at all', async () => {
    const lead = await signedInAgent('lead@police.riverside.test')
    const planted = Buffer.from('Your return has been accepted', 'utf8').toString('base64url')
    // Signed with the app's secret it would show: the cookie does reach the app.
    const signed = createHmac('sha256', testContext().config.sessionSecret).update(planted).digest('base64url')
    expect(banner((await lead.get('/dashboard').set('Cookie', `assure.flash=${planted}.${signed}`)).text)).to.equal('Your return has been accepted')
    for (const cookie of [`assure.flash=${planted}.bm90LW91ci1zaWduYXR1cmU`, `assure.flash=${planted}`]) {
      const page = await lead.get('/dashboard').set('Cookie', cookie)
      expect(page.status).to.equal(200)
      expect(page.text).not.to.contain('Your return has been accepted')
    }
  })
})
