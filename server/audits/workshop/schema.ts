import { z } from 'zod'
import { dipSampleResults } from '../../db/models/auditDipSample.model'
import { isoDateFromParts } from '../../forms/dates'
import { FormErrors, formErrors, requiredText } from '../../forms/validation'
import type { AuditTool } from '../auditToolSchema'
import type { AgreementSnapshot } from './queries'
import type { AgreementFields } from '../../db/models/auditCaseAgreement.model'

export const FINDINGS_MAX = 5000
export const NOTE_MAX = 2000
export const THEME_MAX = 100
export const CLOSE_REASON_MAX = 2000
export const ACTION_TITLE_MAX = 200
export const OUTCOME_MAX = 2000
export const OWNER_MAX = 200
/** Action rows a case can hold; the form offers two empty rows below the filled ones. */
export const ACTIONS_PER_CASE = 10

export interface AgreedActionInput {
  /** The saved action this row changes; null for a new one. */
  id: number | null
  title: string
  outcomeSought: string
  ownerOrganisationId: number
  ownerName: string
  dueOn: string
}

/** Per domain key in domainGrades, the agreed grade key; domains not yet agreed are left out. */
export interface AgreementInput extends AgreementFields {
  themeIds: number[]
  /** A theme to add to the partnership's list (or the existing one of that name) and tag the case with. */
  newTheme: string | null
  actions: AgreedActionInput[]
}

export const workshopField = {
  domain: (domainKey: string) => `agreed__${domainKey}`,
  action: (row: number, part: 'id' | 'title' | 'outcome' | 'owner-organisation' | 'owner-name' | 'due') => `action-${row}-${part}`,
}

export interface AgreementFormContext {
  tool: AuditTool
  /** The partnership's themes. */
  themeIds: number[]
  /** Organisations that can own an action: the round's and the case's agencies. */
  ownerOrganisationIds: number[]
  /** The case's saved actions, by id, with their due dates: an unchanged date may have passed since it was set. */
  savedActions: Map<number, string>
  today: string
}

const text = (body: Record<string, unknown>, name: string) => {
  const value = body[name]
  return typeof value === 'string' ? value.trim() : ''
}

