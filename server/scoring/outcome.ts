import type { Firing } from './compiledRuleSet'
import type { Scope, Severity } from './factCatalogue'
import type { CriterionFacts, StandardFacts } from './facts'

export const NOT_APPLICABLE = 'Not applicable'
export const NOT_RATED = 'Not rated'

export interface StandardRating {
  standardKey: string
  standardTitle: string
  rating: string
  colour: string
  /** The rule that gave the rating; absent when every criterion was N/A, or no rule gave one. */
  firing?: Firing
}

export interface RaisedFlag {
  scope: Scope
  standardKey?: string
  criterionKey?: string
  code: string
  severity: Severity
  message: string
  firing: Firing
}

export interface SuggestedAction {
  /** Stable across rescoring: the rule and what it fired on. */
  key: string
  outcome: string
  owner: string
  dueOn: string
  ruleName: string
  standardKey?: string
  criterionKey?: string
}

export interface ScoringProfile {
  counts: { rating: string; colour: string; count: number }[]
  /** Standards not rated Not applicable. */
  applicable: number
  /** Whole per cent of applicable standards given the best rating on the scale. */
  percentBest: number
  bestRating: string
}

/** Everything one scoring run produced for a return, stored as it is so it can be explained and reproduced. */
export interface ScoringOutcome {
  ratings: StandardRating[]
  flags: RaisedFlag[]
  actions: SuggestedAction[]
  profile: ScoringProfile
  facts: { standards: StandardFacts[]; criteria: CriterionFacts[]; returnFacts: Record<string, unknown> }
}
