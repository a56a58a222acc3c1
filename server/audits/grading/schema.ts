import type { DomainEntries } from '../../db/models/auditGrading.model'
import { FormErrors, formErrors } from '../../forms/validation'
import type { AuditTool } from '../auditToolSchema'

export type GradingIntent = 'draft' | 'submit'

export interface GradingInput {
  /** Per domain, the values entered (empty ones left out). */
  domains: DomainEntries
  noDirectInvolvement: boolean
  intent: GradingIntent
}

/** A field's form name: the domain's key and the field's key. */
export const gradingField = (domainKey: string, fieldKey: string) => `${domainKey}__${fieldKey}`

export const gradeField = (tool: AuditTool) => tool.fields.find((field) => field.type === 'grade')!

const text = (body: Record<string, unknown>, name: string) => {
  const value = body[name]
  return typeof value === 'string' ? value.trim() : ''
}

/** The first letter lower-cased, for a label inside a sentence ("Enter the strengths for …"). */
const inSentence = (label: string) => label.charAt(0).toLowerCase() + label.slice(1)

/**
 * Checks a domain's values against the tool: a grade must be on its scale, text within its length.
 * On submit every domain needs a grade and every required text field, and the auditor must confirm
 * they had no direct involvement in the case. Also used by the service, whatever the form sent.
 */
export function gradingProblems(tool: AuditTool, domains: DomainEntries, noDirectInvolvement: boolean, intent: GradingIntent): { field: string; text: string }[] {
  const problems: { field: string; text: string }[] = []
  const grades = tool.gradeScale.map((grade) => grade.key)
  for (const domain of tool.domains) {
    const values = domains[domain.key] ?? {}
    for (const field of tool.fields) {
      const name = gradingField(domain.key, field.key)
      const value = values[field.key] ?? ''
      if (field.type === 'grade') {
        if (value && !grades.includes(value)) problems.push({ field: name, text: `Choose a grade for ${domain.title} from the tool’s scale (${tool.gradeScale.map((grade) => grade.label).join(', ')})` })
        else if (!value && intent === 'submit') problems.push({ field: name, text: `Choose a grade for ${domain.title}` })
      } else if (value.length > field.maxLength) {
        problems.push({ field: name, text: `${field.label} for ${domain.title} must be ${field.maxLength.toLocaleString('en-GB')} characters or fewer` })
      } else if (!value && field.required && intent === 'submit') {
        problems.push({ field: name, text: `Enter the ${inSentence(field.label)} for ${domain.title}` })
      }
    }
  }
  if (intent === 'submit' && !noDirectInvolvement) problems.push({ field: 'noDirectInvolvement', text: 'Confirm that you had no direct involvement in this case' })
  return problems
}

/** Reads the grading form: the values per domain and field of the round's tool, the confirmation and which button was pressed. */
export function readGrading(body: Record<string, unknown>, tool: AuditTool): { ok: true; data: GradingInput } | { ok: false; errors: FormErrors } {
  const intent: GradingIntent = body.intent === 'submit' ? 'submit' : 'draft'
  const domains: DomainEntries = {}
  for (const domain of tool.domains) {
    const values: Record<string, string> = {}
    for (const field of tool.fields) {
      const value = text(body, gradingField(domain.key, field.key))
      if (value) values[field.key] = value
    }
    if (Object.keys(values).length) domains[domain.key] = values
  }
  const noDirectInvolvement = body.noDirectInvolvement === 'yes'
  const problems = gradingProblems(tool, domains, noDirectInvolvement, intent)
  if (problems.length) return { ok: false, errors: formErrors(problems) }
  return { ok: true, data: { domains, noDirectInvolvement, intent } }
}

/** A saved grading as the form's field values. */
export function gradingValues(domains: DomainEntries, noDirectInvolvement: boolean): Record<string, string> {
  const values: Record<string, string> = {}
  for (const [domainKey, fields] of Object.entries(domains)) for (const [fieldKey, value] of Object.entries(fields)) values[gradingField(domainKey, fieldKey)] = value
  if (noDirectInvolvement) values.noDirectInvolvement = 'yes'
  return values
}
