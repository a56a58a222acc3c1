import ExcelJS from 'exceljs'
import { expect } from 'chai'
import { CycleReturn, FrameworkVersion, Partnership, ReturnAnswer, User } from '../../server/db/models'
import { Agent, signedInAgent } from '../helpers/agents'
import { pdfPages } from '../helpers/pdfText'
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
    const report = await qa.get(`/qa-report.pdf?cycleId=${cycle.id}&earlierCycleId=${lastYear}`)
    expect(report.status).to.equal(400)
    expect(report.text).to.contain('only versions of the same framework, linked by their lineage, compare')
    // The heatmap says the same, and shows no change since a cycle it cannot be compared with.
    const heatmap = await qa.get(`/heatmap?cycleId=${cycle.id}&earlierCycleId=${lastYear}`)
    expect(heatmap.status).to.equal(400)
    expect(heatmap.text).to.contain('only versions of the same framework, linked by their lineage, compare').and.contain('href="#earlierCycleId"')
    const heatmapCsv = await qa.get(`/heatmap.csv?cycleId=${cycle.id}&earlierCycleId=${lastYear}`)
    expect(heatmapCsv.status).to.equal(400)
    expect(heatmapCsv.text).to.contain('only versions of the same framework')
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

  const download = (path: string) =>
    qa.get(path).buffer(true).parse((response, callback) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () => callback(null, Buffer.concat(chunks)))
    })

  it('draws the comparison as a chart on the server with the same numbers as its table', async () => {
    const page = await qa.get(`/comparison?cycleId=${thisYear}&earlierCycleId=${lastYear}`)
    const chart = page.text.match(/<svg class="app-chart" role="img" aria-label="Percentage of organisations rated Fully met per standard: Compare 2060 and Compare 2061"[^]*?<\/svg>/)![0]
    const texts = [...chart.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((match) => match[1])
    expect(texts).to.include.members(['Compare 2060', 'Compare 2061', 'S11-1 Leadership and accountability', '0%', '100%'])
    // One bar label per standard and cycle: ten standards, both cycles rated, so twenty labels of 0% or 100%, plus the axis.
    const barLabels = [...chart.matchAll(/<text[^>]*font-size="11px"[^>]*>([^<]*)<\/text>/g)].map((match) => match[1])
    expect(barLabels).to.have.length(20)
    expect(barLabels.filter((label) => label === '100%')).to.have.length(rowsRated(page.text, 'Compare 2060') + rowsRated(page.text, 'Compare 2061'))
  })

  /** How many standards' rows in the table give 100% Fully met for the cycle (then or now). */
  function rowsRated(html: string, cycle: string) {
    const column = cycle === 'Compare 2060' ? 0 : 1
    return [...html.matchAll(/<th scope="row" class="govuk-table__header">S11-\d+ [^]*?<\/tr>/g)].filter((row) => [...row[0].matchAll(/<td class="govuk-table__cell">([^<]*)<\/td>/g)][column]?.[1].startsWith('Fully met: 1 (100%)')).length
  }

  it('exports the heatmap and calibration as CSV and XLSX', async () => {
    const query = `cycleId=${thisYear}&earlierCycleId=${lastYear}`
    const csv = (await qa.get(`/heatmap.csv?${query}`)).text.replace(/^\uFEFF/, '').trim().split('\r\n')
    expect(csv[0]).to.match(/^Organisation,S11-1 Leadership and accountability,S11-1 in Compare 2060,S11-2 /)
    expect(csv[1]).to.match(/^Riverside and Millbrook Police,Fully met,Not met,Not met,Fully met,/)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load((await download(`/heatmap.xlsx?${query}`)).body as unknown as ExcelJS.Buffer)
    const sheet = workbook.getWorksheet('Heatmap')!
    expect([sheet.getRow(2).getCell(1).value, sheet.getRow(2).getCell(2).value, sheet.getRow(2).getCell(3).value]).to.deep.equal(['Riverside and Millbrook Police', 'Fully met', 'Not met'])
    const calibration = (await qa.get(`/reviews/calibration.csv?cycleId=${thisYear}`)).text.replace(/^\uFEFF/, '').trim().split('\r\n')
    expect(calibration[0]).to.equal('Level,Name,Self-scores,Moderated,Lowered,Raised,Mean change,Moved by standard')
    expect(calibration[1]).to.match(/^All,All standards,\d+,0,0,0,,$/)
    expect(calibration.some((line) => line.startsWith('Organisation,Riverside and Millbrook Police,'))).to.equal(true)
  })

  it('produces the QA report as a PDF: a worded summary, the charts and the tables, for the same cycles and filters', async () => {
    const response = await download(`/qa-report.pdf?cycleId=${thisYear}&earlierCycleId=${lastYear}`)
    expect(response.status).to.equal(200)
    expect(response.headers['content-type']).to.equal('application/pdf')
    expect(response.headers['content-disposition']).to.contain('qa-report-Compare-2061-against-Compare-2060.pdf')
    const text = (await pdfPages(response.body as Buffer)).join(' ')
    expect(text).to.contain('QA report: Compare 2061 compared with Compare 2060')
    expect(text).to.contain('Riverside Safeguarding Children Partnership')
    expect(text).to.match(/\d+ of 10 standards improved, \d+ stayed the same and \d+ declined \(organisations rated Fully met, Compare 2061 against Compare 2060\)/)
    expect(text).to.contain('The largest improvement: Leadership and accountability (0% → 100% fully met).')
    expect(text).to.contain('The largest decline: Senior board-level lead for safeguarding (100% → 0% fully met).')
    expect(text).to.contain('Response rates by sector')
    expect(text).to.contain('Calibration: how reviewers moved self-scores in Compare 2061')
    expect(text).to.match(/S11-1 Leadership and accountability .*0 \(0%\) \/ 0 \(0%\) \/ 1 \(100%\) 1 \(100%\) \/ 0 \(0%\) \/ 0 \(0%\) Improved \(\+100 points\)/)
    expect(text).to.contain('All organisations.')
  })

  it('produces the QA report for the filtered organisations only, saying which', async () => {
    const text = (await pdfPages((await download(`/qa-report.pdf?cycleId=${thisYear}&earlierCycleId=${lastYear}&sector=faith`)).body as Buffer)).join(' ')
    expect(text).to.contain('Organisations: Sector: Faith.')
    expect(text).not.to.contain('standards improved')
    expect(text).to.contain('Standards: organisations rated Fully met')
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
    // Each organisation links to its history, where every change year on year is shown.
    expect(page.text).to.match(/href="\/organisations\/\d+\/history">Year on year<span class="govuk-visually-hidden">: Riverside and Millbrook Police’s history<\/span>/)
    const sorted = await qa.get(`/heatmap?cycleId=${thisYear}&earlierCycleId=${lastYear}&sort=S11-2&order=desc`)
    expect(sorted.text).to.contain('aria-sort="descending"><a class="govuk-link" href="/heatmap?')
    expect((await qa.get(`/heatmap?cycleId=${thisYear}&sector=faith`)).text).to.contain('No scored returns match these filters.')
    const farPage = await qa.get(`/heatmap?cycleId=${thisYear}&earlierCycleId=${lastYear}&page=99999999999`)
    expect(farPage.status).to.equal(200)
    expect(farPage.text).to.contain('>Riverside and Millbrook Police</a>')
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
    const csv = (await qa.get(`/organisations/${organisationId}/history.csv`)).text.replace(/^\uFEFF/, '').trim().split('\r\n')
    expect(csv[0]).to.match(/^Standard,Criterion,Text,.*Compare 2060 \(version 2024\),Compare 2061 \(version 2025\)/)
    const header = csv[0].split(',')
    const s11one = csv.find((line) => line.startsWith('S11-1,S11-1.1,'))!.match(/("[^"]*"|[^,]*)(,|$)/g)!.map((cell) => cell.replace(/,$/, ''))
    expect(s11one[header.indexOf('Compare 2061 (version 2025)')]).to.equal('2; 0 files')
    expect(csv.find((line) => line.startsWith('Timeliness,'))).to.match(/On time$/)

    // A moderated score shows with the self-score it replaced, on the page and in the export.
    const answer = (await ReturnAnswer.findOne({ where: { returnId: police.returnId, criterionKey: 'S11-1.2' } }))!
    const selfScore = answer.score!
    await answer.update({ moderatedScore: selfScore === 0 ? 1 : 0, moderationReason: 'The evidence did not support it' })
    try {
      const moderated = await qa.get(`/organisations/${organisationId}/history`)
      expect(moderated.text.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')).to.contain(`${selfScore === 0 ? 1 : 0} (moderated from self-score ${selfScore})`)
      expect((await qa.get(`/organisations/${organisationId}/history.csv`)).text).to.contain(`${selfScore === 0 ? 1 : 0} (moderated from self-score ${selfScore}); `)
    } finally {
      await answer.update({ moderatedScore: null, moderationReason: null })
    }
    expect((await qa.get('/organisations/999999/history.xlsx')).status).to.equal(404)
    expect((await qa.get('/organisations/999999/history')).status).to.equal(404)
    expect((await (await signedInAgent('lead@school.riverside.test')).get(`/organisations/${organisationId}/history`)).status).to.equal(403)
  })
})
