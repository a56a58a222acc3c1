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

const MEMO_LIMIT = 50_000
const undefinedMarker = (_key: string, value: unknown) => (value === undefined ? '\u0000undefined' : value)

/**
 * A checked rule set ready to run: one json-rules-engine Engine per scope. Rule sets never change
 * once stored, and json-rules-engine is a pure function of the facts it reads, so each scope
 * remembers its outcome by the values of exactly the fact properties its rules reference: the
 * same situation (say, "essential criterion scored 1, average 1.5") is evaluated by the engine
 * once and reused for every criterion, standard and return in that situation.
 */
export class CompiledRuleSet {
  private readonly engines = new Map<Scope, Engine>()
  private readonly referenced = new Map<Scope, [string, string][]>()
  private readonly memo = new Map<Scope, Map<string, Firing[]>>()
  readonly rulesByName: Map<string, Rule>
  /** How many times a scope was asked for, and how many needed the engine: the rest were remembered. */
  readonly stats = { lookups: 0, engineRuns: 0 }

  constructor(
    readonly ruleSet: RuleSet,
    readonly framework: Framework,
  ) {
    this.rulesByName = new Map(ruleSet.rules.map((rule) => [rule.name, rule]))
    for (const scope of scopes) {
      const rules = ruleSet.rules.filter((rule) => rule.scope === scope)
      if (!rules.length) continue
      const engine = new Engine([], { allowUndefinedFacts: false, pathResolver })
      addOperators(engine)
      for (const rule of rules) engine.addRule({ name: rule.name, priority: rule.priority, conditions: rule.conditions, event: rule.event } as unknown as RuleProperties)
      this.engines.set(scope, engine)
      const references: [string, string][] = []
      for (const rule of rules) referencedFacts(rule.conditions, references)
      this.referenced.set(scope, [...new Map(references.map((reference) => [reference.join('\u0000'), reference])).values()])
      this.memo.set(scope, new Map())
    }
  }

  rule(firing: Firing): Rule {
    return this.rulesByName.get(firing.ruleName)!
  }

  /** The rules of a scope that fire on these facts, highest priority first; synchronous when remembered. */
  run(scope: Scope, facts: Facts): Firing[] | Promise<Firing[]> {
    const engine = this.engines.get(scope)
    if (!engine) return []
    const key = JSON.stringify(this.referenced.get(scope)!.map(([fact, property]) => facts[fact]?.[property]), undefinedMarker)
    const memo = this.memo.get(scope)!
    this.stats.lookups++
    return memo.get(key) ?? this.evaluate(scope, engine, facts, key, memo)
  }

  private async evaluate(scope: Scope, engine: Engine, facts: Facts, key: string, memo: Map<string, Firing[]>): Promise<Firing[]> {
    this.stats.engineRuns++
    const known = Object.fromEntries(Object.keys(factsByScope[scope]).map((name) => [name, facts[name] ?? {}]))
    const { results } = await engine.run(known)
    const order = this.ruleSet.rules
    const rank = (firing: Firing) => {
      const rule = this.rule(firing)
      return -rule.priority * 10_000 + order.indexOf(rule)
    }
    const firings = results
      .map((result) => ({ ruleName: result.name as string, conditions: { ...evaluatedCondition(result.conditions as unknown as RawCondition), result: true } }))
      .sort((a, b) => rank(a) - rank(b))
    if (memo.size >= MEMO_LIMIT) memo.clear()
    memo.set(key, firings)
    return firings
  }
}
