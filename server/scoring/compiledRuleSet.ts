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

type Trie = Map<unknown, unknown>

/** Lists (such as standard.essential) are remembered by their JSON; everything else by its own value, so 2, "2", null and undefined stay apart. */
const memoValue = (value: unknown) => (value !== null && typeof value === 'object' ? JSON.stringify(value) : value)

function firedOf(slots: (Firing | null)[]): Firing[] {
  const fired: Firing[] = []
  for (const firing of slots) if (firing) fired.push(firing)
  return fired
}

/** One rule with its own engine, the fact properties its conditions read, and its remembered outcomes. */
interface CompiledRule {
  rule: Rule
  engine: Engine
  references: [string, string][]
  /** Outcomes by the referenced values, one level per value: no key string to build on each lookup. */
  memo: Trie
  remembered: number
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
  private readonly ranks = new Map<string, number>()
  /** How many rule outcomes were asked for, and how many needed the engine: the rest were remembered. */
  readonly stats = { lookups: 0, engineRuns: 0 }

  constructor(
    readonly ruleSet: RuleSet,
    readonly framework: Framework,
  ) {
    this.rulesByName = new Map(ruleSet.rules.map((rule) => [rule.name, rule]))
    for (const rule of ruleSet.rules) {
      if (rule.event.type === 'rating') this.ranks.set(rule.name, framework.ratingScale.findIndex((rating) => rating.label === (rule.event.params as { rating: string }).rating))
    }
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
            return { rule, engine, references: [...new Map(references.map((reference) => [reference.join('\u0000'), reference])).values()], memo: new Map(), remembered: 0 }
          }),
      )
    }
  }

  rule(firing: Firing): Rule {
    return this.rulesByName.get(firing.ruleName)!
  }

  /** Where a rating rule's rating sits on the framework's scale: 0 is the best. */
  ratingRank(rule: Rule): number {
    return this.ranks.get(rule.name) ?? -1
  }

  /** The rules of a scope that fire on these facts, highest priority first; synchronous when every outcome is remembered. */
  run(scope: Scope, facts: Facts): Firing[] | Promise<Firing[]> {
    let pending: Promise<unknown>[] | undefined
    const slots: (Firing | null)[] = []
    for (const compiled of this.byScope.get(scope)!) {
      this.stats.lookups++
      const references = compiled.references
      // A rule that reads no facts has one outcome, kept under the key undefined.
      let node = references.length ? compiled.memo : (compiled.memo.get(undefined) as Trie | undefined)
      for (let index = 0; index < references.length && node !== undefined; index++) {
        const [fact, property] = references[index]
        node = (node as Trie).get(memoValue(facts[fact]?.[property])) as Trie | undefined
      }
      const slot = slots.length
      slots.push(null)
      if (node !== undefined) slots[slot] = node as unknown as Firing | null
      else {
        const values = references.length ? references.map(([fact, property]) => memoValue(facts[fact]?.[property])) : [undefined]
        ;(pending ??= []).push(this.evaluate(scope, compiled, facts, values).then((firing) => (slots[slot] = firing)))
      }
    }
    return pending ? Promise.all(pending).then(() => firedOf(slots)) : firedOf(slots)
  }

  private async evaluate(scope: Scope, compiled: CompiledRule, facts: Facts, values: unknown[]): Promise<Firing | null> {
    this.stats.engineRuns++
    const known = Object.fromEntries(Object.keys(factsByScope[scope]).map((name) => [name, facts[name] ?? {}]))
    const { results } = await compiled.engine.run(known)
    const firing = results.length ? { ruleName: compiled.rule.name, conditions: { ...evaluatedCondition(results[0].conditions as unknown as RawCondition), result: true } } : null
    if (compiled.remembered >= MEMO_LIMIT) {
      compiled.memo.clear()
      compiled.remembered = 0
    }
    let node = compiled.memo
    values.forEach((value, index) => {
      if (index === values.length - 1) return
      let next = node.get(value) as Trie | undefined
      if (!next) node.set(value, (next = new Map()))
      node = next
    })
    node.set(values[values.length - 1], firing)
    compiled.remembered++
    return firing
  }
}
