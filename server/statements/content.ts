import { PROCEDURE_KEYS, ProcedureKey, Statement, StatementContent } from '../db/models/statement.model'

/** Longest text each answer may hold; the forms count characters against these. */
export const LIMITS = {
  description: 3000,
  childrenAndYoungPeople: 2000,
  locations: 1000,
  principles: 5000,
  risk: 600,
  whereOrWhen: 300,
  procedure: 1000,
  documentName: 200,
  personName: 200,
  personRole: 200,
  personContact: 300,
  signedBy: 200,
  returnReason: 5000,
} as const

/** The most rows a statement can hold: enough for a large service, small enough for a page. */
export const MAX_RISKS = 40
export const MAX_RELEVANT_PERSONS = 10

/** The seven procedures the Children First model says a statement must refer to, as the builder asks for them. */
export const procedureLabels: Record<ProcedureKey, { title: string; hint: string }> = {
  managingRisks: { title: 'Managing the risks identified', hint: 'How each risk in your risk assessment is managed day to day.' },
  allegations: { title: 'Staff who are the subject of an allegation or investigation', hint: 'Including referral to the LADO and keeping children safe while it is looked into.' },
  saferRecruitment: { title: 'Safer recruitment and selection', hint: 'References, identity and DBS checks, and interviews that explore attitudes to children.' },
  trainingAndInformation: { title: 'Information and training on recognising and responding to harm', hint: 'What staff and volunteers are told and trained in, and how often.' },
  reportingConcerns: { title: 'Reporting concerns to children’s social care and the police', hint: 'How anyone in your organisation reports a concern, including to the MASH.' },
  designatedList: { title: 'The list of people with designated safeguarding responsibilities', hint: 'Who your DSLs and deputies are, and how the list is kept up to date.' },
  appointingRelevantPerson: { title: 'Appointing the relevant person', hint: 'How you choose the first point of contact for this statement, and replace them.' },
}

export const SECTION_KEYS = ['service', 'principles', 'risks', 'procedures', 'relevant-persons', 'signature'] as const
export type SectionKey = (typeof SECTION_KEYS)[number]
export const sectionTitles: Record<SectionKey, string> = {
  service: 'Your service',
  principles: 'Principles',
  risks: 'Risk assessment',
  procedures: 'Procedures',
  'relevant-persons': 'Relevant person',
  signature: 'Sign and date',
}

export function emptyContent(): StatementContent {
  return {
    service: { description: '', childrenAndYoungPeople: '', locations: '' },
    principles: '',
    risks: [],
    procedures: Object.fromEntries(PROCEDURE_KEYS.map((key) => [key, { documentName: '', lastReviewedOn: '' }])) as StatementContent['procedures'],
    relevantPersons: [],
  }
}

/** Content read from storage, with anything missing (an older or hand-made row) filled with blanks. */
export function normaliseContent(raw: Partial<StatementContent> | null | undefined): StatementContent {
  const empty = emptyContent()
  return {
    service: { ...empty.service, ...raw?.service },
    principles: raw?.principles ?? '',
    risks: Array.isArray(raw?.risks) ? raw.risks : [],
    procedures: Object.fromEntries(PROCEDURE_KEYS.map((key) => [key, { ...empty.procedures[key], ...raw?.procedures?.[key] }])) as StatementContent['procedures'],
    relevantPersons: Array.isArray(raw?.relevantPersons) ? raw.relevantPersons : [],
  }
}

type Signed = Pick<Statement, 'signedByName' | 'signedByRole' | 'signedAt' | 'effectiveOn' | 'reviewOn'>

/** Whether each section is complete: what submitting needs. Each form checks the same rules as it saves. */
export function sectionComplete(content: StatementContent, signed: Signed): Record<SectionKey, boolean> {
  const filled = (text: string | undefined) => Boolean(text && text.trim())
  return {
    service: filled(content.service.description) && filled(content.service.childrenAndYoungPeople) && filled(content.service.locations),
    principles: filled(content.principles),
    risks: content.risks.length > 0 && content.risks.every((risk) => filled(risk.risk) && filled(risk.whereOrWhen) && risk.likelihood && risk.seriousness && filled(risk.procedure)),
    procedures: PROCEDURE_KEYS.every((key) => filled(content.procedures[key].documentName) && filled(content.procedures[key].lastReviewedOn)),
    'relevant-persons': content.relevantPersons.length > 0 && content.relevantPersons.every((person) => filled(person.name) && filled(person.role) && filled(person.contact)),
    signature: Boolean(signed.signedAt && signed.signedByName && signed.signedByRole && signed.effectiveOn && signed.reviewOn),
  }
}

export function sectionStarted(content: StatementContent, signed: Signed): Record<SectionKey, boolean> {
  return {
    service: Boolean(content.service.description || content.service.childrenAndYoungPeople || content.service.locations),
    principles: Boolean(content.principles),
    risks: content.risks.length > 0,
    procedures: PROCEDURE_KEYS.some((key) => content.procedures[key].documentName || content.procedures[key].lastReviewedOn),
    'relevant-persons': content.relevantPersons.length > 0,
    signature: Boolean(signed.signedByName || signed.effectiveOn),
  }
}

export function incompleteSections(content: StatementContent, signed: Signed): SectionKey[] {
  const complete = sectionComplete(content, signed)
  return SECTION_KEYS.filter((key) => !complete[key])
}

export const levelLabels = { low: 'Low', medium: 'Medium', high: 'High' } as const

/** The latest review date allowed for a statement taking effect on `effectiveOn`: two years on (28 Feb for 29 Feb). */
export function latestReviewOn(effectiveOn: string): string {
  const [year, month, day] = effectiveOn.split('-').map(Number)
  const date = new Date(Date.UTC(year + 2, month - 1, day))
  // 29 February + 2 years rolls into March: the anniversary is the last day of February.
  if (date.getUTCMonth() !== month - 1) date.setUTCDate(0)
  return date.toISOString().slice(0, 10)
}
