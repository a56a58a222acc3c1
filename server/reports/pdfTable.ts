import type { Pdf } from './pdf'

export interface PdfTable {
  header: string[]
  rows: string[][]
  /** Each column's share of the text width; they should add up to 1. */
  widths: number[]
  /** Columns whose cells are numbers, aligned right. */
  numeric?: number[]
}

const PADDING = 3
const FONT_SIZE = 8

/**
 * Draws a table across the text width from the current position: rows grow to fit their text,
 * a row never splits, and a page break repeats the header row.
 */
export function drawTable(doc: Pdf, table: PdfTable): void {
  const left = doc.page.margins.left
  const textWidth = doc.page.width - left - doc.page.margins.right
  const widths = table.widths.map((share) => share * textWidth)
  const heightOf = (cells: string[], font: string) => {
    doc.font(font).fontSize(FONT_SIZE)
    return Math.max(...cells.map((cell, column) => doc.heightOfString(cell, { width: widths[column] - 2 * PADDING }))) + 2 * PADDING
  }
  const drawRow = (cells: string[], font: string, shaded: boolean) => {
    const height = heightOf(cells, font)
    if (doc.y + height > doc.page.height - doc.page.margins.bottom) {
      doc.addPage()
      if (font !== 'bold') drawRow(table.header, 'bold', true)
    }
    const top = doc.y
    if (shaded) doc.rect(left, top, textWidth, height).fill('#f3f2f1')
    let x = left
    cells.forEach((cell, column) => {
      doc.font(font).fontSize(FONT_SIZE).fillColor('#0b0c0c').text(cell, x + PADDING, top + PADDING, { width: widths[column] - 2 * PADDING, align: table.numeric?.includes(column) ? 'right' : 'left' })
      x += widths[column]
    })
    doc.moveTo(left, top + height).lineTo(left + textWidth, top + height).lineWidth(0.5).strokeColor('#b1b4b6').stroke()
    doc.x = left
    doc.y = top + height
  }
  drawRow(table.header, 'bold', true)
  for (const row of table.rows) drawRow(row, 'regular', false)
  doc.moveDown(1)
}
