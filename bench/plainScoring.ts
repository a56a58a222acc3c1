import { buildFacts, isNotEvidenced, ScoringInput } from '../server/scoring/facts'

/**
 * The Section 11 2025 thresholds of rules/section-11.2025.json written as plain TypeScript: the
 * bench's baseline, and its check that the rules engine gives exactly the same answers.
 * Ratings per standard, and flags as "where:code".
 */
export function plainScoring(input: ScoringInput): { ratings: string[]; flags: string[] } {
  const facts = buildFacts(input)
  const flags: string[] = []
  for (const { facts: criterion } of facts.criteria) {
    if (criterion.essential && criterion.score !== null && criterion.score < 2) flags.push(`${criterion.key}:essential-below-in-place`)
    if (isNotEvidenced(criterion)) flags.push(`${criterion.key}:not-evidenced`)
  }
  const ratings = facts.standards.map((standard) => {
    if (standard.allNotApplicable) return 'Not applicable'
    const essentialBelow = standard.essential.some((item) => item.score !== null && item.score < 2)
    if (essentialBelow || (standard.averageScore !== null && standard.averageScore < 1.5)) return 'Not met'
    if (standard.minScore !== null && standard.minScore >= 2 && standard.notEvidenced === 0) return 'Fully met'
    return standard.scored > 0 ? 'Partially met' : 'Not rated'
  })
  const { answers, yearsSince } = facts.returnFacts
  const dsl = answers['S11-6.1-named-dsl']
  if (dsl === 'no' || dsl === undefined || dsl === '') flags.push('return:no-designated-lead')
  const trained = answers['S11-8.2-trained-percent']
  if (typeof trained === 'number' && trained < 80) flags.push('return:training-below-threshold')
  const dbs = answers['S11-7.1-dbs-percent']
  if (typeof dbs === 'number' && dbs < 100) flags.push('return:dbs-checks-incomplete')
  const policyYears = yearsSince['S11-1.2-policy-reviewed']
  if (policyYears !== undefined && policyYears >= 3) flags.push('return:policy-not-reviewed')
  return { ratings, flags }
}
