import { PROCEDURE_KEYS, statementStatusLabels } from '../db/models/statement.model'
import { formatDate, todayInEngland } from '../forms/dates'
import { Pdf, renderPdf } from '../reports/pdf'
import { heading } from '../reports/pdfParts'
import { drawTable, PdfTable } from '../reports/pdfTable'
import { levelLabels, procedureLabels } from './content'
import type { StatementView } from './queries'
import { reviewStatus, reviewStatusLabels } from './reviewStatus'

export const NOT_AN_ACCREDITATION = 'Not an accreditation: the partnership has approved this statement, not accredited the organisation.'

/**
 * Scripts the PDF cannot print correctly: those DejaVu Sans has no glyphs for (this machine has no
 * other font to embed, and none can be fetched at run time), which would be empty boxes, and those
 * written right to left, which pdfkit lays out left to right (the words in reverse order, the spaces
 * between them lost; checked by rendering the page). A run of them is replaced by a note; the
 * statement's web page shows it as written.
 */
const UNSUPPORTED_SCRIPTS = ['Arabic', 'Hebrew', 'Syriac', 'Thaana', 'Nko', 'Bengali', 'Devanagari', 'Gurmukhi', 'Gujarati', 'Oriya', 'Tamil', 'Telugu', 'Kannada', 'Malayalam', 'Sinhala', 'Thai', 'Myanmar', 'Khmer', 'Tibetan', 'Ethiopic', 'Han', 'Hiragana', 'Katakana', 'Hangul']
const scriptRuns = UNSUPPORTED_SCRIPTS.map((script) => ({ script, run: new RegExp(`[\\p{Script=${script}}][\\p{Script=${script}}\\p{M}\\u200c\\u200d\\s]*`, 'gu') }))

/** Text as the PDF can show it: each run in a script the font lacks becomes "[Bengali text: see the statement online]". */
export function pdfText(text: string): string {
  let shown = text
  for (const { script, run } of scriptRuns) shown = shown.replace(run, (match) => `[${script === 'Han' ? 'Chinese' : script} text: see the statement online]${/\s$/.test(match) ? ' ' : ''}`)
  return shown
}

const PADDING = 3
const FONT_SIZE = 8

/**
 * drawTable never splits a row, so a row taller than a page would run off it, and a tall row moved
 * whole to the next page leaves a gap: a row taller than a quarter of a page is cut into rows of at
 * most that, the later ones marked "(continued)" in `markColumn`.
 */
function fitRows(doc: Pdf, table: PdfTable, markColumn = 0): PdfTable {
  const textWidth = doc.page.width - doc.page.margins.left - doc.page.margins.right
  const widths = table.widths.map((share) => share * textWidth - 2 * PADDING)
  const maxHeight = (doc.page.height - doc.page.margins.top - doc.page.margins.bottom) * 0.25
  doc.font('regular').fontSize(FONT_SIZE)
  const height = (text: string, column: number) => doc.heightOfString(text, { width: widths[column] }) + 2 * PADDING
  const rows: string[][] = []
  for (const row of table.rows) {
    if (Math.max(...row.map(height)) <= maxHeight) {
      rows.push(row)
      continue
    }
    const pieces = row.map((cell, column) => splitToHeight(cell, (text) => height(text, column) <= maxHeight))
    const count = Math.max(...pieces.map((cellPieces) => cellPieces.length))
    for (let index = 0; index < count; index++) rows.push(pieces.map((cellPieces, column) => (column === markColumn && index > 0 ? `(continued) ${cellPieces[index] ?? ''}` : (cellPieces[index] ?? ''))))
  }
  return { ...table, rows }
}

/** Cuts text into pieces that each pass `fits`, at spaces where it can, within a long word where it must. */
function splitToHeight(text: string, fits: (text: string) => boolean): string[] {
  const tokens = text.split(/(?<=\s)/).flatMap((word) => word.match(/[\s\S]{1,40}/g) ?? [])
  const pieces: string[] = []
  let current = ''
  for (const token of tokens) {
    if (current && !fits(current + token)) {
      pieces.push(current.trimEnd())
      current = ''
    }
    current += token
  }
  if (current || !pieces.length) pieces.push(current.trimEnd())
  return pieces
}

function paragraph(doc: Pdf, label: string, text: string): void {
  doc.font('bold').fontSize(10).fillColor('#0b0c0c').text(pdfText(label)).font('regular').moveDown(0.2)
  doc.fontSize(10).text(pdfText(text || 'Not given')).moveDown(0.6)
}

