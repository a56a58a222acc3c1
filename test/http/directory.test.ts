import { expect } from 'chai'
import request from 'supertest'
import { setTimeout as sleep } from 'node:timers/promises'
import { Area, Organisation, Partnership, Statement, User } from '../../server/db/models'
import { todayInEngland } from '../../server/forms/dates'
import { signedInAgent } from '../helpers/agents'
import { addDays, organisationIn, statementFor } from '../helpers/directoryFixtures'
import { testContext } from '../helpers/testContext'
import { setAreasInPartnership } from '../../server/organisations/organisationAreas'

const decode = (text: string) => text.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')

/** The organisations a directory page lists, in order. */
const listed = (html: string) => [...html.matchAll(/<a class="govuk-link" href="\/directory\/partnerships\/\d+\/organisations\/\d+">([^<]*)<\/a>/g)].map((match) => decode(match[1]))
const emailAddress = /[\w.+-]+@[\w-]+\.[\w.-]+/

describe('the public directory of Child Safeguarding Statements', () => {
  const today = todayInEngland()
  let partnership: Partnership
  let north: Area
  let south: Area
  let alpha: Organisation
  let gamma: Organisation
  /** The search every test starts from: only this suite's partnership, whatever else the database holds. */
  let only: string
  const app = () => testContext().app

  before(async () => {
    const { sequelize } = testContext()
    partnership = await Partnership.create({ name: 'Directory Test Partnership', slug: 'directory-test' })
    north = await Area.create({ name: 'Northfield', partnershipId: partnership.id })
    south = await Area.create({ name: 'Southbank', partnershipId: partnership.id })
    alpha = await organisationIn(sequelize, partnership, { name: 'Alpha Youth Club', areas: [north] })
    await statementFor(alpha, partnership, 'approved', { effectiveOn: '2025-05-01', reviewOn: addDays(today, 400) })
    const beta = await organisationIn(sequelize, partnership, { name: 'Beta 100% Sports_Club', role: 'relevant_agency', sectorKey: 'sport-leisure', areas: [south] })
    await statementFor(beta, partnership, 'approved', { reviewOn: addDays(today, 30) })
    gamma = await organisationIn(sequelize, partnership, { name: 'Gamma O’Brien & O\'Neill Scouts', areas: [north, south] })
    await statementFor(gamma, partnership, 'superseded', { version: 1, effectiveOn: '2021-01-01', reviewOn: '2022-12-31' })
    await statementFor(gamma, partnership, 'approved', { version: 2, effectiveOn: '2023-01-01', reviewOn: addDays(today, -1) })
    for (const [name, status] of [['Delta Draft Centre', 'draft'], ['Epsilon Submitted Trust', 'submitted'], ['Zeta Returned Academy', 'returned'], ['Eta Superseded Only', 'superseded']] as const) {
      await statementFor(await organisationIn(sequelize, partnership, { name, areas: [north] }), partnership, status, { returnReason: 'Internal return reason wording' })
    }
    await statementFor(await organisationIn(sequelize, partnership, { name: 'Theta Closed Down', active: false }), partnership, 'approved')
    for (let index = 1; index <= 25; index++) {
      const organisation = await organisationIn(sequelize, partnership, { name: `Paging Organisation ${String(index).padStart(2, '0')}`, sectorKey: 'other', areas: [north] })
      await statementFor(organisation, partnership, 'approved')
    }
    only = `partnership=${partnership.id}`
  })

  it('explains what a statement is, says listing is not an accreditation, and needs no sign-in', async () => {
    const response = await request(app()).get('/directory')
    expect(response.status).to.equal(200)
    expect(response.text).to.contain('A Child Safeguarding Statement is written by an organisation')
    expect(response.text).to.contain('Being listed is not an accreditation')
    expect(response.headers['set-cookie']).to.equal(undefined)
    expect(response.text).not.to.contain('_csrf')
    expect(response.text).not.to.contain('Sign out')
  })

  it('lists only published statements: never drafts, submitted, returned, superseded or a closed organisation’s', async () => {
    const page1 = await request(app()).get(`/directory?${only}`)
    const page2 = await request(app()).get(`/directory?${only}&page=2`)
    const names = [...listed(page1.text), ...listed(page2.text)]
    expect(names).to.have.length(28)
    expect(names.slice(0, 3)).to.deep.equal(['Alpha Youth Club', 'Beta 100% Sports_Club', 'Gamma O’Brien & O\'Neill Scouts'])
    for (const hidden of ['Delta', 'Epsilon', 'Zeta', 'Eta Superseded', 'Theta']) expect(names.join('\n')).not.to.contain(hidden)
    expect(page1.text).to.contain('28 statements, showing 1 to 20')
    // Gamma once, with its current version's dates, not the superseded one's.
    expect(page1.text).to.contain('1 January 2023')
    expect(page1.text).not.to.contain('31 December 2022')
  })

  it('shows each entry’s sector, areas, dates, status from the review date, and links to the statement and its PDF', async () => {
    const page = (await request(app()).get(`/directory?${only}`)).text
    const row = (name: string) => page.slice(page.lastIndexOf('<tr', page.indexOf(name)), page.indexOf('</tr>', page.indexOf(name)))
    expect(row('Alpha Youth Club')).to.contain('Voluntary and community').and.to.contain('Northfield').and.to.contain('1 May 2025').and.to.contain('>Current<')
    expect(row('Beta 100% Sports_Club')).to.contain('Sport and leisure').and.to.contain('Relevant agency').and.to.contain('Review due')
    expect(row('Gamma O’Brien')).to.contain('Northfield, Southbank').and.to.contain('Review overdue').and.to.contain('govuk-tag--red')
    expect(row('Alpha Youth Club')).to.contain(`href="/directory/partnerships/${partnership.id}/organisations/${alpha.id}"`).and.to.contain(`href="/directory/partnerships/${partnership.id}/organisations/${alpha.id}/statement.pdf"`)
  })

  it('never shows internal data: no email addresses, signatures, return reasons or the statement’s content', async () => {
    const bodies = await Promise.all([`/directory?${only}`, `/directory?${only}&page=2`, `/directory.json?${only}`, `/directory.csv?${only}`, '/directory.csv'].map(async (path) => (await request(app()).get(path)).text))
    for (const body of bodies) {
      expect(body).not.to.match(emailAddress)
      for (const secret of ['Senior Signer Name', 'Internal return reason wording', 'Confidential risk wording', 'Relevant Person Name', 'score']) expect(body).not.to.contain(secret)
    }
    const users = await User.findAll({ attributes: ['email', 'name'] })
    for (const user of users) expect(bodies.join('\n')).not.to.contain(user.email)
  })

  describe('search by name', () => {
    const search = async (q: string) => listed((await request(app()).get(`/directory?${only}&q=${encodeURIComponent(q)}`).expect(200)).text)

    it('matches part of the name whatever the case', async () => {
      expect(await search('youth')).to.deep.equal(['Alpha Youth Club'])
      expect(await search('  ALPHA   youth ')).to.deep.equal(['Alpha Youth Club'])
    })

    it('takes %, _ and quotes literally', async () => {
      expect(await search('100%')).to.deep.equal(['Beta 100% Sports_Club'])
      expect(await search('%')).to.deep.equal(['Beta 100% Sports_Club'])
      expect(await search('_')).to.deep.equal(['Beta 100% Sports_Club'])
      expect(await search('O\'Neill')).to.deep.equal(['Gamma O’Brien & O\'Neill Scouts'])
      expect(await search('O’Brien &')).to.deep.equal(['Gamma O’Brien & O\'Neill Scouts'])
      expect(await search('!')).to.deep.equal([])
    })

    it('is harmless with injection attempts, markup and absurd input, showing an empty state', async () => {
      for (const q of ["' OR 1=1 --", "x'); DROP TABLE statements; --", '\\', '"', 'a'.repeat(5000)]) expect(await search(q)).to.deep.equal([])
      // A NUL once cut SQLite's search short, so that it matched everything.
      expect(await search('\u0000zz')).to.deep.equal([])
      expect(await search('youth\u0000')).to.deep.equal(['Alpha Youth Club'])
      expect(await Statement.count()).to.be.greaterThan(0)
      const markup = await request(app()).get(`/directory?q=${encodeURIComponent('<script>alert(1)</script>')}`)
      expect(markup.status).to.equal(200)
      expect(markup.text).not.to.contain('<script>alert(1)')
      expect(markup.text).to.contain('value="&lt;script&gt;alert(1)&lt;/script&gt;"')
      expect(markup.text).to.contain('No statements match your search')
      expect(markup.text).to.contain('href="/directory">Clear the search')
    })
  })

  describe('filters', () => {
    const names = async (query: string) => listed((await request(app()).get(`/directory?${only}&${query}`).expect(200)).text)

    it('by sector, role and area, keeping the choice in the form', async () => {
      expect(await names('sector=sport-leisure')).to.deep.equal(['Beta 100% Sports_Club'])
      expect(await names('role=relevant_agency')).to.deep.equal(['Beta 100% Sports_Club'])
      expect(await names(`area=${south.id}`)).to.deep.equal(['Beta 100% Sports_Club', 'Gamma O’Brien & O\'Neill Scouts'])
      expect(await names(`area=${north.id}&q=gamma`)).to.deep.equal(['Gamma O’Brien & O\'Neill Scouts'])
      const page = (await request(app()).get(`/directory?${only}&sector=sport-leisure`)).text
      expect(page).to.match(/<option value="sport-leisure" selected>/)
    })

    it('offers only choices that have a published statement', async () => {
      const page = (await request(app()).get('/directory')).text
      expect(page).to.contain('<option value="sport-leisure"')
      expect(page).not.to.contain('<option value="probation"')
      expect(page).to.contain(`<option value="${south.id}"`)
    })

    it('ignores values it does not offer rather than failing', async () => {
      const all = await names('')
      expect(await names('sector=no-such-sector')).to.deep.equal(all)
      expect(await names('area=abc&role=%27%3B--')).to.deep.equal(all)
      expect(await names('area=99999999999999999999')).to.deep.equal(all)
      expect(await names('sector=sport-leisure&sector=faith')).to.deep.equal(['Beta 100% Sports_Club'])
      expect(await names('q[$ne]=x')).to.deep.equal(all)
    })
  })

  describe('pagination', () => {
    it('pages by 20, keeping the search in the links', async () => {
      const page2 = (await request(app()).get(`/directory?${only}&sector=other&page=2`)).text
      expect(listed(page2)).to.have.length(5)
      expect(page2).to.contain('25 statements, showing 21 to 25')
      expect(page2).to.contain(`href="/directory?sector=other&amp;partnership=${partnership.id}&amp;page=1"`)
    })

    it('clamps odd and huge page numbers instead of failing', async () => {
      for (const [page, first] of [['999999999999', 'Paging Organisation 18'], ['-3', 'Alpha Youth Club'], ['abc', 'Alpha Youth Club'], ['1.5', 'Alpha Youth Club'], ['2e3', 'Alpha Youth Club']]) {
        const response = await request(app()).get(`/directory?${only}&page=${page}`)
        expect(response.status, page).to.equal(200)
        expect(listed(response.text)[0], page).to.equal(first)
      }
      const json = (await request(app()).get(`/directory.json?${only}&page=1000000000`)).body
      expect(json.page).to.equal(2)
    })
  })

  describe('open data', () => {
    it('JSON gives the same entries as the page, with the same filters', async () => {
      for (const query of [only, `${only}&page=2`, `${only}&area=${south.id}`, `${only}&q=zzz`]) {
        const [page, json] = await Promise.all([request(app()).get(`/directory?${query}`), request(app()).get(`/directory.json?${query}`)])
        expect(json.headers['content-type']).to.match(/^application\/json/)
        expect(json.body.entries.map((entry: { organisation: string }) => entry.organisation), query).to.deep.equal(listed(page.text))
        expect(json.body.pageSize).to.equal(20)
      }
      const { body } = await request(app()).get(`/directory.json?${only}&q=gamma`)
      expect(body).to.deep.include({ total: 1, page: 1, pageSize: 20 })
      expect(body.entries[0]).to.deep.equal({
        organisationId: gamma.id,
        organisation: 'Gamma O’Brien & O\'Neill Scouts',
        partnership: 'Directory Test Partnership',
        role: 'Named organisation',
        sector: 'Voluntary and community',
        areas: ['Northfield', 'Southbank'],
        version: 2,
        effectiveOn: '2023-01-01',
        reviewOn: addDays(today, -1),
        status: 'Review overdue',
        publishedAt: body.entries[0].publishedAt,
        statementUrl: `http://assure.test/directory/partnerships/${partnership.id}/organisations/${gamma.id}`,
        pdfUrl: `http://assure.test/directory/partnerships/${partnership.id}/organisations/${gamma.id}/statement.pdf`,
      })
      expect(Date.parse(body.entries[0].publishedAt)).to.be.greaterThan(0)
    })

    it('CSV gives every matching entry, in the page’s order', async () => {
      const csv = await request(app()).get(`/directory.csv?${only}`)
      expect(csv.headers['content-type']).to.match(/^text\/csv/)
      expect(csv.headers['content-disposition']).to.contain('Child-safeguarding-statements.csv')
      const lines = csv.text.replace(/^\uFEFF/, '').trim().split('\r\n')
      expect(lines[0]).to.match(/^Organisation,Partnership,Role,Sector,Areas,Version,Effective date,Review date,Status/)
      expect(lines).to.have.length(29)
      const pages = [...listed((await request(app()).get(`/directory?${only}`)).text), ...listed((await request(app()).get(`/directory?${only}&page=2`)).text)]
      expect(lines.slice(1).map((line) => line.split(',')[0])).to.deep.equal(pages.map((name) => (name.includes(',') ? `"${name}"` : name)))
      const filtered = (await request(app()).get(`/directory.csv?${only}&sector=sport-leisure`)).text.trim().split('\r\n')
      expect(filtered).to.have.length(2)
      expect(filtered[1]).to.contain('Beta 100% Sports_Club').and.to.contain('Review due')
    })

    it('is linked from the page with the current search', async () => {
      const page = (await request(app()).get(`/directory?${only}&sector=other`)).text
      expect(page).to.contain(`href="/directory.json?sector=other&amp;partnership=${partnership.id}"`)
      expect(page).to.contain(`href="/directory.csv?sector=other&amp;partnership=${partnership.id}"`)
    })
  })

  describe('HTTP caching', () => {
    it('sends a strong ETag, Last-Modified and a public lifetime, and 304 when the copy is current', async () => {
      for (const path of [`/directory?${only}`, `/directory.json?${only}`, `/directory.csv?${only}`]) {
        const first = await request(app()).get(path)
        expect(first.headers.etag, path).to.match(/^"[\w-]+"$/)
        expect(first.headers['cache-control']).to.equal('public, max-age=60')
        expect(Date.parse(first.headers['last-modified'])).to.be.at.most(Date.now())
        const byTag = await request(app()).get(path).set('If-None-Match', first.headers.etag)
        expect(byTag.status, path).to.equal(304)
        expect(byTag.text).to.equal('')
        const byDate = await request(app()).get(path).set('If-Modified-Since', first.headers['last-modified'])
        expect(byDate.status, path).to.equal(304)
        expect((await request(app()).get(path).set('If-None-Match', '"something-else"')).status).to.equal(200)
      }
    })

    it('gives each page its own CSP nonce, matching its script, under the same ETag', async () => {
      const [one, two] = await Promise.all([request(app()).get(`/directory?${only}`), request(app()).get(`/directory?${only}`)])
      expect(one.headers.etag).to.equal(two.headers.etag)
      for (const response of [one, two]) {
        const nonce = response.headers['content-security-policy'].match(/'nonce-([^']+)'/)![1]
        expect(response.text).to.contain(`<script nonce="${nonce}">`)
      }
      expect(one.text).not.to.equal(two.text)
      expect(one.headers['x-frame-options']).to.equal('SAMEORIGIN')
    })

    it('shows a newly published statement within about a second, in this instance and another', async () => {
      const other = testContext().buildApp()
      const before = (await request(app()).get(`/directory?${only}&q=iota`)).headers.etag
      await request(other).get(`/directory?${only}&q=iota`)
      const iota = await organisationIn(testContext().sequelize, partnership, { name: 'Iota Late Publisher' })
      await statementFor(iota, partnership, 'approved')
      await sleep(1100)
      for (const instance of [app(), other]) {
        const response = await request(instance).get(`/directory?${only}&q=iota`).set('If-None-Match', before)
        expect(response.status).to.equal(200)
        expect(listed(response.text)).to.deep.equal(['Iota Late Publisher'])
      }
      // An organisation moved to another area changes the area filter's results too.
      await testContext().sequelize.models.organisation_areas.create({ organisationId: iota.id, areaId: south.id })
      await sleep(1100)
      expect(listed((await request(app()).get(`/directory?${only}&area=${south.id}`)).text)).to.include('Iota Late Publisher')
    })

    it('does not keep a copy checked by its date alone once an organisation’s areas change', async () => {
      const { sequelize } = testContext()
      const kappa = await organisationIn(sequelize, partnership, { name: 'Kappa Area Mover' })
      await statementFor(kappa, partnership, 'approved')
      await sleep(1100)
      const before = await request(app()).get(`/directory?${only}&area=${south.id}`)
      expect(listed(before.text)).not.to.include('Kappa Area Mover')
      // Last-Modified counts whole seconds: the change comes in a later one.
      await sleep(1100)
      await sequelize.transaction((transaction) => setAreasInPartnership(sequelize, kappa.id, partnership.id, [south.id], transaction))
      await sleep(1100)
      const after = await request(app()).get(`/directory?${only}&area=${south.id}`).set('If-Modified-Since', before.headers['last-modified'])
      expect(after.status).to.equal(200)
      expect(listed(after.text)).to.include('Kappa Area Mover')
    })
  })

  it('is the same public page for someone signed in', async () => {
    const agent = await signedInAgent('admin@riverside.test')
    const response = await agent.get(`/directory?${only}`)
    expect(response.status).to.equal(200)
    expect(listed(response.text)).to.have.length(20)
    expect(response.text).not.to.contain('Sign out')
    expect(response.headers['set-cookie']).to.equal(undefined)
  })
})
