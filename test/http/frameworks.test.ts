import { expect } from 'chai'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { Cycle, FrameworkVersion, Partnership } from '../../server/db/models'
import { testContext } from '../helpers/testContext'
import { Agent, csrfToken, signedInAgent } from '../helpers/agents'

const fixture = (name: string) => readFileSync(path.join(__dirname, '../fixtures/frameworks', name))

describe('frameworks pages', () => {
  let admin: Agent
  let section11: FrameworkVersion

  before(async () => {
    admin = await signedInAgent('admin@riverside.test')
    section11 = (await FrameworkVersion.findOne({ where: { key: 'section-11', version: '2025' } }))!
  })

  async function upload(buffer: Buffer, fileName: string) {
    const token = await csrfToken(admin, '/frameworks/upload')
    return admin.post(`/frameworks/upload?_csrf=${encodeURIComponent(token)}`).attach('file', buffer, fileName)
  }

  it('lists the shipped frameworks with their versions', async () => {
    const page = await admin.get('/frameworks')
    for (const title of ['Section 11 safeguarding self-assessment', 'Schools and colleges safeguarding', 'Learning into practice']) expect(page.text).to.contain(title)
    expect(page.text).to.contain('Compare with 2024')
    expect(page.text).to.match(/No cycles yet|\d+ cycles? \(locked\)/)
  })

  it('marks a version a cycle uses as locked', async () => {
    const partnership = (await Partnership.findOne({ where: { slug: 'riverside' } }))!
    const schools = (await FrameworkVersion.findOne({ where: { key: 'schools-colleges' } }))!
    await testContext().services.cycleIssue.issue(1, partnership.id, {
      name: 'Locking cycle', frameworkVersionId: schools.id, opensOn: '2026-09-01', closesOn: '2026-12-01', roles: [], sectors: ['education'], areaIds: [], sizeTiers: [],
    })
    const page = await admin.get('/frameworks')
    const row = page.text.split('<tr class="govuk-table__row">').find((html) => html.includes(`/frameworks/${schools.id}"`))!
    const cycles = await Cycle.count({ where: { frameworkVersionId: schools.id } })
    expect(row).to.contain(`${cycles} cycle${cycles === 1 ? '' : 's'} (locked)`)
  })

  it('shows a framework as a small voluntary group would see it: fewer criteria than an NHS trust', async () => {
    const count = (html: string) => Number(html.match(/would answer <strong>(\d+) of \d+<\/strong>/)![1])
    const trust = await admin.get(`/frameworks/${section11.id}?role=relevant_agency&sector=nhs-provider&tier=large`)
    const youthGroup = await admin.get(`/frameworks/${section11.id}?role=named_organisation&sector=voluntary-community&tier=small`)
    expect(count(youthGroup.text)).to.be.lessThan(count(trust.text))
    expect(youthGroup.text).to.match(/<option value="small" selected>/)
  })

  it('compares two versions through their lineage', async () => {
    const page = await admin.get(`/frameworks/${section11.id}/compare`)
    for (const change of ['Renamed', 'Split', 'Merged', 'Retired', 'New']) expect(page.text).to.contain(`>${change}</strong>`)
  })

  it('adds a valid uploaded version, and refuses the same version twice', async () => {
    const first = await upload(fixture('tiny.1.yaml'), 'my framework.yaml')
    expect(first.status).to.equal(302)
    const stored = (await FrameworkVersion.findOne({ where: { key: 'tiny', version: '1' } }))!
    expect(stored.origin).to.equal('upload')
    expect((await admin.get(first.headers.location)).text).to.contain('A tiny framework for tests')

    const again = await upload(fixture('tiny.1.yaml'), 'again.yaml')
    expect(again.status).to.equal(400)
    expect(again.text).to.contain('Version 1 of &#34;tiny&#34; is already defined')

    const next = await upload(fixture('tiny.2.yaml'), 'tiny-next.yml')
    expect(next.status).to.equal(302)
  })

  it('shows every problem of an invalid upload with its line number, and stores nothing', async () => {
    const broken = fixture('tiny.1.yaml').toString().replace('key: tiny', 'key: broken').replace('key: T2.2', 'key: T1.1').replace('colour: red', 'colour: purple')
    const response = await upload(Buffer.from(broken), 'broken.yaml')
    expect(response.status).to.equal(400)
    expect(response.text).to.contain('<title>Error: Upload a framework version')
    expect(response.text).to.contain('broken.yaml has 1 problem: nothing was saved')
    expect(response.text).to.match(/Line 1\d: ratingScale\.2\.colour: Colour must be green, amber, red, grey or blue/)
    expect(await FrameworkVersion.count({ where: { key: 'broken' } })).to.equal(0)
  })

  it('refuses files that are not YAML text', async () => {
    expect((await upload(Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0x01]), 'report.yaml')).text).to.contain('The file must be a YAML text file')
    expect((await upload(Buffer.from('key: x'), 'report.pdf')).text).to.contain('The file must be a YAML file ending .yaml or .yml')
    expect((await upload(Buffer.from([0xff, 0xfe, 0x41]), 'latin.yaml')).text).to.contain('saved as UTF-8')
  })

  it('refuses an upload without the CSRF token', async () => {
    const response = await admin.post('/frameworks/upload').attach('file', fixture('tiny.1.yaml'), 'tiny.yaml')
    expect(response.status).to.equal(403)
  })
})
