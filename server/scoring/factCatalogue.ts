/**
 * Every fact a rule can read, by the scope the rule runs in. rules/README.md documents the same
 * list (a test keeps the two in step); the checker refuses any other fact or property.
 *
 * A rule reads a fact's property with a path of the form `$.name`: one level, no JSONPath.
 * `answers` and `yearsSince` are keyed by the framework's question keys.
 */
export const scopes = ['criterion', 'standard', 'return'] as const
export type Scope = (typeof scopes)[number]

export const organisationProperties = {
  role: 'safeguarding_partner, relevant_agency or named_organisation',
  sector: 'the sector key, e.g. nhs-provider, school, voluntary-community',
  tier: 'small, medium or large',
} as const

export const criterionProperties = {
  key: 'the criterion key, e.g. S11-4.2',
  standardKey: 'the key of its standard, e.g. S11-4',
  essential: 'true when the framework marks the criterion essential',
  notApplicable: 'true when answered "not applicable"',
  selfScore: "the organisation's own score, or null when not applicable",
  moderatedScore: 'the score a reviewer set in moderation, or null',
  moderated: 'true when a reviewer set a moderated score',
  score: 'the score that counts: the moderated score when there is one, otherwise the self-score',
  evidenceFiles: 'how many evidence files are attached to the criterion',
  hasNarrative: 'true when written (narrative) evidence was given',
  evidenceCount: 'evidence files plus one for written evidence: 0 means no evidence at all',
} as const

export const standardProperties = {
  key: 'the standard key, e.g. S11-4',
  applicable: 'how many of its criteria apply to the organisation',
  notApplicable: 'how many were answered "not applicable"',
  allNotApplicable: 'true when every applicable criterion was answered "not applicable"',
  scored: 'how many criteria have a score',
  averageScore: 'the mean score of the scored criteria, to two decimal places (null when none)',
  minScore: 'the lowest score (null when none)',
  maxScore: 'the highest score (null when none)',
  belowTwo: 'how many scored criteria scored below 2',
  essential: 'the essential criteria, each as { key, score }, for the operators anyScoreBelow and allScoresAtLeast',
  essentialMinScore: 'the lowest score of an essential criterion (null when none)',
  notEvidenced: 'how many criteria scored 2 or more with no evidence at all',
} as const

export const returnProperties = {
  criteria: 'how many criteria apply to the organisation',
  scored: 'how many have a score',
  averageScore: 'the mean of all scores, to two decimal places (null when none)',
  notEvidenced: 'how many criteria scored 2 or more with no evidence at all',
  moderated: 'true when a reviewer moderated any score',
} as const

export type FactProperties = Record<string, string>

/** Short names for properties whose own name reads badly in a sentence ("the standard's lowest score is below 2"). */
export const propertyLabels: Record<string, string> = {
  minScore: 'lowest score',
  maxScore: 'highest score',
  essentialMinScore: 'lowest essential score',
  notEvidenced: 'number of criteria scored 2 or more with no evidence',
  belowTwo: 'number of criteria scored below 2',
  scored: 'number of scored criteria',
  applicable: 'number of applicable criteria',
  notApplicable: 'number of criteria answered not applicable',
  allNotApplicable: 'every criterion answered not applicable',
  criteria: 'number of applicable criteria',
  evidenceCount: 'number of pieces of evidence',
  evidenceFiles: 'number of evidence files',
  hasNarrative: 'written evidence given',
  essential: 'essential criteria',
}

/** The facts of each scope, with their properties (null: keyed by question key). */
export const factsByScope: Record<Scope, Record<string, FactProperties | 'questions'>> = {
  criterion: { criterion: criterionProperties, answers: 'questions', yearsSince: 'questions', organisation: organisationProperties },
  standard: { standard: standardProperties, organisation: organisationProperties },
  return: { return: returnProperties, answers: 'questions', yearsSince: 'questions', organisation: organisationProperties },
}

/** The operators json-rules-engine provides, plus ours (server/scoring/operators.ts). */
export const builtInOperators = [
  'equal',
  'notEqual',
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
  'in',
  'notIn',
  'contains',
  'doesNotContain',
] as const
export const customOperators = ['anyScoreBelow', 'allScoresAtLeast', 'isEmpty', 'isNotEmpty'] as const
export const operators: readonly string[] = [...builtInOperators, ...customOperators]

export const eventTypes = ['rating', 'flag'] as const
export const severities = ['serious', 'moderate', 'advisory'] as const
export type Severity = (typeof severities)[number]
