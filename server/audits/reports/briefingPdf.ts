import { formatDate, todayInEngland } from '../../forms/dates'
import { Pdf, renderPdf } from '../../reports/pdf'
import { BRIEFING_NOTE, markEveryPageConfidential } from './pdfParts'
import { RoundReport, distributionInWords } from './roundReport'

export const SEE_FULL_REPORT = '… (see the full report)'

const BODY_SIZE = 9
const HEADING_SIZE = 11
const HEADING_GAP = 4
const SECTION_GAP = 10

/**
 * The longest start of `text`, cut at a word, that fits in `height` at the body size with "see the
 * full report" after it; the whole text when it fits.
 */
export function fitText(doc: Pdf, text: string, width: number, height: number): string {
  doc.font('regular').fontSize(BODY_SIZE)
  const fits = (candidate: string) => doc.heightOfString(candidate, { width }) <= height
  if (fits(text)) return text
  let low = 0
  let high = text.length
  while (low < high) {
    const middle = Math.ceil((low + high) / 2)
    if (fits(`${text.slice(0, middle).trimEnd()}${SEE_FULL_REPORT}`)) low = middle
    else high = middle - 1
  }
  const cut = text.slice(0, low)
  const atWord = /\s\S*$/.test(cut) && cut.lastIndexOf(' ') > low / 2 ? cut.slice(0, cut.lastIndexOf(' ')) : cut
  return atWord ? `${atWord.trimEnd().replace(/[,;:.\-–]+$/, '')}${SEE_FULL_REPORT}` : ''
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** The briefing goes to frontline staff, so a case's reference written into a finding ("Case A: …") becomes "one case". */
export function withoutReferences(text: string, references: string[]): string {
  return references
    .filter((reference) => reference.trim())
    .sort((a, b) => b.length - a.length)
    .reduce((result, reference) => result.replace(new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(reference.trim())}(?![\\p{L}\\p{N}])`, 'giu'), 'one case'), text)
}

const bullets = (items: string[]) => [...new Set(items.map((item) => item.replace(/\s+/g, ' ').trim()).filter(Boolean))].map((item) => `•  ${item}`).join('\n')

interface Section {
  heading: string
  text: string
}

function sectionsOf(report: RoundReport): Section[] {
  const overall = report.distribution[report.distribution.length - 1]
  const cases = `${report.caseCount} case${report.caseCount === 1 ? '' : 's'}`
  const found = !report.caseCount
    ? 'No cases have been audited yet.'
    : report.agreedCount
      ? `We audited ${cases} together, agency by agency. Overall: ${distributionInWords(report, overall)}.`
      : `We are auditing ${cases} together, agency by agency; the workshop has not agreed grades yet.`
  const toDo = report.actions.length ? report.actions.map((action) => `${action.title}: ${action.outcomeSought}`) : report.findings.map((finding) => finding.areasForImprovement)
  const references = [...report.findings, ...report.actions, ...report.reaudit.samples].map((item) => item.reference)
  const sections = [
    { heading: `The theme and why now: ${report.round.theme}`, text: report.round.whyNow },
    { heading: 'What we found', text: found },
    { heading: 'What worked well', text: bullets(report.findings.map((finding) => finding.strengths)) || 'Not agreed yet.' },
    { heading: 'What needs to improve', text: bullets(report.findings.map((finding) => finding.areasForImprovement)) || 'Not agreed yet.' },
    { heading: 'What you should do differently', text: bullets(toDo) || 'Not agreed yet.' },
    { heading: 'Themes', text: report.themes.length ? report.themes.map((theme) => `${theme.name} (${theme.count} of ${report.caseCount} cases)`).join('; ') : 'None recorded yet.' },
    {
      heading: 'Where to find out more',
      text: `Read the full round report (with every case’s findings and the action plan) on the case audit pages in Assure, or ask your agency’s designated safeguarding lead. Bring this briefing to a team meeting: spend seven minutes on it, then agree one thing your team will do differently. ${report.round.partnershipName}.`,
    },
  ]
  return sections.map((section) => ({ heading: withoutReferences(section.heading, references), text: withoutReferences(section.text, references) }))
}

/**
 * Shares the page's height among the sections: each gets what it needs when everything fits;
 * otherwise the short ones keep theirs and the long ones share what is left equally.
 */
export function allocate(needs: number[], available: number): number[] {
  const given = needs.map(() => 0)
  let open = needs.map((_, index) => index)
  let left = available
  while (open.length) {
    const fair = left / open.length
    const small = open.filter((index) => needs[index] <= fair)
    if (!small.length) {
      for (const index of open) given[index] = fair
      break
    }
    for (const index of small) {
      given[index] = needs[index]
      left -= needs[index]
    }
    open = open.filter((index) => !small.includes(index))
  }
  return given
}

/** A one-page "7-minute briefing" of the round's learning for frontline staff: long text is cut short, never carried to a second page. */
export function briefingPdf(report: RoundReport, producedOn: Date): Promise<Buffer> {
  const title = `7-minute briefing: ${report.round.theme}`
  return renderPdf(title, (doc) => {
    const left = doc.page.margins.left
    const width = doc.page.width - left - doc.page.margins.right
    const bottom = doc.page.height - doc.page.margins.bottom
    doc.font('bold').fontSize(18).fillColor('#0b0c0c').text(title, left, doc.page.margins.top, { width, height: 46, ellipsis: true })
    doc.font('regular').fontSize(10).fillColor('#505a5f').text(`Learning from the multi-agency case audit “${report.round.title}” (workshop ${formatDate(report.round.workshopOn)}). Produced ${formatDate(todayInEngland(producedOn))}.`, { width, height: 28, ellipsis: true })
    doc.moveDown(0.6)

    const sections = sectionsOf(report)
    const headingHeight = HEADING_SIZE * 1.2 + HEADING_GAP
    const textHeights = sections.map((section) => doc.font('regular').fontSize(BODY_SIZE).heightOfString(section.text, { width: width - 8 }))
    const fixed = sections.length * (headingHeight + SECTION_GAP)
    const heights = allocate(textHeights, bottom - doc.y - fixed)

    let y = doc.y
    sections.forEach((section, index) => {
      doc.rect(left, y, 3, headingHeight + heights[index]).fill('#1d70b8')
      doc.font('bold').fontSize(HEADING_SIZE).fillColor('#0b0c0c').text(section.heading, left + 8, y, { width: width - 8, height: HEADING_SIZE * 1.2, ellipsis: true, lineBreak: false })
      const text = fitText(doc, section.text, width - 8, heights[index])
      doc.font('regular').fontSize(BODY_SIZE).fillColor('#0b0c0c').text(text, left + 8, y + headingHeight, { width: width - 8, height: heights[index] + 1, ellipsis: true })
      y += headingHeight + heights[index] + SECTION_GAP
    })
    markEveryPageConfidential(doc, BRIEFING_NOTE)
  })
}
