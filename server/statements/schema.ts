import { calendarDate, isoDateFromParts } from '../forms/dates'
import { FormErrors, formErrors } from '../forms/validation'
import { Level, PROCEDURE_KEYS, ProcedureReference, RelevantPerson, StatementContent, StatementRisk } from '../db/models/statement.model'
import { LIMITS, latestReviewOn, MAX_RELEVANT_PERSONS, MAX_RISKS, procedureLabels } from './content'

type Body = Record<string, unknown>
type Problem = { field: string; text: string }
export type Read<T> = { ok: true; data: T } | { ok: false; errors: FormErrors }

const text = (body: Body, name: string) => (typeof body[name] === 'string' ? (body[name] as string).trim() : '')
const LEVELS: Level[] = ['low', 'medium', 'high']
const thousands = (count: number) => count.toLocaleString('en-GB')

/** A required text answer: missing, or longer than allowed (saying by how much, so nothing has to be guessed). */
function checkText(problems: Problem[], field: string, value: string, max: number, missing: string, name: string): void {
  if (!value) problems.push({ field, text: missing })
  else if (value.length > max) problems.push({ field, text: `${name} must be ${thousands(max)} characters or fewer: you have entered ${thousands(value.length)}` })
}

const done = <T>(problems: Problem[], data: T): Read<T> => (problems.length ? { ok: false, errors: formErrors(problems) } : { ok: true, data })

export function readService(body: Body): Read<StatementContent['service']> {
  const problems: Problem[] = []
  const data = { description: text(body, 'description'), childrenAndYoungPeople: text(body, 'childrenAndYoungPeople'), locations: text(body, 'locations') }
  checkText(problems, 'description', data.description, LIMITS.description, 'Describe what your service does', 'The description of your service')
  checkText(problems, 'childrenAndYoungPeople', data.childrenAndYoungPeople, LIMITS.childrenAndYoungPeople, 'Say which children and young people use your service', 'Which children and young people use your service')
  checkText(problems, 'locations', data.locations, LIMITS.locations, 'Say where your service is provided', 'Where your service is provided')
  return done(problems, data)
}

export function readPrinciples(body: Body): Read<string> {
  const problems: Problem[] = []
  const principles = text(body, 'principles')
  checkText(problems, 'principles', principles, LIMITS.principles, 'Enter the principles your service follows to keep children safe', 'Your principles')
  return done(problems, principles)
}

/** How many rows the form showed (a hidden field), within bounds whatever was sent. */
export function rowCount(body: Body, max: number): number {
  const count = Number(text(body, 'rows'))
  return Number.isInteger(count) && count >= 1 ? Math.min(count, max) : 1
}

export const riskField = (row: number, part: keyof StatementRisk) => `risk-${row}-${part}`
export const personField = (row: number, part: keyof RelevantPerson) => `person-${row}-${part}`

/** The risk rows as typed, blank ones included, so a re-displayed form keeps its rows and their numbers. */
export function risksAsTyped(body: Body): StatementRisk[] {
  return [...Array(rowCount(body, MAX_RISKS)).keys()].map((row) => {
    const level = (part: 'likelihood' | 'seriousness') => (LEVELS as string[]).includes(text(body, riskField(row, part))) ? (text(body, riskField(row, part)) as Level) : ''
    return { risk: text(body, riskField(row, 'risk')), whereOrWhen: text(body, riskField(row, 'whereOrWhen')), likelihood: level('likelihood'), seriousness: level('seriousness'), procedure: text(body, riskField(row, 'procedure')) }
  })
}

const blankRisk = (risk: StatementRisk) => !risk.risk && !risk.whereOrWhen && !risk.likelihood && !risk.seriousness && !risk.procedure

/** The risk assessment: blank rows are dropped; every other row needs all five answers, above all the procedure that manages the risk. */
export function readRisks(body: Body): Read<StatementRisk[]> {
  const problems: Problem[] = []
  const typed = risksAsTyped(body)
  typed.forEach((risk, row) => {
    if (blankRisk(risk)) return
    const which = `risk ${row + 1}`
    checkText(problems, riskField(row, 'risk'), risk.risk, LIMITS.risk, `Describe ${which}`, `The description of ${which}`)
    checkText(problems, riskField(row, 'whereOrWhen'), risk.whereOrWhen, LIMITS.whereOrWhen, `Say where or when ${which} arises`, `Where or when ${which} arises`)
    if (!risk.likelihood) problems.push({ field: riskField(row, 'likelihood'), text: `Choose how likely ${which} is` })
    if (!risk.seriousness) problems.push({ field: riskField(row, 'seriousness'), text: `Choose how serious the harm from ${which} would be` })
    checkText(problems, riskField(row, 'procedure'), risk.procedure, LIMITS.procedure, `Enter the procedure or precaution that manages ${which}: a risk without one cannot be accepted`, `The procedure for ${which}`)
  })
  const risks = typed.filter((risk) => !blankRisk(risk))
  if (!risks.length) problems.push({ field: riskField(0, 'risk'), text: 'Add at least one risk of harm to a child while using your service' })
  return done(problems, risks)
}

