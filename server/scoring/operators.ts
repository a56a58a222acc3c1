import type { Engine } from 'json-rules-engine'

/** A rule asked an operator for something it cannot do; scoring the return fails with this message. */
export class ScoringRuleError extends Error {}

type ScoredCriterion = { key: string; score: number | null }

function scoredList(operator: string, value: unknown): ScoredCriterion[] {
  if (!Array.isArray(value)) throw new ScoringRuleError(`${operator} needs a list of criteria (such as standard.essential), not ${JSON.stringify(value)}`)
  return value as ScoredCriterion[]
}

const isBlank = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && value.trim() === '')

/**
 * Our operators, named in rules/README.md. Each takes the fact's value and the condition's value.
 * The list operators skip criteria without a score (not applicable).
 */
export const customOperatorFunctions: Record<string, (factValue: unknown, value: unknown) => boolean> = {
  anyScoreBelow: (factValue, value) => scoredList('anyScoreBelow', factValue).some((item) => item.score !== null && item.score < Number(value)),
  allScoresAtLeast: (factValue, value) => scoredList('allScoresAtLeast', factValue).every((item) => item.score === null || item.score >= Number(value)),
  isEmpty: (factValue, value) => isBlank(factValue) === Boolean(value),
  isNotEmpty: (factValue, value) => !isBlank(factValue) === Boolean(value),
}

export function addOperators(engine: Engine): void {
  for (const [name, evaluate] of Object.entries(customOperatorFunctions)) engine.addOperator(name, evaluate)
}
