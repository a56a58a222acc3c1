import { readFileSync } from 'node:fs'
import path from 'node:path'
import { expect } from 'chai'
import { checkEvidenceFile } from '../../server/evidence/fileType'
import { cleanFileName } from '../../server/evidence/service'
import { renderPdf } from '../../server/reports/pdf'

const fixture = (name: string) => readFileSync(path.join(__dirname, '../fixtures/evidence', name))

describe('evidence file types, checked by content', () => {
  const accepted: [string, string][] = [
    ['policy.docx', 'docx'],
    ['returns.xlsx', 'xlsx'],
    ['briefing.pptx', 'pptx'],
    ['old-policy.doc', 'doc'],
    ['training-log.txt', 'txt'],
    ['chart.png', 'png'],
    ['photo.jpg', 'jpeg'],
  ]
  for (const [name, type] of accepted) {
    it(`accepts ${name} as ${type}`, () => {
      expect(checkEvidenceFile(fixture(name), name)).to.deep.equal({ ok: true, type })
    })
  }

  it('accepts a real PDF', async () => {
    const pdf = await renderPdf('Evidence', (doc) => doc.text('Minutes of the board'))
    expect(checkEvidenceFile(pdf, 'minutes.PDF')).to.deep.equal({ ok: true, type: 'pdf' })
  })

  it('refuses an executable named .pdf, whatever its name says', () => {
    const result = checkEvidenceFile(fixture('invoice.pdf'), 'invoice.pdf')
    expect(result).to.deep.equal({ ok: false, error: 'The selected file must be a PDF, Word, Excel, PowerPoint, text, PNG or JPEG file' })
  })

  it('refuses a zip that is not an Office file, and Office files with macros', () => {
    expect(checkEvidenceFile(fixture('archive.zip'), 'archive.zip').ok).to.equal(false)
    expect(checkEvidenceFile(fixture('archive.zip'), 'archive.docx').ok).to.equal(false)
    expect(checkEvidenceFile(fixture('macros.docm'), 'macros.docx')).to.deep.equal({ ok: false, error: 'The selected file contains macros: save it without macros and upload it again' })
  })

  it('refuses a file whose name claims another type than its content', () => {
    expect(checkEvidenceFile(fixture('policy.docx'), 'policy.pdf')).to.deep.equal({
      ok: false,
      error: 'The selected file is a Word document but its name ends “.pdf”: rename it to end .docx and upload it again',
    })
    expect(checkEvidenceFile(fixture('old-policy.doc'), 'old-policy.exe').ok).to.equal(false)
  })

  it('refuses an empty file and binary data posing as text', () => {
    expect(checkEvidenceFile(Buffer.alloc(0), 'empty.txt')).to.deep.equal({ ok: false, error: 'The selected file is empty' })
    expect(checkEvidenceFile(Buffer.from([0x41, 0x00, 0x42]), 'data.txt').ok).to.equal(false)
    expect(checkEvidenceFile(Buffer.from([0xc3, 0x28]), 'latin.txt').ok).to.equal(false)
  })

  it('keeps only the name of an uploaded file: no folders, quotes or control characters', () => {
    expect(cleanFileName('C:\\Users\\dsl\\policy "final".docx')).to.equal('policy final.docx')
    expect(cleanFileName('../../etc/passwd\u0000.txt')).to.equal('passwd.txt')
    expect(cleanFileName(`${'a'.repeat(300)}.pdf`)).to.have.length(200).and.match(/\.pdf$/)
  })
})
