import { expect } from 'chai'
import { readFileSync } from 'node:fs'
import { checkRuleSet } from '../../server/scoring/checkRuleSet'
import { factsByScope, operators } from '../../server/scoring/factCatalogue'
import { checkRuleFiles, readRuleFiles } from '../../server/scoring/ruleFiles'
import { checkFrameworks } from '../../server/standards/checkFrameworks'
import { readFrameworkFiles } from '../../server/standards/frameworkFiles'
import { shippedRules } from '../helpers/shippedRules'

/** The shipped Section 11 2025 rule set with one change made to it, as JSON text. */
function changed(change: (ruleSet: { rules: Record<string, any>[] } & Record<string, any>) => void): string {
  const ruleSet = JSON.parse(shippedRules('section-11.2025').source)
  change(ruleSet)
  return JSON.stringify(ruleSet)
}

describe('checking a rule set', () => {
  const { framework } = shippedRules('section-11.2025')
  const problemsOf = (source: string) => {
    const result = checkRuleSet(source, framework)
    return result.ok ? [] : result.problems
  }

  it('accepts every shipped rule set, and requires one for every shipped framework version', () => {
    const frameworks = checkFrameworks(readFrameworkFiles()).frameworks.map((entry) => entry.framework)
    const files = readRuleFiles()
    expect(checkRuleFiles(files, frameworks).problems).to.deep.equal([])
    expect(checkRuleFiles(files.filter((file) => !file.file.includes('schools-colleges')), frameworks).problems).to.deep.equal([
      'rules/schools-colleges.2025.json: missing; every shipped framework version needs a rule set',
    ])
    expect(checkRuleFiles([...files, { file: 'rules/section-11.2030.json', source: '{}' }], frameworks).problems[0]).to.match(/^rules\/section-11\.2030\.json: no framework version section-11\.2030/)
  })

  const cases: [string, string, RegExp][] = [
    ['invalid JSON', '{"framework": "section-11",', /^not valid JSON: /],
    ['an unknown fact', changed((r) => (r.rules[0].conditions.all[0].fact = 'standrd')), /^rule "essential-criterion-below-in-place": conditions\.all\[0\]: unknown fact "standrd"; standard rules can read: standard, organisation$/],
    ['a property the fact does not have', changed((r) => (r.rules[1].conditions.all[0].path = '$.mean')), /^rule "average-below-developing": conditions\.all\[0\]: fact "standard" has no property "mean"; it has: key, applicable/],
    ['a JSONPath', changed((r) => (r.rules[1].conditions.all[0].path = 'averageScore')), /needs a path such as "\$\.key"/],
    ['an unknown operator', changed((r) => (r.rules[3].conditions.all[0].operator = 'bigger')), /^rule "some-arrangements-in-place": conditions\.all\[0\]: unknown operator "bigger"; known operators: equal, /],
    ['an event type the app does not know', changed((r) => (r.rules[2].event.type = 'score')), /^rule "every-criterion-in-place-and-evidenced": event: Unknown event type "score"; the app knows: rating, flag$/],
    ['a rating not on the scale', changed((r) => (r.rules[2].event.params.rating = 'Green')), /^rule "every-criterion-in-place-and-evidenced": rating "Green" is not on the framework's rating scale \(Fully met, Partially met, Not met\)$/],
    ['a rating from a criterion rule', changed((r) => (r.rules[4].event = { type: 'rating', params: { rating: 'Fully met' } })), /^rule "essential-criterion-not-in-place": a rating rule must have scope "standard"$/],
    ['a Not met rating without a suggested action', changed((r) => delete r.rules[0].event.params.action), /^rule "essential-criterion-below-in-place": a "Not met" rating needs a suggested action/],
    ['a serious flag without a suggested action', changed((r) => delete r.rules[4].event.params.action), /^rule "essential-criterion-not-in-place": a serious flag needs a suggested action/],
    ['a question the framework does not have', changed((r) => (r.rules[6].conditions.any[0].path = '$.S11-6.1-named-dls')), /^rule "no-named-designated-lead": conditions\.any\[0\]: "S11-6\.1-named-dls" is not a question of this framework$/],
    ['yearsSince on a question that is not a date', changed((r) => (r.rules[9].conditions.all[0].path = '$.S11-8.2-trained-percent')), /yearsSince needs a date question; "S11-8\.2-trained-percent" is a number question$/],
    ['two rules with one name', changed((r) => (r.rules[1].name = r.rules[0].name)), /^rule "essential-criterion-below-in-place": another rule has the same name$/],
    ['an unknown severity', changed((r) => (r.rules[5].event.params.severity = 'high')), /^rule "scored-in-place-without-evidence": event\.params\.severity: Severity must be one of: serious, moderate, advisory$/],
    ['a shared condition reference', changed((r) => (r.rules[3].conditions = { all: [{ condition: 'shared' }] })), /shared conditions are not supported/],
    ['a rule set for another framework version', changed((r) => (r.frameworkVersion = '2024')), /^the rule set is for section-11 2024, not section-11 2025$/],
    ['no rules', changed((r) => (r.rules = [])), /^rules: A rule set needs at least one rule$/],
  ]
  for (const [what, source, message] of cases) {
    it(`refuses ${what} with a message saying where`, () => {
      const problems = problemsOf(source)
      expect(problems.some((problem) => message.test(problem)), problems.join('\n')).to.equal(true)
    })
  }

  it('reports every problem in the file at once', () => {
    const problems = problemsOf(changed((r) => {
      r.rules[0].conditions.all[0].fact = 'standrd'
      r.rules[3].conditions.all[0].operator = 'bigger'
    }))
    expect(problems).to.have.length(2)
  })

  it('rules/README.md documents every fact property and every operator', () => {
    const readme = readFileSync('rules/README.md', 'utf8')
    for (const facts of Object.values(factsByScope)) {
      for (const [fact, properties] of Object.entries(facts)) {
        expect(readme, fact).to.contain(`\`${fact}\``)
        if (properties !== 'questions') for (const property of Object.keys(properties)) expect(readme, `${fact}.${property}`).to.contain(`\`$.${property}\``)
      }
    }
    for (const operator of operators) expect(readme, operator).to.contain(`\`${operator}\``)
  })
})