const isRealDate = (iso: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return false
  const date = new Date(`${iso}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso
}

const many = (value: unknown): string[] => {
  if (value === undefined || value === '') return []
  if (Array.isArray(value)) return value.map(String)
  if (value !== null && typeof value === 'object') return Object.values(value).map(String)
  return [String(value)]
}

/**
 * The rules of a workshop record that hold whatever sent it (the service checks them again):
 * grades from the tool's scale, and no agreed grade without a finding.
 */
export function agreementProblems(tool: AuditTool, input: Pick<AgreementInput, 'domainGrades' | 'overallGrade' | 'strengths' | 'areasForImprovement'>): { field: string; text: string }[] {
  const problems: { field: string; text: string }[] = []
  const grades = tool.gradeScale.map((grade) => grade.key)
  const scale = tool.gradeScale.map((grade) => grade.label).join(', ')
  for (const domain of tool.domains) {
    const grade = input.domainGrades[domain.key]
    if (grade !== undefined && !grades.includes(grade)) problems.push({ field: workshopField.domain(domain.key), text: `Choose the agreed grade for ${domain.title} from the tool’s scale (${scale}), or not agreed yet` })
  }
  if (Object.keys(input.domainGrades).some((key) => !tool.domains.some((domain) => domain.key === key))) problems.push({ field: 'overallGrade', text: 'Agreed grades can be recorded only for the tool’s domains' })
  if (input.overallGrade !== null && !grades.includes(input.overallGrade)) problems.push({ field: 'overallGrade', text: `Choose the overall agreed grade from the tool’s scale (${scale}), or not agreed yet` })
  const graded = Object.keys(input.domainGrades).length > 0 || input.overallGrade !== null
  if (graded && !input.strengths && !input.areasForImprovement) {
    problems.push({ field: 'strengths', text: 'Enter the key findings behind the agreed grades: the strengths, the areas for improvement, or both' })
  }
  return problems
}

/**
 * Reads the workshop form. Problems are listed in the order of the page; an action row left empty
 * is dropped (emptying a saved row removes that action).
 */
export function readAgreement(body: Record<string, unknown>, context: AgreementFormContext): { ok: true; data: AgreementInput } | { ok: false; errors: FormErrors } {
  const problems: { field: string; text: string }[] = []
  const domainGrades: Record<string, string> = {}
  for (const domain of context.tool.domains) {
    const grade = text(body, workshopField.domain(domain.key))
    if (grade) domainGrades[domain.key] = grade
  }
  const overallGrade = text(body, 'overallGrade') || null
  const strengths = text(body, 'strengths') || null
  const areasForImprovement = text(body, 'areasForImprovement') || null
  problems.push(...agreementProblems(context.tool, { domainGrades, overallGrade, strengths, areasForImprovement }))
  if (strengths && strengths.length > FINDINGS_MAX) problems.push({ field: 'strengths', text: `The strengths must be ${FINDINGS_MAX.toLocaleString('en-GB')} characters or fewer` })
  if (areasForImprovement && areasForImprovement.length > FINDINGS_MAX) problems.push({ field: 'areasForImprovement', text: `The areas for improvement must be ${FINDINGS_MAX.toLocaleString('en-GB')} characters or fewer` })

  const themeIds = [...new Set(many(body.themeIds).map(Number))]
  if (themeIds.some((id) => !context.themeIds.includes(id))) problems.push({ field: 'themeIds', text: 'Choose themes from the partnership’s list' })
  const newTheme = text(body, 'newTheme').replace(/\s+/g, ' ') || null
  if (newTheme && newTheme.length > THEME_MAX) problems.push({ field: 'newTheme', text: `A new theme must be ${THEME_MAX} characters or fewer` })

  const escalatedAnswer = text(body, 'escalated') || 'no'
  if (!['yes', 'no'].includes(escalatedAnswer)) problems.push({ field: 'escalated', text: 'Say whether the case was escalated as a concern' })
  const escalated = escalatedAnswer === 'yes'
  const escalationNote = escalated ? text(body, 'escalationNote') || null : null
  if (escalated && !escalationNote) problems.push({ field: 'escalationNote', text: 'Say what the concern is and who it was escalated to' })
  else if (escalationNote && escalationNote.length > NOTE_MAX) problems.push({ field: 'escalationNote', text: `The escalation note must be ${NOTE_MAX.toLocaleString('en-GB')} characters or fewer` })

  const actions: AgreedActionInput[] = []
  for (let row = 0; row < ACTIONS_PER_CASE; row++) {
    const field = (part: Parameters<typeof workshopField.action>[1]) => workshopField.action(row, part)
    const title = text(body, field('title'))
    const outcomeSought = text(body, field('outcome'))
    const owner = text(body, field('owner-organisation'))
    const ownerName = text(body, field('owner-name'))
    const dueOn = isoDateFromParts(body, field('due'))
    if (!title && !outcomeSought && !owner && !ownerName && !dueOn) continue
    const rawId = text(body, field('id'))
    const id = rawId && context.savedActions.has(Number(rawId)) ? Number(rawId) : null
    const which = `action ${row + 1}`
    if (!title) problems.push({ field: field('title'), text: `Enter what will be done for ${which}` })
    else if (title.length > ACTION_TITLE_MAX) problems.push({ field: field('title'), text: `What will be done for ${which} must be ${ACTION_TITLE_MAX} characters or fewer` })
    if (!outcomeSought) problems.push({ field: field('outcome'), text: `Enter what will be different for children because of ${which}` })
    else if (outcomeSought.length > OUTCOME_MAX) problems.push({ field: field('outcome'), text: `The outcome sought for ${which} must be ${OUTCOME_MAX.toLocaleString('en-GB')} characters or fewer` })
    const ownerOrganisationId = Number(owner)
    if (!owner || !context.ownerOrganisationIds.includes(ownerOrganisationId)) problems.push({ field: field('owner-organisation'), text: `Choose the agency that owns ${which}` })
    if (!ownerName) problems.push({ field: field('owner-name'), text: `Enter the named owner of ${which}` })
    else if (ownerName.length > OWNER_MAX) problems.push({ field: field('owner-name'), text: `The owner of ${which} must be ${OWNER_MAX} characters or fewer` })
    if (!dueOn) problems.push({ field: field('due'), text: `Enter the due date for ${which}` })
    else if (!isRealDate(dueOn)) problems.push({ field: field('due'), text: `The due date for ${which} must be a real date, like 31 3 2027` })
    else if (dueOn < context.today && !(id !== null && context.savedActions.get(id) === dueOn)) problems.push({ field: field('due'), text: `The due date for ${which} must be today or in the future` })
    actions.push({ id, title, outcomeSought, ownerOrganisationId, ownerName, dueOn: dueOn ?? '' })
  }
  if (problems.length) return { ok: false, errors: formErrors(problems) }
  return { ok: true, data: { domainGrades, overallGrade, strengths, areasForImprovement, escalated, escalationNote, themeIds, newTheme, actions } }
}

/** A dip sample's result, recorded once it is due. */
export const dipSampleSchema = z.object({
  result: z.enum(dipSampleResults, { error: 'Choose whether the case has improved' }),
  notes: requiredText('Enter what the dip sample found', NOTE_MAX),
})

/** Closing a round: the reason is needed only when gradings are missing, which the service checks. */
export const closeSchema = z.object({
  reason: z.string().trim().max(CLOSE_REASON_MAX, { error: `The reason must be ${CLOSE_REASON_MAX.toLocaleString('en-GB')} characters or fewer` }).default('').transform((value) => value || null),
})

/** A saved workshop record as the form's field values. */
export function agreementValues(snapshot: AgreementSnapshot, caseThemeIds: number[]): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {
    overallGrade: snapshot.overallGrade ?? '',
    strengths: snapshot.strengths ?? '',
    areasForImprovement: snapshot.areasForImprovement ?? '',
    escalated: snapshot.escalated ? 'yes' : 'no',
    escalationNote: snapshot.escalationNote ?? '',
    themeIds: caseThemeIds.map(String),
  }
  for (const [domainKey, grade] of Object.entries(snapshot.domainGrades)) values[workshopField.domain(domainKey)] = grade
  for (const [row, action] of snapshot.actions.entries()) {
    const [year, month, day] = action.dueOn.split('-')
    Object.assign(values, {
      [workshopField.action(row, 'id')]: String(action.id),
      [workshopField.action(row, 'title')]: action.title,
      [workshopField.action(row, 'outcome')]: action.outcomeSought,
      [workshopField.action(row, 'owner-organisation')]: action.ownerOrganisationId === null ? '' : String(action.ownerOrganisationId),
      [workshopField.action(row, 'owner-name')]: action.ownerName,
      [`${workshopField.action(row, 'due')}-day`]: String(Number(day)),
      [`${workshopField.action(row, 'due')}-month`]: String(Number(month)),
      [`${workshopField.action(row, 'due')}-year`]: year,
    })
  }
  return values
}
