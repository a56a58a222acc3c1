import type { Pdf } from '../../reports/pdf'

export const CONFIDENTIAL = 'Confidential: case audit. For the round’s members and the QA sub-group only; do not forward.'
/** The briefing is meant to be shared with frontline staff, so it names no case; the note says so. */
export const BRIEFING_NOTE = 'Case audit learning for frontline staff: no case is identified. Add no case details when you share it.'

/** The confidentiality note at the top of every page, above the text (call last, once every page exists). */
export function markEveryPageConfidential(doc: Pdf, note = CONFIDENTIAL): void {
  const { start, count } = doc.bufferedPageRange()
  for (let index = start; index < start + count; index++) {
    doc.switchToPage(index)
    const top = doc.page.margins.top
    doc.page.margins.top = 0
    doc.font('bold').fontSize(8).fillColor('#d4351c').text(note, doc.page.margins.left, 28, { width: doc.page.width - doc.page.margins.left - doc.page.margins.right, align: 'center', lineBreak: false })
    doc.page.margins.top = top
  }
}