/** The footer every page carries above the page numbers renderPdf adds. */
function footers(doc: Pdf): void {
  const { start, count } = doc.bufferedPageRange()
  for (let index = start; index < start + count; index++) {
    doc.switchToPage(index)
    const bottom = doc.page.margins.bottom
    doc.page.margins.bottom = 0
    doc.font('bold').fontSize(8).fillColor('#505a5f').text(NOT_AN_ACCREDITATION, doc.page.margins.left, doc.page.height - 54, { lineBreak: false, width: doc.page.width - doc.page.margins.left - doc.page.margins.right, align: 'center' })
    doc.page.margins.bottom = bottom
  }
}

/** A Child Safeguarding Statement as a PDF: every section, the risk assessment as a table, the signature block and dates. */
export async function statementPdf(view: StatementView, today: string): Promise<Buffer> {
  const { statement, content } = view
  const title = `${view.organisationName}: Child Safeguarding Statement, version ${statement.version}`
  return renderPdf(pdfText(title), (doc) => {
    doc.font('bold').fontSize(18).fillColor('#0b0c0c').text('Child Safeguarding Statement')
    doc.font('bold').fontSize(14).text(pdfText(view.organisationName)).moveDown(0.2)
    doc.font('regular').fontSize(11).text(pdfText(view.partnershipName))
    const published = statement.status === 'approved' || statement.status === 'superseded'
    const state = statement.status === 'approved' && statement.reviewOn ? reviewStatusLabels[reviewStatus(statement.reviewOn, today)] : statementStatusLabels[statement.status]
    doc.fontSize(10).text(`Version ${statement.version} · ${state}${statement.publishedAt ? ` · published ${formatDate(todayInEngland(statement.publishedAt))}` : ''}`)
    doc.text(`Takes effect: ${statement.effectiveOn ? formatDate(statement.effectiveOn) : 'not set'} · Review by: ${statement.reviewOn ? formatDate(statement.reviewOn) : 'not set'}`)
    if (!published) doc.moveDown(0.4).font('bold').fillColor('#d4351c').text('Not published: this version has not been approved by the partnership.').fillColor('#0b0c0c').font('regular')
    if (statement.status === 'superseded') doc.moveDown(0.4).font('bold').text(`Superseded${statement.supersededAt ? ` on ${formatDate(todayInEngland(statement.supersededAt))}` : ''}: a later version is the current statement.`).font('regular')

    heading(doc, 'Our service')
    paragraph(doc, 'What the service does', content.service.description)
    paragraph(doc, 'The children and young people who use it', content.service.childrenAndYoungPeople)
    paragraph(doc, 'Where it is provided', content.service.locations)

    heading(doc, 'Our principles for keeping children safe')
    doc.fontSize(10).text(pdfText(content.principles || 'Not given'))

    heading(doc, 'Risk assessment')
    doc.fontSize(10).text('The risks of harm to a child while using our service, and the procedure or precaution that manages each.').moveDown(0.4)
    drawTable(
      doc,
      fitRows(doc, {
        header: ['#', 'Risk of harm', 'Where or when', 'Likelihood', 'Seriousness', 'How it is managed'],
        rows: content.risks.map((risk, index) => [String(index + 1), pdfText(risk.risk), pdfText(risk.whereOrWhen), risk.likelihood ? levelLabels[risk.likelihood] : '', risk.seriousness ? levelLabels[risk.seriousness] : '', pdfText(risk.procedure)]),
        widths: [0.04, 0.24, 0.16, 0.12, 0.13, 0.31],
        numeric: [0],
      }, 1),
    )

    heading(doc, 'Our procedures')
    drawTable(
      doc,
      fitRows(doc, {
        header: ['Procedure', 'Document', 'Last reviewed'],
        rows: PROCEDURE_KEYS.map((key) => [procedureLabels[key].title, pdfText(content.procedures[key].documentName), content.procedures[key].lastReviewedOn ? formatDate(content.procedures[key].lastReviewedOn) : '']),
        widths: [0.42, 0.4, 0.18],
      }),
    )

    heading(doc, content.relevantPersons.length > 1 ? 'Relevant persons' : 'Relevant person')
    doc.fontSize(10).text('The first point of contact for this statement.').moveDown(0.4)
    drawTable(doc, fitRows(doc, { header: ['Name', 'Role', 'How to contact them'], rows: content.relevantPersons.map((person) => [pdfText(person.name), pdfText(person.role), pdfText(person.contact)]), widths: [0.3, 0.3, 0.4] }))

    heading(doc, 'Signed for the organisation', 12, 120)
    paragraph(doc, 'Senior lead', statement.signedAt ? `${statement.signedByName}, ${statement.signedByRole}` : 'Not yet signed')
    if (statement.signedAt) paragraph(doc, 'Signed on', formatDate(todayInEngland(statement.signedAt)))
    paragraph(doc, 'Takes effect', statement.effectiveOn ? formatDate(statement.effectiveOn) : 'Not set')
    paragraph(doc, 'To be reviewed by', statement.reviewOn ? formatDate(statement.reviewOn) : 'Not set')
    footers(doc)
  })
}