export const procedureField = (key: string, part: 'documentName' | 'lastReviewedOn') => `${key}-${part}`

/** The seven procedures: each names its document and the date it was last reviewed, not in the future. */
export function readProcedures(body: Body, today: string): Read<StatementContent['procedures']> {
  const problems: Problem[] = []
  const procedures = {} as StatementContent['procedures']
  for (const key of PROCEDURE_KEYS) {
    const title = procedureLabels[key].title.toLowerCase()
    const documentName = text(body, procedureField(key, 'documentName'))
    checkText(problems, procedureField(key, 'documentName'), documentName, LIMITS.documentName, `Enter the name of the document for ${title}`, `The document name for ${title}`)
    const reviewed = isoDateFromParts(body, procedureField(key, 'lastReviewedOn'))
    const field = procedureField(key, 'lastReviewedOn')
    if (!reviewed) problems.push({ field, text: `Enter the date the document for ${title} was last reviewed` })
    else if (!calendarDate('date').safeParse(reviewed).success) problems.push({ field, text: `The date the document for ${title} was last reviewed must be a real date, like 31 3 2025` })
    else if (reviewed > today) problems.push({ field, text: `The date the document for ${title} was last reviewed must be today or in the past` })
    procedures[key] = { documentName, lastReviewedOn: reviewed ?? '' } satisfies ProcedureReference
  }
  return done(problems, procedures)
}

export function personsAsTyped(body: Body): RelevantPerson[] {
  return [...Array(rowCount(body, MAX_RELEVANT_PERSONS)).keys()].map((row) => ({ name: text(body, personField(row, 'name')), role: text(body, personField(row, 'role')), contact: text(body, personField(row, 'contact')) }))
}

export function readRelevantPersons(body: Body): Read<RelevantPerson[]> {
  const problems: Problem[] = []
  const typed = personsAsTyped(body)
  typed.forEach((person, row) => {
    if (!person.name && !person.role && !person.contact) return
    const which = typed.length > 1 ? ` for relevant person ${row + 1}` : ''
    checkText(problems, personField(row, 'name'), person.name, LIMITS.personName, `Enter the name${which}`, `The name${which}`)
    checkText(problems, personField(row, 'role'), person.role, LIMITS.personRole, `Enter the role${which}`, `The role${which}`)
    checkText(problems, personField(row, 'contact'), person.contact, LIMITS.personContact, `Enter how to contact them${which}`, `How to contact them${which}`)
  })
  const persons = typed.filter((person) => person.name || person.role || person.contact)
  if (!persons.length) problems.push({ field: personField(0, 'name'), text: 'Name at least one relevant person: the first point of contact for this statement' })
  return done(problems, persons)
}

export interface SignatureInput {
  signedByName: string
  signedByRole: string
  effectiveOn: string
  reviewOn: string
}

/** The senior lead's signature, confirmed, with the date the statement takes effect and its review date: after it, and at most two years on. */
export function readSignature(body: Body): Read<SignatureInput> {
  const problems: Problem[] = []
  const data = { signedByName: text(body, 'signedByName'), signedByRole: text(body, 'signedByRole'), effectiveOn: isoDateFromParts(body, 'effectiveOn') ?? '', reviewOn: isoDateFromParts(body, 'reviewOn') ?? '' }
  checkText(problems, 'signedByName', data.signedByName, LIMITS.signedBy, 'Enter the name of the senior lead signing the statement', 'The name')
  checkText(problems, 'signedByRole', data.signedByRole, LIMITS.signedBy, 'Enter the senior lead’s role, like Chief Executive', 'The role')
  if (text(body, 'confirm') !== 'yes') problems.push({ field: 'confirm', text: 'Confirm that the senior lead has read and approved the statement' })
  const real = (value: string) => calendarDate('date').safeParse(value).success
  if (!data.effectiveOn) problems.push({ field: 'effectiveOn', text: 'Enter the date the statement takes effect' })
  else if (!real(data.effectiveOn)) problems.push({ field: 'effectiveOn', text: 'The date the statement takes effect must be a real date, like 1 4 2026' })
  if (!data.reviewOn) problems.push({ field: 'reviewOn', text: 'Enter the date the statement will be reviewed' })
  else if (!real(data.reviewOn)) problems.push({ field: 'reviewOn', text: 'The review date must be a real date, like 1 4 2028' })
  else if (data.effectiveOn && real(data.effectiveOn)) {
    if (data.reviewOn <= data.effectiveOn) problems.push({ field: 'reviewOn', text: 'The review date must be after the date the statement takes effect' })
    else if (data.reviewOn > latestReviewOn(data.effectiveOn)) problems.push({ field: 'reviewOn', text: 'The review date must be no more than two years after the date the statement takes effect' })
  }
  return done(problems, data)
}

export function readReturnReason(body: Body): Read<string> {
  const problems: Problem[] = []
  const reason = text(body, 'reason')
  checkText(problems, 'reason', reason, LIMITS.returnReason, 'Say what the organisation needs to change before the statement can be approved', 'The reasons')
  return done(problems, reason)
}
