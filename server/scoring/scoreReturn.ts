import type { CompiledRuleSet, Firing } from './compiledRuleSet'
import type { Scope } from './factCatalogue'
import { buildFacts, ScoringInput, StandardFacts } from './facts'
import { NOT_APPLICABLE, NOT_RATED, RaisedFlag, ScoringOutcome, ScoringProfile, StandardRating, SuggestedAction } from './outcome'
import type { RuleEvent } from './ruleSetSchema'
import type { Standard } from '../standards/frameworkSchema'

const awaitAll = async <T>(values: (T | Promise<T>)[]): Promise<T[]> => (values.some((value) => value instanceof Promise) ? Promise.all(values) : (values as T[]))

const addedDays = new Map<string, string>()

/** The ISO date `days` after `isoDate`; remembered, as thousands of returns share a few dates. */
function addDays(isoDate: string, days: number): string {
  const key = `${isoDate}+${days}`
  let result = addedDays.get(key)
  if (result === undefined) {
    const date = new Date(`${isoDate}T00:00:00Z`)
    date.setUTCDate(date.getUTCDate() + days)
    result = date.toISOString().slice(0, 10)
    if (addedDays.size > 10_000) addedDays.clear()
    addedDays.set(key, result)
  }
  return result
}

interface Where {
  standardKey?: string
  criterionKey?: string
}

/**
 * Gathers one return's flags, suggested actions and ratings from the rules that fired. Written
 * as plain loops and methods because it runs for every criterion and standard of every return.
 */
class OutcomeBuilder {
  readonly flags: RaisedFlag[] = []
  readonly actions: SuggestedAction[] = []

  constructor(
    private readonly compiled: CompiledRuleSet,
    private readonly referenceDate: string,
  ) {}

  private suggest(firing: Firing, event: RuleEvent, where: Where): void {
    const action = event.params.action
    if (!action) return
    this.actions.push({
      key: `${firing.ruleName}:${where.criterionKey ?? where.standardKey ?? 'return'}`,
      outcome: action.outcome,
      owner: action.owner,
      dueOn: addDays(this.referenceDate, action.dueInDays),
      ruleName: firing.ruleName,
      standardKey: where.standardKey,
      criterionKey: where.criterionKey,
    })
  }

  raise(scope: Scope, firings: Firing[], where: Where): void {
    for (const firing of firings) {
      const event = this.compiled.rule(firing).event
      if (event.type !== 'flag') continue
      const { code, severity, message } = event.params
      this.flags.push({ scope, standardKey: where.standardKey, criterionKey: where.criterionKey, code, severity, message, firing })
      this.suggest(firing, event, where)
    }
  }

  /** The highest-priority rating rule that fired; on a tie, the worse rating (later on the scale). */
  rate(standard: Standard, facts: StandardFacts, firings: Firing[]): StandardRating {
    if (facts.allNotApplicable) return { standardKey: standard.key, standardTitle: standard.title, rating: NOT_APPLICABLE, colour: 'grey' }
    const scale = this.compiled.framework.ratingScale
    let winner: Firing | undefined
    let winnerRank = -1
    let winnerPriority = 0
    for (const firing of firings) {
      const rule = this.compiled.rule(firing)
      if (rule.event.type !== 'rating') continue
      if (winner && rule.priority < winnerPriority) break
      const rank = this.compiled.ratingRank(rule)
      if (!winner || rank > winnerRank) {
        winner = firing
        winnerRank = rank
        winnerPriority = rule.priority
      }
    }
    if (!winner) return { standardKey: standard.key, standardTitle: standard.title, rating: NOT_RATED, colour: 'grey' }
    this.suggest(winner, this.compiled.rule(winner).event, { standardKey: standard.key })
    return { standardKey: standard.key, standardTitle: standard.title, rating: scale[winnerRank].label, colour: scale[winnerRank].colour, firing: winner }
  }
}

/**
 * Scores one return: criterion rules for each applicable criterion, standard rules for each
 * standard, return rules once. A standard's rating comes from the highest-priority rating rule
 * that fired for it (the worse rating on a tie); every criterion N/A gives Not applicable without a rule.
 */
export async function scoreReturn(compiled: CompiledRuleSet, input: ScoringInput): Promise<ScoringOutcome> {
  const facts = buildFacts(input)
  const { organisation } = facts
  const criterionRuns: (Firing[] | Promise<Firing[]>)[] = []
  for (const criterion of facts.criteria) criterionRuns.push(compiled.run('criterion', { criterion: criterion.facts as unknown as Record<string, unknown>, answers: criterion.answers, yearsSince: criterion.yearsSince, organisation }))
  const standardRuns: (Firing[] | Promise<Firing[]>)[] = []
  for (const standard of facts.standards) standardRuns.push(compiled.run('standard', { standard: standard as unknown as Record<string, unknown>, organisation }))
  const [criterionFirings, standardFirings, returnFirings] = await Promise.all([awaitAll(criterionRuns), awaitAll(standardRuns), compiled.run('return', { ...facts.returnFacts, organisation })])

  const builder = new OutcomeBuilder(compiled, input.referenceDate)
  for (let index = 0; index < facts.criteria.length; index++) {
    const firings = criterionFirings[index]
    if (firings.length) builder.raise('criterion', firings, { standardKey: facts.criteria[index].facts.standardKey, criterionKey: facts.criteria[index].facts.key })
  }
  const ratings: StandardRating[] = []
  for (let index = 0; index < input.standards.length; index++) {
    const standard = input.standards[index]
    if (standardFirings[index].length) builder.raise('standard', standardFirings[index], { standardKey: standard.key })
    ratings.push(builder.rate(standard, facts.standards[index], standardFirings[index]))
  }
  builder.raise('return', returnFirings, {})
  return {
    ratings,
    flags: builder.flags,
    actions: builder.actions,
    profile: profileOf(ratings, compiled),
    facts: { standards: facts.standards, criteria: facts.criteria.map((criterion) => criterion.facts), returnFacts: facts.returnFacts.return },
  }
}

function profileOf(ratings: StandardRating[], compiled: CompiledRuleSet): ScoringProfile {
  const scale = compiled.framework.ratingScale
  const counts = new Map<string, number>()
  let applicable = 0
  for (const rating of ratings) {
    counts.set(rating.rating, (counts.get(rating.rating) ?? 0) + 1)
    if (rating.rating !== NOT_APPLICABLE) applicable++
  }
  const rows = scale.map((rating) => ({ rating: rating.label, colour: rating.colour, count: counts.get(rating.label) ?? 0 }))
  for (const label of [NOT_APPLICABLE, NOT_RATED]) if (counts.has(label)) rows.push({ rating: label, colour: 'grey', count: counts.get(label)! })
  const bestRating = scale[0].label
  return { counts: rows, applicable, percentBest: applicable ? Math.round(((counts.get(bestRating) ?? 0) / applicable) * 100) : 0, bestRating }
}
