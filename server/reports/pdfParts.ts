import SVGtoPDF from 'svg-to-pdfkit'
import { ChartSpec, chartSvg } from './charts'
import type { Pdf } from './pdf'

/** A heading kept with at least `keep` points of what follows it: never alone at the foot of a page. */
export function heading(doc: Pdf, text: string, size = 13, keep = 90): void {
  if (doc.y + 40 + keep > doc.page.height - doc.page.margins.bottom) doc.addPage()
  doc.moveDown(0.8).font('bold').fontSize(size).fillColor('#0b0c0c').text(text).font('regular').moveDown(0.4)
}

/** Draws an ECharts chart at the text width, on a new page when it would not fit. */
export function drawChart(doc: Pdf, spec: ChartSpec): void {
  const svg = chartSvg(spec)
  const [, width, height] = /^<svg width="(\d+)" height="(\d+)"/.exec(svg)!.map(Number)
  const left = doc.page.margins.left
  const drawnWidth = doc.page.width - left - doc.page.margins.right
  const drawnHeight = (drawnWidth * height) / width
  if (doc.y + drawnHeight > doc.page.height - doc.page.margins.bottom) doc.addPage()
  SVGtoPDF(doc, svg, left, doc.y, { width: drawnWidth, height: drawnHeight, preserveAspectRatio: 'xMinYMin meet', fontCallback: (_family, bold) => (bold ? 'bold' : 'regular') })
  doc.x = left
  doc.y += drawnHeight + 8
}
