import type { Framework } from '../standards/frameworkSchema'
import type { EvaluatedCondition } from './compiledRuleSet'
import { propertyLabels } from './factCatalogue'

/** One condition in words, with whether it passed; groups carry their children. */
export interface ExplainedCondition {
  text: string
  outcome: 'passed' | 'failed' | 'not checked'
  children: ExplainedCondition[]
}

const operatorWords: Record<string, string> = {
  equal: 'is',
  notEqual: 'is not',
  lessThan: 'is below',
  lessThanInclusive: 'is at most',
  greaterThan: 'is above',
  greaterThanInclusive: 'is at least',
  in: 'is one of',
  notIn: 'is not one of',
  contains: 'contains',
  doesNotContain: 'does not contain',
}

const words = (name: string) => name.replace(/([A-Z])/g, ' $1').toLowerCase()

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return 'not given'
  if (typeof value === 'boolean') return value ? 'yes' : 'no'
  if (Array.isArray(value)) return value.map(show).join(', ')
  if (typeof value === 'object') return JSON.stringify(value)
  return String(value)
}

type ScoredItem = { key: string; score: number | null }

/** Words for a condition's fact, e.g. "the standard's average score", or the question's own text. */
export function factLabel(fact: string, path: string | undefined, framework: Framework): string {
  const property = path?.slice(2) ?? ''
  if (fact === 'answers' || fact === 'yearsSince') {
    const question = framework.standards.flatMap((s) => s.criteria.flatMap((c) => c.questions)).find((q) => q.key === property)
    const asked = question ? `“${question.text}” (${property})` : property
    return fact === 'answers' ? `the answer to ${asked}` : `the whole years from the date answered to ${asked} until the return was submitted`
  }
  const owner = fact === 'return' ? 'the return' : `the ${fact}`
  return `${owner}'s ${propertyLabels[property] ?? words(property)}`
}

function describeLeaf(condition: EvaluatedCondition, framework: Framework): string {
  const label = factLabel(condition.fact ?? '', condition.path, framework)
  const { operator = '', value, factValue } = condition
  if (operator === 'anyScoreBelow' || operator === 'allScoresAtLeast') {
    const items = (Array.isArray(factValue) ? factValue : []) as ScoredItem[]
    const scored = items.filter((item) => item.score !== null)
    const list = scored.map((item) => `${item.key} scored ${item.score}`).join(', ') || 'none scored'
    const below = scored.filter((item) => (item.score as number) < Number(value))
    const essential = condition.path === '$.essential' ? ' (essential)' : ''
    return operator === 'anyScoreBelow'
      ? below.length
        ? `${below.map((item) => `criterion ${item.key}${essential} scored ${item.score}`).join(' and ')}, below ${show(value)} (${label}: ${list})`
        : `no score below ${show(value)} in ${label} (${list})`
      : below.length
        ? `not every score in ${label} is at least ${show(value)}: ${below.map((item) => `${item.key} scored ${item.score}`).join(', ')}`
        : `every score in ${label} is at least ${show(value)} (${list})`
  }
  if (operator === 'isEmpty' || operator === 'isNotEmpty') {
    const wantsEmpty = (operator === 'isEmpty') === Boolean(value)
    return `${label} ${wantsEmpty ? 'is not given' : 'is given'}${factValue === undefined || factValue === null || factValue === '' ? '' : ` (it is ${show(factValue)})`}`
  }
  return `${label} ${operatorWords[operator] ?? operator} ${show(value)} (it is ${show(factValue)})`
}

/** A condition tree in words, each node marked passed, failed or not checked (the engine stops early). */
export function explainConditions(condition: EvaluatedCondition, framework: Framework): ExplainedCondition {
  const outcome = condition.result === undefined ? 'not checked' : condition.result ? 'passed' : 'failed'
  if (condition.all) return { text: 'All of these must hold', outcome, children: condition.all.map((child) => explainConditions(child, framework)) }
  if (condition.any) return { text: 'Any one of these is enough', outcome, children: condition.any.map((child) => explainConditions(child, framework)) }
  if (condition.not) return { text: 'This must not hold', outcome, children: [explainConditions(condition.not, framework)] }
  return { text: describeLeaf(condition, framework), outcome, children: [] }
}

/** The passing conditions that decided a result, for a one-line "because …". */
function decidingReasons(condition: EvaluatedCondition, framework: Framework): string[] {
  if (condition.all) return condition.all.flatMap((child) => decidingReasons(child, framework))
  if (condition.any) return condition.any.filter((child) => child.result).flatMap((child) => decidingReasons(child, framework))
  if (condition.not) return [`not: ${describeLeafOrGroup(condition.not, framework)}`]
  return condition.result ? [describeLeaf(condition, framework)] : []
}

const describeLeafOrGroup = (condition: EvaluatedCondition, framework: Framework) => (condition.fact ? describeLeaf(condition, framework) : explainConditions(condition, framework).text)

/** e.g. "Not met because criterion S11-4.2 scored 1, below 2 (…)". */
export function because(result: string, condition: EvaluatedCondition, framework: Framework): string {
  const reasons = decidingReasons(condition, framework)
  return reasons.length ? `${result} because ${reasons.join('; and ')}` : result
}
