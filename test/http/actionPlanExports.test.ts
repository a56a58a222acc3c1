import { expect } from 'chai'
import ExcelJS from 'exceljs'
import type { Response } from 'superagent'
import { Agent, signedInAgent } from '../helpers/agents'
import { planFixture } from '../helpers/actionPlanFixture'
import { pdfPages } from '../helpers/pdfText'

/** Collects a binary response body as a Buffer. */
const binary = (response: Response, callback: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = []
  response.on('data', (chunk: Buffer) => chunks.push(chunk))
  response.on('end', () => callback(null, Buffer.concat(chunks)))
}

describe('the action plan’s exports: CSV, XLSX and the PDF for a board meeting', () => {
  let fixture: Awaited<ReturnType<typeof planFixture>>
  let admin: Agent

  before(async () => {
    fixture = await planFixture('Plan Export')
    const { action, neglect, school } = fixture
    await action({ title: 'Neglect pathway relaunch', status: 'at_risk', dueInDays: -12, themes: [neglect], sources: ['improvement_area'], latestNote: 'Training booked for March; two of five teams trained', escalation: { note: 'Twelve days late with no date', response: 'Agreed a new date of 30 June' } })
    await action({ title: '=HYPERLINK("http://evil")', status: 'draft', dueInDays: 20, owner: school, sources: ['challenge'] })
    await action({ title: 'Completed exploitation screening', status: 'completed', dueInDays: -60, themes: [neglect] })
    await action({ title: 'Escalated and waiting', status: 'off_track', dueInDays: -40, escalation: { note: 'Off track since spring' } })
    admin = await signedInAgent(fixture.admin.email)
  })

  it('exports the filtered plan as CSV, one row per action, formulas defused', async () => {
    const response = await admin.get(`/actions.csv?themeId=${fixture.neglect.id}&status=open`)
    expect(response.status).to.equal(200)
    expect(response.headers['content-type']).to.contain('text/csv')
    expect(response.headers['content-disposition']).to.match(/attachment; filename="?action-plan-\d{4}-\d{2}-\d{2}\.csv"?$/)
    const lines = response.text.replace(/^\uFEFF/, '').trim().split('\r\n')
    expect(lines[0]).to.equal('Action ID,Title,Outcome sought,Owner organisation,Owner,Area,Due,Days overdue,Status,Priority,Sources,Themes,Latest update,Latest update on,Escalation')
    expect(lines).to.have.length(2)
    expect(lines[1]).to.contain('Neglect pathway relaunch')
    expect(lines[1]).to.contain(',12,Active: At risk,Medium,Self-assessment: area for improvement,Plan Export Neglect,Training booked for March; two of five teams trained,')
    expect(lines[1]).to.contain('Escalated: responded')

    const all = await admin.get('/actions.csv')
    expect(all.text).to.contain(`"'=HYPERLINK(""http://evil"")"`)
    expect(all.text.trim().split('\r\n')).to.have.length(5)
  })

  it('exports the same as XLSX', async () => {
    const response = await admin.get('/actions.xlsx?status=open').buffer(true).parse(binary)
    expect(response.status).to.equal(200)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(response.body as unknown as ExcelJS.Buffer)
    const sheet = workbook.getWorksheet('Action plan')!
    expect(sheet.rowCount).to.equal(4)
    const titles = [2, 3, 4].map((row) => sheet.getRow(row).getCell(2).value)
    expect(titles).to.deep.equal(['Escalated and waiting', 'Neglect pathway relaunch', '=HYPERLINK("http://evil")'])
  })

  it('refuses a date that is not a date with its message, never a 500', async () => {
    const response = await admin.get('/actions.csv?dueFrom=2026-02-31')
    expect(response.status).to.equal(400)
    expect(response.text).to.equal('The due from date must be a real date, like 31 3 2026')
    expect((await admin.get('/actions/plan.pdf?dueTo=soon')).status).to.equal(400)
  })

  it('makes the PDF for a board meeting: title, partnership, filters, counts, every action, the overdue and the escalated, page numbers', async () => {
    const response = await admin.get('/actions/plan.pdf?status=open').buffer(true).parse(binary)
    expect(response.status).to.equal(200)
    expect(response.headers['content-type']).to.equal('application/pdf')
    const pages = await pdfPages(response.body as Buffer)
    const text = pages.join(' ')
    expect(text).to.contain('Action plan')
    expect(text).to.contain('Plan Export Partnership')
    expect(text).to.contain('Filters applied: Status: Open (draft or active).')
    expect(text).to.match(/Completed 1 .*Open \(draft or active\) 3 Open and overdue 2/)
    expect(text).to.contain('Actions (3)')
    expect(text).to.contain('Training booked for March')
    expect(text).to.contain('Overdue (2)')
    expect(text).to.match(/Escalated and waiting .* 40 .*Neglect pathway relaunch .* 12/)
    expect(text).to.contain('Escalated to the executive (2)')
    expect(text).to.contain('Agreed a new date of 30 June')
    expect(text).to.contain('Awaiting response')
    expect(text).not.to.contain('Completed exploitation screening')
    expect(pages[0]).to.contain(`page 1 of ${pages.length}`)
  })

  it('makes a PDF of many pages whose table carries on across them', async () => {
    const big = await planFixture('Plan Board')
    for (let index = 0; index < 60; index++) await big.action({ title: `Board action ${index}`, dueInDays: index - 5, latestNote: 'Progress: '.repeat(20) })
    const agent = await signedInAgent(big.admin.email)
    const response = await agent.get('/actions/plan.pdf').buffer(true).parse(binary)
    const pages = await pdfPages(response.body as Buffer)
    expect(pages.length).to.be.greaterThan(3)
    expect(pages.join(' ')).to.contain('Board action 59')
    expect(pages[pages.length - 1]).to.contain(`page ${pages.length} of ${pages.length}`)
    // The header row is repeated on the pages the table continues on.
    expect(pages[2]).to.contain('Outcome sought')
  })

  it('exports the themes sheet', async () => {
    const response = await admin.get('/actions/themes.csv')
    expect(response.status).to.equal(200)
    expect(response.text).to.contain('Plan Export Neglect,2,1,1,2,Self-assessment: area for improvement; Case audit,Yes')
  })
})
