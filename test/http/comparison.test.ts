import ExcelJS from 'exceljs'
import { expect } from 'chai'
import { CycleReturn, FrameworkVersion, Partnership, User } from '../../server/db/models'
import { Agent, signedInAgent } from '../helpers/agents'
import { submittedPoliceReturn } from '../helpers/policeReturn'
import { testContext } from '../helpers/testContext'

describe('comparing a cycle with an earlier one, through the framework lineage', () => {
  let qa: Agent
  let lastYear: number
  let thisYear: number

  before(async () => {
    qa = await signedInAgent('qa@riverside.test')
    const cycleOf = async (returnId: number) => (await CycleReturn.findOne({ where: { returnId } }))!.cycleId
    lastYear = await cycleOf(await submittedPoliceReturn('Compare 2060', 2060, { frameworkVersion: '2024', scoreFor: (key) => (key === 'S11-1.1' ? 1 : 2), questionAnswers: { 'S11-6.1-named-dsl': 'yes' } }))
    thisYear = await cycleOf(await submittedPoliceReturn('Compare 2061', 2061, { scoreFor: (key) => (key === 'S11-2.1' ? 1 : 2), questionAnswers: { 'S11-6.1-named-dsl': 'yes' } }))
  })

  const rowOf = (html: string, standard: string) => html.match(new RegExp(`<th scope="row" class="govuk-table__header">${standard} [^]*?</tr>`))![0].replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')

  it('shows per standard the organisations at each rating then and now, the change, and what changed in the criteria', async () => {
    const page = await qa.get(`/comparison?cycleId=${thisYear}&earlierCycleId=${lastYear}`)
    expect(page.status).to.equal(200)
    expect(page.text).to.contain('Compare 2061 compared with Compare 2060')
    expect(rowOf(page.text, 'S11-1')).to.contain('Fully met: 0 (0%); Partially met: 0 (0%); Not met: 1 (100%) of 1 Fully met: 1 (100%); Partially met: 0 (0%); Not met: 0 (0%) of 1 Improved 0% → 100%')
    expect(rowOf(page.text, 'S11-2')).to.contain('Declined 100% → 0%')
    expect(rowOf(page.text, 'S11-3')).to.contain('Same 100% → 100%')
    expect(rowOf(page.text, 'S11-4')).to.contain('S11-4.3 was S11-5.5 in 2024')
    expect(rowOf(page.text, 'S11-1')).to.contain('S11-1.5 is new in 2025')
    expect(rowOf(page.text, 'S11-2')).to.contain('S11-2.5 was retired in 2025')
    expect(rowOf(page.text, 'S11-8')).to.contain('S11-8.5 was split from S11-8.2 in 2025')
  })

  it('shows an empty state, not an error, when the filters match nothing', async () => {
    const page = await qa.get(`/comparison?cycleId=${thisYear}&earlierCycleId=${lastYear}&sector=faith`)
    expect(page.status).to.equal(200)
    expect(page.text).to.contain('No scored returns match these filters in either cycle.')
  })

  it('refuses to compare cycles of unrelated frameworks, with a clear message', async () => {
    const partnership = (await Partnership.findOne({ where: { slug: 'riverside' } }))!
    const admin = (await User.findOne({ where: { email: 'admin@riverside.test' } }))!
    const schools = (await FrameworkVersion.findOne({ where: { key: 'schools-colleges', version: '2025' } }))!
    const { cycle } = await testContext().services.cycleIssue.issue(admin.id, partnership.id, { name: 'Schools 2061', frameworkVersionId: schools.id, opensOn: '2061-01-01', closesOn: '2061-03-31', roles: [], sectors: ['education'], areaIds: [], sizeTiers: [] })
    const page = await qa.get(`/comparison?cycleId=${cycle.id}&earlierCycleId=${lastYear}`)
    expect(page.status).to.equal(400)
    expect(page.text).to.contain('only versions of the same framework, linked by their lineage, compare')
    expect((await qa.get(`/comparison.csv?cycleId=${cycle.id}&earlierCycleId=${lastYear}`)).status).to.equal(400)
  })

  it('exports the same numbers as CSV and XLSX', async () => {
    const query = `cycleId=${thisYear}&earlierCycleId=${lastYear}`
    const csv = await qa.get(`/comparison.csv?${query}`)
    expect(csv.headers['content-type']).to.equal('text/csv; charset=utf-8')
    const lines = csv.text.replace(/^\uFEFF/, '').trim().split('\r\n')
    expect(lines[0]).to.match(/^Standard,Title,Status,Fully met then,Fully met then %,/)
    expect(lines.find((line) => line.startsWith('S11-1,'))).to.match(/^S11-1,Leadership and accountability,compared,0,0,0,0,1,100,1,1,100,0,0,0,0,1,improved,100,/)

    const xlsx = await qa.get(`/comparison.xlsx?${query}`).buffer(true).parse((response, callback) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () => callback(null, Buffer.concat(chunks)))
    })
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(xlsx.body as unknown as ExcelJS.Buffer)
    const sheet = workbook.getWorksheet('Comparison')!
    const s11one = sheet.getRows(2, sheet.rowCount - 1)!.find((row) => row.getCell(1).value === 'S11-1')!
    expect([s11one.getCell(3).value, s11one.getCell(8).value, s11one.getCell(12).value]).to.deep.equal(['compared', 1, 100])
  })

  it('draws the heatmap: each organisation by standard, with its change since the earlier cycle, sortable by a standard', async () => {
    const page = await qa.get(`/heatmap?cycleId=${thisYear}&earlierCycleId=${lastYear}`)
    expect(page.status).to.equal(200)
    expect(page.text).to.contain('Compare 2061, changes since Compare 2060: 1 organisation')
    const text = page.text.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')
    expect(text).to.contain('Fully met for S11-1, up from Not met ↑')
    expect(text).to.contain('Not met for S11-2, down from Fully met ↓')
    expect(text).to.contain('Fully met for S11-3, same as last time =')
    expect(page.text).to.match(/<td class="govuk-table__cell app-heat app-heat--red"><a class="govuk-link" href="\/reviews\/\d+\/standards\/S11-2">Not met/)
    const sorted = await qa.get(`/heatmap?cycleId=${thisYear}&earlierCycleId=${lastYear}&sort=S11-2&order=desc`)
    expect(sorted.text).to.contain('aria-sort="descending"><a class="govuk-link" href="/heatmap?')
    expect((await qa.get(`/heatmap?cycleId=${thisYear}&sector=faith`)).text).to.contain('No scored returns match these filters.')
  })

  it('shows response rates by cycle as a trend, by sector, role or area, and exports them', async () => {
    const page = await qa.get('/response-rates?by=sector')
    expect(page.status).to.equal(200)
    const headers = [...page.text.matchAll(/<th scope="col" class="govuk-table__header govuk-table__header--numeric">([^<]+)<\/th>/g)].map((match) => match[1])
    const police = page.text.match(/<th scope="row" class="govuk-table__header">Police<\/th>([^]*?)<\/tr>/)![1]
    const cells = [...police.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((match) => match[1])
    expect(cells[headers.indexOf('Compare 2060')]).to.equal('100% (1 of 1)')
    expect(cells[headers.indexOf('Compare 2061')]).to.equal('100% (1 of 1)')
    expect((await qa.get('/response-rates?by=area')).text).to.contain('Response rate by area')
    const csv = await qa.get('/response-rates.csv?by=role')
    expect(csv.text).to.match(/\r\nSafeguarding partner,/)
  })

  it('shows one organisation’s history side by side, traced through the lineage, with what changed and its timeliness', async () => {
    const police = (await CycleReturn.findOne({ where: { cycleId: thisYear }, include: [{ association: 'assessmentReturn' }] }))!
    const organisationId = (police as CycleReturn & { assessmentReturn: { organisationId: number } }).assessmentReturn.organisationId
    const page = await qa.get(`/organisations/${organisationId}/history`)
    expect(page.status).to.equal(200)
    const text = page.text.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')
    expect(text).to.match(/Compare 2061 2025 Submitted On time/)
    /** The cells of one criterion's row in the Compare 2060 and Compare 2061 columns of its standard's table. */
    const cellsOf = (standard: string, criterion: string) => {
      const table = page.text.match(new RegExp(`<caption[^>]*>${standard} [^]*?</table>`))![0]
      const headers = [...table.matchAll(/<th scope="col" class="govuk-table__header">([^<]*)<\/th>/g)].map((match) => match[1]).slice(1)
      const row = table.match(new RegExp(`<th scope="row" class="govuk-table__header">${criterion.replace('.', '\\.')}</th>([^]*?)</tr>`))![1]
      const cells = [...row.matchAll(/<td class="govuk-table__cell">([^]*?)<\/td>/g)].map((match) => match[1].replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim())
      return [cells[headers.indexOf('Compare 2060')], cells[headers.indexOf('Compare 2061')]]
    }
    const [then, now] = cellsOf('S11-1', 'S11-1.1')
    expect(then).to.match(/^1 (↓ \(down since the previous cycle\) )?0 files$/)
    expect(now).to.equal('2 ↑ (up since the previous cycle) 0 files')
    expect(cellsOf('S11-4', 'S11-4.3')[0]).to.contain('was S11-5.5')
    expect(cellsOf('S11-1', 'S11-1.5')[0]).to.equal('Not assessed')
    expect((await qa.get('/organisations/999999/history')).status).to.equal(404)
    expect((await (await signedInAgent('lead@school.riverside.test')).get(`/organisations/${organisationId}/history`)).status).to.equal(403)
  })
})
