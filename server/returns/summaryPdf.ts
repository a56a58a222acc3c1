import { formatDate } from '../forms/dates'
import { Pdf, renderPdf } from '../reports/pdf'
import type { EvidenceFile } from '../db/models'
import { EVIDENCE_TYPES, EvidenceTypeKey } from '../evidence/fileType'
import { formatBytes } from '../evidence/service'
import type { Question } from '../standards/frameworkSchema'
import { questionAnswersInWords } from './questionAnswers'
import type { AnswerRecord, ImprovementRecord } from './sectionQueries'
import type { LoadedReturn } from './service'

export interface ReturnSummaryData {
  loaded: LoadedReturn
  partnerships: string[]
  /** The cycles the return answers, each with its partnership and due date. */
  cycles: { name: string; partnershipName: string; dueOn: string }[]
  sections: {
    key: string
    title: string
    criteria: { key: string; text: string; essential: boolean; questions: Question[]; answer?: AnswerRecord; files: Pick<EvidenceFile, 'fileName' | 'fileType' | 'sizeBytes'>[]; improvements: ImprovementRecord[] }[]
  }[]
}

function heading(doc: Pdf, text: string, size: number) {
  doc.moveDown(0.6).font('bold').fontSize(size).fillColor('#0b0c0c').text(text).font('regular').moveDown(0.3)
}

/** The return as a PDF: organisation, partnerships, each standard's self-scores, evidence, files and areas for improvement. */
export function returnSummaryPdf({ loaded, partnerships, cycles, sections }: ReturnSummaryData): Promise<Buffer> {
  const { organisation, version, assessment } = loaded
  const levels = version.definition.scoreScale.levels
  return renderPdf(`${organisation.name}: ${version.title}`, (doc) => {
    doc.font('bold').fontSize(18).text(version.title)
    doc.font('regular').fontSize(12).text(organisation.name).moveDown(0.5)
    doc.fontSize(10).fillColor('#505a5f')
    doc.text(`For ${partnerships.join(' and ')}`)
    for (const cycle of cycles) doc.text(`Cycle: ${cycle.name} (${cycle.partnershipName}), due ${formatDate(cycle.dueOn)}`)
    doc.text(`Framework version ${version.version}. Status: ${assessment.status.replace('_', ' ')}${assessment.submittedAt ? `, submitted ${formatDate(assessment.submittedAt.toISOString().slice(0, 10))}` : ''}.`)
    if (assessment.declaration) doc.text(`Declared by ${assessment.declaration.name}, ${assessment.declaration.jobTitle}.`)
    for (const section of sections) {
      heading(doc, `${section.key} ${section.title}`, 13)
      for (const criterion of section.criteria) {
        const answer = criterion.answer
        const score = !answer ? 'Not answered' : answer.notApplicable ? `Not applicable: ${answer.notApplicableReason ?? ''}` : answer.score === null ? 'Not answered' : `${answer.score} ${levels.find((level) => level.value === answer.score)?.label ?? ''}`
        doc.font('bold').fontSize(10).fillColor('#0b0c0c').text(`${criterion.key}${criterion.essential ? ' (essential)' : ''}  ${score}`)
        doc.font('regular').fontSize(9).fillColor('#0b0c0c').text(criterion.text)
        if (answer?.narrative) doc.fillColor('#505a5f').text(`Evidence: ${answer.narrative}`)
        for (const { question, answer: given } of questionAnswersInWords(criterion.questions, answer?.questionAnswers)) doc.fillColor('#505a5f').text(`${question}: ${given}`)
        for (const file of criterion.files) {
          doc.fillColor('#505a5f').text(`Evidence file: ${file.fileName} (${EVIDENCE_TYPES[file.fileType as EvidenceTypeKey]?.label ?? file.fileType}, ${formatBytes(file.sizeBytes)})`)
        }
        for (const area of criterion.improvements) {
          doc.fillColor('#0b0c0c').text(`Area for improvement: ${area.action}. Owner: ${area.owner}. Target date: ${formatDate(area.targetOn)}.`)
        }
        doc.moveDown(0.4)
      }
    }
  })
}
