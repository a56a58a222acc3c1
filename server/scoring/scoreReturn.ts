import type { CompiledRuleSet, Firing } from './compiledRuleSet'
import type { Scope } from './factCatalogue'
import { buildFacts, ScoringInput } from './facts'
import { NOT_APPLICABLE, NOT_RATED, RaisedFlag, ScoringOutcome, ScoringProfile, StandardRating, SuggestedAction } from './outcome'
import type { RuleEvent } from './ruleSetSchema'

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

/**
 * Scores one return: criterion rules for each applicable criterion, standard rules for each
 * standard, return rules once. A standard's rating comes from the highest-priority rating rule
 * that fired (the worse rating on a tie); every criterion N/A gives Not applicable without a rule.
 */
export async function scoreReturn(compiled: CompiledRuleSet, input: ScoringInput): Promise<ScoringOutcome> {
  const facts = buildFacts(input)
  const { organisation } = facts
  const [criterionFirings, standardFirings, returnFirings] = await Promise.all([
    awaitAll(facts.criteria.map((criterion) => compiled.run('criterion', { criterion: criterion.facts as unknown as Record<string, unknown>, answers: criterion.answers, yearsSince: criterion.yearsSince, organisation }))),
    awaitAll(facts.standards.map((standard) => compiled.run('standard', { standard: standard as unknown as Record<string, unknown>, organisation }))),
    compiled.run('return', { ...facts.returnFacts, organisation }),
  ])
  const scale = compiled.framework.ratingScale
  const worse = (a: string, b: string) => (scale.findIndex((r) => r.label === a) >= scale.findIndex((r) => r.label === b) ? a : b)
  const flags: RaisedFlag[] = []
  const actions: SuggestedAction[] = []
  const suggest = (firing: Firing, event: RuleEvent, where: { standardKey?: string; criterionKey?: string }) => {
    const action = event.params.action
    if (!action) return
    const key = [firing.ruleName, where.criterionKey ?? where.standardKey ?? 'return'].join(':')
    actions.push({ key, outcome: action.outcome, owner: action.owner, dueOn: addDays(input.referenceDate, action.dueInDays), ruleName: firing.ruleName, ...where })
  }
  const raise = (scope: Scope, firings: Firing[], where: { standardKey?: string; criterionKey?: string }) => {
    for (const firing of firings) {
      const event = compiled.rule(firing).event
      if (event.type !== 'flag') continue
      flags.push({ scope, ...where, code: event.params.code, severity: event.params.severity, message: event.params.message, firing })
      suggest(firing, event, where)
    }
  }
  facts.criteria.forEach((criterion, index) => {
    if (criterionFirings[index].length) raise('criterion', criterionFirings[index], { standardKey: criterion.facts.standardKey, criterionKey: criterion.facts.key })
  })

  const ratings: StandardRating[] = input.standards.map((standard, index) => {
    const standardFacts = facts.standards[index]
    const base = { standardKey: standard.key, standardTitle: standard.title }
    raise('standard', standardFirings[index], { standardKey: standard.key })
    if (standardFacts.allNotApplicable) return { ...base, rating: NOT_APPLICABLE, colour: 'grey' }
    const rated = standardFirings[index].filter((firing) => compiled.rule(firing).event.type === 'rating')
    if (!rated.length) return { ...base, rating: NOT_RATED, colour: 'grey' }
    const top = compiled.rule(rated[0]).priority
    const label = (firing: Firing) => (compiled.rule(firing).event.params as { rating: string }).rating
    const winner = rated.filter((firing) => compiled.rule(firing).priority === top).reduce((a, b) => (worse(label(a), label(b)) === label(a) ? a : b))
    suggest(winner, compiled.rule(winner).event, { standardKey: standard.key })
    const rating = label(winner)
    return { ...base, rating, colour: scale.find((r) => r.label === rating)!.colour, firing: winner }
  })
  raise('return', returnFirings, {})
  return { ratings, flags, actions, profile: profileOf(ratings, compiled), facts: { standards: facts.standards, criteria: facts.criteria.map((criterion) => criterion.facts), returnFacts: facts.returnFacts.return } }
}

function profileOf(ratings: StandardRating[], compiled: CompiledRuleSet): ScoringProfile {
  const labels = [...compiled.framework.ratingScale, { label: NOT_APPLICABLE, colour: 'grey' }, { label: NOT_RATED, colour: 'grey' }]
  const counts = labels
    .map((rating) => ({ rating: rating.label, colour: rating.colour, count: ratings.filter((r) => r.rating === rating.label).length }))
    .filter((count) => count.count > 0 || compiled.framework.ratingScale.some((r) => r.label === count.rating))
  const applicable = ratings.filter((rating) => rating.rating !== NOT_APPLICABLE).length
  const bestRating = compiled.framework.ratingScale[0].label
  const best = ratings.filter((rating) => rating.rating === bestRating).length
  return { counts, applicable, percentBest: applicable ? Math.round((best / applicable) * 100) : 0, bestRating }
}
