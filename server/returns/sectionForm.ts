import { calendarDate, isoDateFromParts } from '../forms/dates'
import { FormErrors, formErrors } from '../forms/validation'
import type { Criterion, Framework, Standard } from '../standards/frameworkSchema'
import { ImprovementInput, readImprovements } from './improvementForm'

export const NARRATIVE_MAX = 5000
export const REASON_MAX = 500
export const TEXT_ANSWER_MAX = 2000

export interface CriterionAnswerInput {
  criterionKey: string
  score: number | null
  notApplicable: boolean
  notApplicableReason: string | null
  narrative: string | null
  questionAnswers: Record<string, string>
}

/** What a criterion has beside its answer: the evidence files attached and the areas for improvement. */
export interface CriterionAttachmentsInput {
  criterionKey: string
  evidenceFileIds: number[]
  improvements: ImprovementInput[]
}

/** What the form is checked against: today's date, the return's evidence files and saved improvement rows. */
export interface SectionFormContext {
  today: string
  evidenceFileIds: Set<number>
  /** Saved improvement rows' target dates, by row id. */
  savedTargets: Map<number, string>
}

/** Form field names for a criterion; keys such as S11-1.2 are valid in names and ids. */
export const fieldName = {
  score: (criterion: string) => `${criterion}-score`,
  reason: (criterion: string) => `${criterion}-na-reason`,
  narrative: (criterion: string) => `${criterion}-narrative`,
  question: (criterion: string, question: string) => `${criterion}-q-${question}`,
  evidence: (criterion: string) => `${criterion}-evidence`,
}

const NOT_APPLICABLE = 'na'

function text(body: Record<string, unknown>, name: string): string {
  const value = body[name]
  return typeof value === 'string' ? value.trim() : ''
}

function readCriterion(body: Record<string, unknown>, criterion: Criterion, framework: Framework, problems: { field: string; text: string }[]): CriterionAnswerInput {
  const scoreField = fieldName.score(criterion.key)
  const rawScore = text(body, scoreField)
  const notApplicable = rawScore === NOT_APPLICABLE
  let score: number | null = null
  if (notApplicable && !criterion.allowNotApplicable) problems.push({ field: scoreField, text: `${criterion.key} cannot be answered “not applicable”` })
  else if (rawScore && !notApplicable) {
    const value = Number(rawScore)
    if (framework.scoreScale.levels.some((level) => level.value === value)) score = value
    else problems.push({ field: scoreField, text: `Select a score for ${criterion.key} from the scale` })
  }
  const reason = text(body, fieldName.reason(criterion.key))
  if (notApplicable && criterion.allowNotApplicable && !reason) problems.push({ field: fieldName.reason(criterion.key), text: `Say why ${criterion.key} does not apply` })
  if (reason.length > REASON_MAX) problems.push({ field: fieldName.reason(criterion.key), text: `The reason must be ${REASON_MAX} characters or fewer` })
  const narrative = text(body, fieldName.narrative(criterion.key))
  if (narrative.length > NARRATIVE_MAX) problems.push({ field: fieldName.narrative(criterion.key), text: `The evidence for ${criterion.key} must be ${NARRATIVE_MAX} characters or fewer` })

  const questionAnswers: Record<string, string> = {}
  for (const question of criterion.questions) {
    const name = fieldName.question(criterion.key, question.key)
    if (question.type === 'date') {
      const iso = isoDateFromParts(body, name)
      if (!iso) continue
      const parsed = calendarDate(question.text.toLowerCase()).safeParse(iso)
      if (parsed.success) questionAnswers[question.key] = iso
      else problems.push({ field: name, text: `${question.text}: enter a real date, like 31 3 2026` })
      continue
    }
    const value = text(body, name)
    if (!value) continue
    if (question.type === 'yesNo' && value !== 'yes' && value !== 'no') problems.push({ field: name, text: `${question.text}: select yes or no` })
    else if (question.type === 'number') {
      // Digits, a minus sign and a decimal point only: Number() would also take "0x10" and "1e2".
      const number = /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : NaN
      if (!Number.isFinite(number)) problems.push({ field: name, text: `${question.text}: enter a number` })
      else if ((question.min !== undefined && number < question.min) || (question.max !== undefined && number > question.max)) {
        problems.push({ field: name, text: `${question.text}: enter a number from ${question.min ?? '…'} to ${question.max ?? '…'}` })
      }
    } else if (question.type === 'text' && value.length > (question.maxLength ?? TEXT_ANSWER_MAX)) {
      problems.push({ field: name, text: `${question.text}: must be ${question.maxLength ?? TEXT_ANSWER_MAX} characters or fewer` })
    }
    questionAnswers[question.key] = value
  }
  return { criterionKey: criterion.key, score, notApplicable: notApplicable && criterion.allowNotApplicable, notApplicableReason: notApplicable ? reason || null : null, narrative: narrative || null, questionAnswers }
}

function readAttachments(body: Record<string, unknown>, criterion: Criterion, context: SectionFormContext, problems: { field: string; text: string }[]): CriterionAttachmentsInput {
  const name = fieldName.evidence(criterion.key)
  const raw = body[name] === undefined ? [] : [body[name]].flat()
  const chosen = raw.map(Number)
  if (chosen.some((id) => !context.evidenceFileIds.has(id))) problems.push({ field: name, text: `Select evidence files for ${criterion.key} from this return’s files` })
  return {
    criterionKey: criterion.key,
    evidenceFileIds: [...new Set(chosen.filter((id) => context.evidenceFileIds.has(id)))],
    improvements: readImprovements(body, criterion.key, context, problems),
  }
}

/**
 * Reads one standard's answers from its form. Every criterion is checked on the server; marking the
 * section completed also needs every criterion scored or marked not applicable.
 */
export function readSection(
  body: Record<string, unknown>,
  standard: Standard,
  framework: Framework,
  context: SectionFormContext,
): { answers: CriterionAnswerInput[]; attachments: CriterionAttachmentsInput[]; completed: boolean; errors?: FormErrors } {
  const problems: { field: string; text: string }[] = []
  // Criterion by criterion, so the error summary lists problems in the order of the page.
  const answers: CriterionAnswerInput[] = []
  const attachments: CriterionAttachmentsInput[] = []
  for (const criterion of standard.criteria) {
    answers.push(readCriterion(body, criterion, framework, problems))
    attachments.push(readAttachments(body, criterion, context, problems))
  }
  const completed = body.completed === 'yes'
  if (completed) {
    for (const answer of answers) {
      if (answer.score === null && !answer.notApplicable && !problems.some((problem) => problem.field === fieldName.score(answer.criterionKey))) {
        problems.push({ field: fieldName.score(answer.criterionKey), text: `Score ${answer.criterionKey} before marking the section completed` })
      }
    }
  }
  return { answers, attachments, completed, errors: problems.length ? formErrors(problems) : undefined }
}
