import { Engine, RuleProperties } from 'json-rules-engine'
import type { Framework } from '../standards/frameworkSchema'
import { factsByScope, Scope, scopes } from './factCatalogue'
import type { Facts } from './facts'
import { addOperators } from './operators'
import type { Rule, RuleSet } from './ruleSetSchema'

/** A condition after evaluation: what it compared, the value the fact had, and whether it passed (undefined: not reached). */
export interface EvaluatedCondition {
  all?: EvaluatedCondition[]
  any?: EvaluatedCondition[]
  not?: EvaluatedCondition
  fact?: string
  path?: string
  operator?: string
  value?: unknown
  factValue?: unknown
  result?: boolean
}

/** A rule whose conditions passed, with everything needed to explain it later. */
export interface Firing {
  ruleName: string
  conditions: EvaluatedCondition
}

type RawCondition = Record<string, unknown>

function evaluatedCondition(raw: RawCondition): EvaluatedCondition {
  if (Array.isArray(raw.all)) return { all: raw.all.map(evaluatedCondition), result: raw.result as boolean | undefined }
  if (Array.isArray(raw.any)) return { any: raw.any.map(evaluatedCondition), result: raw.result as boolean | undefined }
  if (raw.not) return { not: evaluatedCondition(raw.not as RawCondition), result: raw.result as boolean | undefined }
  const value = raw.valueResult !== undefined && raw.value && typeof raw.value === 'object' ? raw.valueResult : raw.value
  return { fact: raw.fact as string, path: raw.path as string, operator: raw.operator as string, value, factValue: raw.factResult, result: raw.result as boolean | undefined }
}

/** One level of `$.name`: rules read named properties, never JSONPath (which costs more than the rest of a run). */
const pathResolver = (value: unknown, path: string) => (value === null || value === undefined ? undefined : (value as Record<string, unknown>)[path.slice(2)])

function referencedFacts(node: unknown, into: [string, string][]): void {
  if (!node || typeof node !== 'object') return
  const condition = node as RawCondition
  for (const child of [...((condition.all as unknown[]) ?? []), ...((condition.any as unknown[]) ?? []), condition.not]) referencedFacts(child, into)
  for (const reference of [condition, condition.value as RawCondition]) {
    if (reference && typeof reference === 'object' && typeof reference.fact === 'string' && typeof reference.path === 'string') into.push([reference.fact, reference.path.slice(2)])
  }
}

const MEMO_LIMIT = 20_000

/** A memo key for a list of fact values: cheaper than JSON.stringify with a replacer, and keeps 2, "2", null and undefined apart. */
function keyOf(values: unknown[]): string {
  let key = ''
  for (const value of values) {
    if (value === undefined) key += 'u\u0001'
    else if (value === null) key += 'n\u0001'
    else if (typeof value === 'number') key += `#${value}\u0001`
    else if (typeof value === 'boolean') key += value ? 't\u0001' : 'f\u0001'
    else key += `${JSON.stringify(value)}\u0001`
  }
  return key
}

/** One rule with its own engine, the fact properties its conditions read, and its remembered outcomes. */
interface CompiledRule {
  rule: Rule
  engine: Engine
  references: [string, string][]
  memo: Map<string, Firing | null>
}

/**
 * A checked rule set ready to run: each rule in its own json-rules-engine Engine, so each can
 * remember its outcome by the values of exactly the fact properties its conditions reference.
 * Rule sets never change once stored, our facts are plain values, and json-rules-engine rules are
 * independent of each other, so the same situation ("trained percentage 75", "essential scores
 * 3 and 1") is evaluated by the engine once and the outcome reused for every criterion, standard
 * and return in that situation. Results are identical to running every rule every time (tested).
 */
export class CompiledRuleSet {
  /** Each scope's rules, highest priority first (then file order), so firings come out in that order. */
  private readonly byScope = new Map<Scope, CompiledRule[]>()
  readonly rulesByName: Map<string, Rule>
  /** How many rule outcomes were asked for, and how many needed the engine: the rest were remembered. */
  readonly stats = { lookups: 0, engineRuns: 0 }

  constructor(
    readonly ruleSet: RuleSet,
    readonly framework: Framework,
  ) {
    this.rulesByName = new Map(ruleSet.rules.map((rule) => [rule.name, rule]))
    const ranked = ruleSet.rules.map((rule, index) => ({ rule, index })).sort((a, b) => b.rule.priority - a.rule.priority || a.index - b.index)
    for (const scope of scopes) {
      this.byScope.set(
        scope,
        ranked
          .filter(({ rule }) => rule.scope === scope)
          .map(({ rule }) => {
            const engine = new Engine([], { allowUndefinedFacts: false, pathResolver })
            addOperators(engine)
            engine.addRule({ name: rule.name, priority: rule.priority, conditions: rule.conditions, event: rule.event } as unknown as RuleProperties)
            const references: [string, string][] = []
            referencedFacts(rule.conditions, references)
            return { rule, engine, references: [...new Map(references.map((reference) => [reference.join('\u0000'), reference])).values()], memo: new Map() }
          }),
      )
    }
  }

  rule(firing: Firing): Rule {
    return this.rulesByName.get(firing.ruleName)!
  }

  /** The rules of a scope that fire on these facts, highest priority first; synchronous when every outcome is remembered. */
  run(scope: Scope, facts: Facts): Firing[] | Promise<Firing[]> {
    const rules = this.byScope.get(scope)!
    const outcomes: (Firing | null | Promise<Firing | null>)[] = []
    let pending = false
    for (const compiled of rules) {
      const values: unknown[] = []
      for (const [fact, property] of compiled.references) values.push(facts[fact]?.[property])
      const key = keyOf(values)
      this.stats.lookups++
      const remembered = compiled.memo.get(key)
      if (remembered !== undefined) outcomes.push(remembered)
      else {
        pending = true
        outcomes.push(this.evaluate(scope, compiled, facts, key))
      }
    }
    if (!pending) return (outcomes as (Firing | null)[]).filter((firing): firing is Firing => firing !== null)
    return Promise.all(outcomes).then((all) => all.filter((firing): firing is Firing => firing !== null))
  }

  private async evaluate(scope: Scope, compiled: CompiledRule, facts: Facts, key: string): Promise<Firing | null> {
    this.stats.engineRuns++
    const known = Object.fromEntries(Object.keys(factsByScope[scope]).map((name) => [name, facts[name] ?? {}]))
    const { results } = await compiled.engine.run(known)
    const firing = results.length ? { ruleName: compiled.rule.name, conditions: { ...evaluatedCondition(results[0].conditions as unknown as RawCondition), result: true } } : null
    if (compiled.memo.size >= MEMO_LIMIT) compiled.memo.clear()
    compiled.memo.set(key, firing)
    return firing
  }
}
