import type { Criterion } from '../standards/frameworkSchema'
import { improvementField } from './improvementForm'
import { type CriterionAnswerInput, type CriterionAttachmentsInput, fieldName } from './sectionForm'

/** Saved answers, evidence links and areas for improvement as the form's field values; a date question's answer as its three boxes. */
export function formValuesFrom(criteria: Criterion[], answers: CriterionAnswerInput[], attachments: CriterionAttachmentsInput[]) {
  const dateQuestions = new Set(criteria.flatMap((criterion) => criterion.questions.filter((question) => question.type === 'date').map((question) => fieldName.question(criterion.key, question.key))))
  const values: Record<string, string | string[]> = {}
  const dateParts = (name: string, iso: string) => {
    const [year, month, day] = iso.split('-')
    Object.assign(values, { [`${name}-year`]: year, [`${name}-month`]: String(Number(month)), [`${name}-day`]: String(Number(day)) })
  }
  for (const answer of answers) {
    const key = answer.criterionKey
    values[fieldName.score(key)] = answer.notApplicable ? 'na' : answer.score === null ? '' : String(answer.score)
    values[fieldName.reason(key)] = answer.notApplicableReason ?? ''
    values[fieldName.narrative(key)] = answer.narrative ?? ''
    for (const [question, value] of Object.entries(answer.questionAnswers)) {
      const name = fieldName.question(key, question)
      if (dateQuestions.has(name) && /^\d{4}-\d{2}-\d{2}$/.test(value)) dateParts(name, value)
      else values[name] = value
    }
  }
  for (const attachment of attachments) {
    values[fieldName.evidence(attachment.criterionKey)] = attachment.evidenceFileIds.map(String)
    for (const [row, improvement] of attachment.improvements.entries()) {
      values[improvementField(attachment.criterionKey, row, 'id')] = String(improvement.id)
      values[improvementField(attachment.criterionKey, row, 'action')] = improvement.action
      values[improvementField(attachment.criterionKey, row, 'owner')] = improvement.owner
      dateParts(improvementField(attachment.criterionKey, row, 'target'), improvement.targetOn)
    }
  }
  return values
}
