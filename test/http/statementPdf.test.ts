import { expect } from 'chai'
import { writeFileSync } from 'node:fs'
import { Statement } from '../../server/db/models'
import { statementPdf } from '../../server/statements/pdf'
import { statementView } from '../../server/statements/queries'
import { signedInAgent } from '../helpers/agents'
import { pdfPages, pdfTextBoxes } from '../helpers/pdfText'
import { completeContent, organisationNamed, statementFor } from './statementsFixture'

describe('a Child Safeguarding Statement as a PDF', () => {
  let statement: Statement
  let pages: string[]
  let boxes: Awaited<ReturnType<typeof pdfTextBoxes>>

  before(async () => {
    const organisation = await organisationNamed('Millbrook Mosque Education Centre')
    await Statement.destroy({ where: { organisationId: organisation.id } })
    const long = 'Two trained adults supervise every session and no adult is alone with a child. '.repeat(70)
    const content = completeContent({
      principles: 'Every child matters. '.repeat(200),
      risks: [
        ...Array.from({ length: 24 }, (_, index) => ({ risk: `Risk number ${index + 1}: a child leaving the building unaccompanied`, whereOrWhen: 'At the end of evening classes', likelihood: 'medium' as const, seriousness: 'high' as const, procedure: 'Children are signed out to a named adult' })),
        { risk: 'A very long risk', whereOrWhen: 'Anywhere', likelihood: 'high', seriousness: 'high', procedure: long },
        { risk: 'Unbroken text', whereOrWhen: 'x'.repeat(600), likelihood: 'low', seriousness: 'low', procedure: 'y'.repeat(900) },
      ],
      relevantPersons: [
        { name: 'Siân Llŷr Ŵyn', role: 'DSL', contact: '020 7946 0000' },
        { name: 'Łucja Żółć', role: 'Deputy DSL', contact: 'lucja@example.org' },
        { name: 'Ağaoğlu Işık Şahin', role: 'Chair', contact: 'chair@example.org' },
        { name: 'রহিম উদ্দিন', role: 'Imam', contact: '020 7946 0001' },
        { name: 'محمد عبد الله', role: 'Trustee', contact: '020 7946 0002' },
      ],
    })
    statement = await statementFor(organisation, 'approved', { content })
    const pdf = await statementPdf(await statementView(statement.id), '2026-06-01')
    writeFileSync('/tmp/statement-test.pdf', pdf)
    pages = await pdfPages(pdf)
    boxes = await pdfTextBoxes(pdf)
  })

  it('has every section, the names in Welsh, Polish and Turkish, and a note for Bengali', () => {
    const text = pages.join(' ')
    for (const part of ['Child Safeguarding Statement', 'Millbrook Mosque Education Centre', 'Riverside Safeguarding Children Partnership', 'Version 1', 'Our service', 'Our principles', 'Risk assessment', 'Our procedures', 'Relevant persons', 'Signed for the organisation', 'Gökhan Şahin, Chair of trustees', 'Takes effect', 'To be reviewed by']) expect(text).to.contain(part)
    for (const name of ['Siân Llŷr Ŵyn', 'Łucja Żółć', 'Ağaoğlu Işık Şahin', '[Bengali text: see the statement online]', '[Arabic text: see the statement online]']) expect(text).to.contain(name)
    expect(text).not.to.contain('রহিম')
    // Right-to-left text would print its words in reverse order: it is not printed at all.
    expect(text).not.to.match(/\p{Script=Arabic}/u)
  })

  it('keeps every piece of text, the 900-character unbroken one included, inside the page’s margins', () => {
    expect(boxes.some((box) => box.text.includes('yyyy'))).to.equal(true)
    const MARGIN = 56
    const outside = boxes.filter((box) => box.left < MARGIN - 0.5 || box.right > box.pageWidth - MARGIN + 0.5 || box.baseline < 20 || box.baseline > box.pageHeight - 20)
    expect(outside.map((box) => `page ${box.page}: "${box.text.slice(0, 40)}" from ${box.left.toFixed(1)} to ${box.right.toFixed(1)} at ${box.baseline.toFixed(1)}`)).to.deep.equal([])
  })

  it('puts "Not an accreditation" and the page number on every page', () => {
    expect(pages.length).to.be.greaterThan(3)
    pages.forEach((page, index) => {
      expect(page).to.contain('Not an accreditation')
      expect(page).to.contain(`page ${index + 1} of ${pages.length}`)
    })
  })

  it('breaks the risk table across pages, repeating its header, and splits a row taller than a page', () => {
    const withRisks = pages.filter((page) => page.includes('Risk number') || page.includes('(continued)'))
    expect(withRisks.length).to.be.greaterThan(1)
    for (const page of withRisks) expect(page).to.contain('How it is managed')
    expect(pages.join(' ')).to.contain('(continued)')
  })

  it('is downloaded by the organisation’s people and the partnership’s reviewers only', async () => {
    const qa = await signedInAgent('qa@riverside.test')
    const response = await qa.get(`/statements/${statement.id}/statement.pdf`)
    expect(response.status).to.equal(200)
    expect(response.headers['content-type']).to.equal('application/pdf')
    expect((await (await signedInAgent('lead@police.riverside.test')).get(`/statements/${statement.id}/statement.pdf`)).status).to.equal(403)
    expect((await (await signedInAgent('auditor@riverside.test')).get(`/statements/${statement.id}/statement.pdf`)).status).to.equal(403)
  })
})
