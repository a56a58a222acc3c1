import path from 'node:path'
import PDFDocument from 'pdfkit'

const fontDir = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf')

/** DejaVu covers Welsh, Polish, Turkish and the rest of Latin and Cyrillic; pdfkit's built-in fonts do not. */
export const FONTS = { regular: path.join(fontDir, 'DejaVuSans.ttf'), bold: path.join(fontDir, 'DejaVuSans-Bold.ttf') }

export type Pdf = InstanceType<typeof PDFDocument>

/** An A4 document with our fonts, page numbers on every page, rendered to a Buffer. */
export async function renderPdf(title: string, draw: (doc: Pdf) => void): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margins: { top: 56, bottom: 64, left: 56, right: 56 }, bufferPages: true, info: { Title: title, Author: 'Assure' } })
  doc.registerFont('regular', FONTS.regular)
  doc.registerFont('bold', FONTS.bold)
  doc.font('regular')
  const chunks: Buffer[] = []
  doc.on('data', (chunk: Buffer) => chunks.push(chunk))
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })
  draw(doc)
  const { start, count } = doc.bufferedPageRange()
  for (let index = start; index < start + count; index++) {
    doc.switchToPage(index)
    const bottom = doc.page.margins.bottom
    doc.page.margins.bottom = 0
    doc.font('regular').fontSize(8).fillColor('#505a5f').text(`${title} · page ${index + 1} of ${count}`, doc.page.margins.left, doc.page.height - 40, {
      width: doc.page.width - doc.page.margins.left - doc.page.margins.right,
      align: 'center',
    })
    doc.page.margins.bottom = bottom
  }
  doc.end()
  return finished
}
