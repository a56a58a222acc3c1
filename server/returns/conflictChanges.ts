import { formatDate, isoDateFromParts } from '../forms/dates'
import type { Criterion } from '../standards/frameworkSchema'
import { IMPROVEMENTS_PER_CRITERION, improvementField } from './improvementForm'
import { fieldName } from './sectionForm'

/** A section's form values: what was typed, or what was saved in the same shape. */
type FormValues = Record<string, unknown>

/** One thing the other person saved in a criterion that differs from what this person typed. */
export interface TheirChange {
  label: string
  theirs: string
}

const text = (values: FormValues, name: string) => {
  const value = values[name]
  return typeof value === 'string' ? value.trim() : ''
}

const ticked = (values: FormValues, name: string) => {
  const value = values[name]
  return (Array.isArray(value) ? value : value === undefined || value === '' ? [] : [value]).map(String).sort()
}

/** A date typed in three boxes, in words when it is a real date, as typed when not, '' when empty. */
function dateIn(values: FormValues, name: string): string {
  const iso = isoDateFromParts(values, name)
  if (!iso) return ''
  const date = new Date(`${iso}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(iso) ? formatDate(iso) : iso
}

function scoreIn(values: FormValues, criterionKey: string): string {
  const score = text(values, fieldName.score(criterionKey))
  return score === 'na' ? 'not applicable' : score || 'none'
}

function improvementsIn(values: FormValues, criterionKey: string): string[] {
  const rows: string[] = []
  for (let row = 0; row < IMPROVEMENTS_PER_CRITERION; row++) {
    const action = text(values, improvementField(criterionKey, row, 'action'))
    const owner = text(values, improvementField(criterionKey, row, 'owner'))
    if ((!action && !owner) || values[improvementField(criterionKey, row, 'remove')]) continue
    const target = dateIn(values, improvementField(criterionKey, row, 'target'))
    rows.push(`“${action}” (${[owner, target && `by ${target}`].filter(Boolean).join(', ')})`)
  }
  return rows
}

/**
 * What the person whose save came first saved in a criterion, wherever it differs from what this
 * person typed: so they can see what to merge without comparing every field by eye.
 */
export function theirChanges(criterion: Criterion, theirs: FormValues, yours: FormValues, fileNames: Map<string, string>): TheirChange[] {
  const key = criterion.key
  const changes: TheirChange[] = []
  const compare = (label: string, their: string, your: string) => {
    if (their !== your) changes.push({ label, theirs: their || 'none' })
  }
  compare('Self-score', scoreIn(theirs, key), scoreIn(yours, key))
  if (text(theirs, fieldName.score(key)) === 'na') compare('Why it does not apply', text(theirs, fieldName.reason(key)), text(yours, fieldName.reason(key)))
  for (const question of criterion.questions) {
    const name = fieldName.question(key, question.key)
    if (question.type === 'date') compare(question.text, dateIn(theirs, name), dateIn(yours, name))
    else compare(question.text, text(theirs, name), text(yours, name))
  }
  compare('Evidence', text(theirs, fieldName.narrative(key)), text(yours, fieldName.narrative(key)))
  const files = (values: FormValues) => ticked(values, fieldName.evidence(key)).map((id) => fileNames.get(id) ?? `file ${id}`).join(', ')
  compare('Evidence files', files(theirs), files(yours))
  compare('Areas for improvement', improvementsIn(theirs, key).join('; '), improvementsIn(yours, key).join('; '))
  return changes
}
