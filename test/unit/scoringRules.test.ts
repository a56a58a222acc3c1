import { expect } from 'chai'
import { CompiledRuleSet } from '../../server/scoring/compiledRuleSet'
import { checkRuleSet } from '../../server/scoring/checkRuleSet'
import type { CriterionAnswerData, ScoringInput } from '../../server/scoring/facts'
import { ScoringRuleError } from '../../server/scoring/operators'
import type { ScoringOutcome } from '../../server/scoring/outcome'
import { scoreReturn } from '../../server/scoring/scoreReturn'
import { plainScoring } from '../../bench/plainScoring'
import { generatedReturn, seededRandom } from '../helpers/generatedReturns'
import { answeredReturn, shippedRules } from '../helpers/shippedRules'

const school = { role: 'relevant_agency', sectorKey: 'education', sizeTier: 'large' }

/** Answers to each framework's extra questions that raise no flag. */
const healthyAnswers: Record<string, Record<string, string>> = {
  'section-11.2025': { 'S11-6.1-named-dsl': 'yes', 'S11-8.2-trained-percent': '95', 'S11-7.1-dbs-percent': '100', 'S11-1.2-policy-reviewed': '2025-01-10' },
  'section-11.2024': { 'S11-6.1-named-dsl': 'yes', 'S11-8.2-trained-percent': '95', 'S11-7.1-dbs-percent': '100', 'S11-1.2-policy-reviewed': '2025-01-10' },
  'schools-colleges.2025': { 'SC-2.1-dsl-trained': 'yes', 'SC-4.2-annual-update-percent': '96', 'SC-3.1-policy-reviewed': '2024-09-01', 'SC-9.1-review-date': '2024-09-01' },
  'learning-into-practice.2025': { 'LIP-1.1-actions-assigned': '6', 'LIP-1.1-actions-completed': '6', 'LIP-5.1-feedback-count': '40' },
}

interface Case {
  rules: string
  given: string
  change?: Record<string, Partial<CriterionAnswerData>>
  answers?: Record<string, string>
  /** Expected ratings of the standards named; every other standard must be Fully met. */
  ratings?: Record<string, string>
  /** Every flag expected, as "where:code". */
  flags: string[]
  /** Suggested actions expected (keys, with the due date). */
  actions?: Record<string, string>
}

const cases: Case[] = [
  ...['section-11.2025', 'section-11.2024', 'schools-colleges.2025', 'learning-into-practice.2025'].flatMap((rules): Case[] => {
    const prefix = { 'section-11.2025': 'S11', 'section-11.2024': 'S11', 'schools-colleges.2025': 'SC', 'learning-into-practice.2025': 'LIP' }[rules]!
    return [
      { rules, given: 'every criterion In place with evidence', flags: [] },
      {
        rules,
        given: 'an essential criterion scored 1',
        change: { [`${prefix}-1.1`]: { score: 1 } },
        ratings: { [`${prefix}-1`]: 'Not met' },
        flags: [`${prefix}-1.1:essential-below-in-place`],
        actions: { [`essential-criterion-below-in-place:${prefix}-1`]: '2025-09-28', [`essential-criterion-not-in-place:${prefix}-1.1`]: '2025-09-28' },
      },
      { rules, given: 'a criterion that is not essential scored 1', change: { [`${prefix}-1.2${prefix === 'SC' || prefix === 'LIP' ? '' : '-'}`.replace(/-$/, '').replace('S11-1.2', 'S11-1.3')]: { score: 1 } }, ratings: { [`${prefix}-1`]: 'Partially met' }, flags: [] },
      { rules, given: 'a criterion scored 3 with no evidence at all', change: { [`${prefix}-2.1`]: { score: 3, hasNarrative: false } }, ratings: { [`${prefix}-2`]: 'Partially met' }, flags: [`${prefix}-2.1:not-evidenced`], actions: { [`scored-in-place-without-evidence:${prefix}-2.1`]: '2025-08-29' } },
      { rules, given: 'a criterion scored 3 with an evidence file but no written evidence', change: { [`${prefix}-2.1`]: { score: 3, hasNarrative: false, evidenceFiles: 1 } }, flags: [] },
    ]
  }),
  { rules: 'section-11.2025', given: 'most of a standard only developing', change: { 'S11-1.3': { score: 0 }, 'S11-1.4': { score: 1 }, 'S11-1.5': { score: 1 } }, ratings: { 'S11-1': 'Not met' }, flags: [], actions: { 'average-below-developing:S11-1': '2025-10-28' } },
  { rules: 'section-11.2025', given: 'every criterion of a standard not applicable', change: { 'S11-10.1': { notApplicable: true, score: null }, 'S11-10.2': { notApplicable: true, score: null }, 'S11-10.3': { notApplicable: true, score: null } }, ratings: { 'S11-10': 'Not applicable' }, flags: [] },
  { rules: 'section-11.2025', given: 'no named designated safeguarding lead', answers: { 'S11-6.1-named-dsl': 'no' }, flags: ['return:no-designated-lead'], actions: { 'no-named-designated-lead:return': '2025-07-30' } },
  { rules: 'section-11.2025', given: 'the designated lead question unanswered', answers: { 'S11-6.1-named-dsl': '' }, flags: ['return:no-designated-lead'] },
  { rules: 'section-11.2025', given: 'training at 79%', answers: { 'S11-8.2-trained-percent': '79' }, flags: ['return:training-below-threshold'] },
  { rules: 'section-11.2025', given: 'training at exactly 80%', answers: { 'S11-8.2-trained-percent': '80' }, flags: [] },
  { rules: 'section-11.2025', given: 'DBS checks at 99%', answers: { 'S11-7.1-dbs-percent': '99' }, flags: ['return:dbs-checks-incomplete'] },
  { rules: 'section-11.2025', given: 'a policy reviewed exactly three years before submission', answers: { 'S11-1.2-policy-reviewed': '2022-06-30' }, flags: ['return:policy-not-reviewed'] },
  { rules: 'section-11.2025', given: 'a policy reviewed a day under three years before submission', answers: { 'S11-1.2-policy-reviewed': '2022-07-01' }, flags: [] },
  { rules: 'schools-colleges.2025', given: 'a DSL without training in two years', answers: { 'SC-2.1-dsl-trained': 'no' }, flags: ['return:designated-lead-training'] },
  { rules: 'schools-colleges.2025', given: '89% of staff with this year’s update', answers: { 'SC-4.2-annual-update-percent': '89' }, flags: ['return:training-below-threshold'] },
  { rules: 'schools-colleges.2025', given: 'a child protection policy and filtering last reviewed over a year ago', answers: { 'SC-3.1-policy-reviewed': '2024-06-29', 'SC-9.1-review-date': '2024-01-01' }, flags: ['return:policy-not-reviewed', 'return:filtering-not-reviewed'] },
  { rules: 'learning-into-practice.2025', given: 'no feedback from children', answers: { 'LIP-5.1-feedback-count': '0' }, flags: ['return:no-feedback-from-children'] },
  { rules: 'learning-into-practice.2025', given: 'actions outstanding but the framework average at 2', answers: { 'LIP-1.1-actions-completed': '2' }, flags: [] },
  {
    rules: 'learning-into-practice.2025',
    given: 'actions outstanding and the average below 2',
    answers: { 'LIP-1.1-actions-completed': '2' },
    change: { 'LIP-1.2': { score: 1 }, 'LIP-1.4': { score: 1 } },
    ratings: { 'LIP-1': 'Partially met' },
    flags: ['return:review-actions-outstanding'],
  },
]

const score = (rules: string, input: ScoringInput) => scoreReturn(shippedRules(rules).compiled(), input)
const flagsOf = (outcome: ScoringOutcome) => outcome.flags.map((flag) => `${flag.criterionKey ?? flag.standardKey ?? 'return'}:${flag.code}`)

describe('the shipped rules: answers in, ratings and flags out', () => {
  for (const testCase of cases) {
    it(`${testCase.rules}: ${testCase.given}`, async () => {
      const { framework } = shippedRules(testCase.rules)
      const input = answeredReturn(framework, {
        organisation: testCase.rules.startsWith('schools') ? school : undefined,
        change: testCase.change,
        questionAnswers: { ...healthyAnswers[testCase.rules], ...testCase.answers },
      })
      const outcome = await score(testCase.rules, input)
      const expected = Object.fromEntries(input.standards.map((standard) => [standard.key, testCase.ratings?.[standard.key] ?? 'Fully met']))
      expect(Object.fromEntries(outcome.ratings.map((rating) => [rating.standardKey, rating.rating]))).to.deep.equal(expected)
      expect(flagsOf(outcome)).to.have.members(testCase.flags)
      for (const [key, dueOn] of Object.entries(testCase.actions ?? {})) expect(outcome.actions.find((action) => action.key === key)?.dueOn, key).to.equal(dueOn)
      const notMet = outcome.ratings.filter((rating) => rating.rating === 'Not met').length
      expect(outcome.profile.counts.find((count) => count.rating === 'Not met')?.count).to.equal(notMet)
      expect(outcome.profile.percentBest).to.equal(Math.round((100 * outcome.ratings.filter((r) => r.rating === 'Fully met').length) / outcome.ratings.filter((r) => r.rating !== 'Not applicable').length))
    })
  }
})

const rank: Record<string, number> = { 'Not met': 0, 'Partially met': 1, 'Fully met': 2 }
const frameworkNames = ['section-11.2025', 'section-11.2024', 'schools-colleges.2025', 'learning-into-practice.2025']

/** A copy of a return with some criteria's answers changed. */
function withChanges(input: ScoringInput, change: (answer: CriterionAnswerData) => CriterionAnswerData, keys: string[]): ScoringInput {
  const answers = new Map(input.answers)
  for (const key of keys) answers.set(key, change(answers.get(key)!))
  return { ...input, answers }
}

describe('properties of the shipped rules, on generated returns', () => {
  for (const name of frameworkNames) {
    it(`${name}: raising any criterion's score never lowers a standard's rating`, async () => {
      const { framework, compiled } = shippedRules(name)
      const rules = compiled()
      const random = seededRandom(42)
      for (let index = 0; index < 150; index++) {
        const input = generatedReturn(framework, index)
        const before = await scoreReturn(rules, input)
        const scored = [...input.answers].filter(([, answer]) => answer.score !== null && answer.score < 3).map(([key]) => key)
        const raised = scored.filter(() => random() < 0.3)
        const after = await scoreReturn(rules, withChanges(input, (answer) => ({ ...answer, score: answer.score! + 1 }), raised))
        after.ratings.forEach((rating, position) => {
          const was = before.ratings[position].rating
          if (was in rank) expect(rank[rating.rating], `${rating.standardKey} was ${was}, now ${rating.rating}, raising ${raised.join(', ')}`).to.be.at.least(rank[was])
        })
      }
    })

    it(`${name}: adding evidence never adds a "not evidenced" flag`, async () => {
      const { framework, compiled } = shippedRules(name)
      const rules = compiled()
      const random = seededRandom(7)
      for (let index = 0; index < 150; index++) {
        const input = generatedReturn(framework, 1000 + index)
        const notEvidenced = (outcome: ScoringOutcome) => outcome.flags.filter((flag) => flag.code === 'not-evidenced').map((flag) => flag.criterionKey)
        const before = notEvidenced(await scoreReturn(rules, input))
        const keys = [...input.answers.keys()].filter(() => random() < 0.3)
        const evidenceChange = random() < 0.5 ? (answer: CriterionAnswerData) => ({ ...answer, evidenceFiles: answer.evidenceFiles + 1 }) : (answer: CriterionAnswerData) => ({ ...answer, hasNarrative: true })
        const after = notEvidenced(await scoreReturn(rules, withChanges(input, evidenceChange, keys)))
        expect(before, `adding evidence to ${keys.join(', ')}`).to.include.members(after)
        for (const key of keys) expect(after).not.to.include(key)
      }
    })
  }
})

describe('scoring is reproducible', () => {
  it('gives the same result for the same answers, from a fresh engine or one that has scored thousands', async () => {
    const { framework, compiled } = shippedRules('section-11.2025')
    const warmed = compiled()
    for (let index = 0; index < 400; index++) await scoreReturn(warmed, generatedReturn(framework, 5000 + index))
    for (let index = 0; index < 60; index++) {
      const input = generatedReturn(framework, 5000 + index * 7)
      const fresh = await scoreReturn(compiled(), input)
      expect(JSON.parse(JSON.stringify(await scoreReturn(warmed, input)))).to.deep.equal(JSON.parse(JSON.stringify(fresh)))
    }
  })

  it('counts dates from the submission date, so rescoring later gives the same flags', async () => {
    const { framework } = shippedRules('section-11.2025')
    const input = answeredReturn(framework, { referenceDate: '2025-06-30', questionAnswers: { ...healthyAnswers['section-11.2025'], 'S11-1.2-policy-reviewed': '2023-01-01' } })
    expect(flagsOf(await score('section-11.2025', input))).to.deep.equal([])
    expect(flagsOf(await score('section-11.2025', { ...input, referenceDate: '2026-06-30' }))).to.deep.equal(['return:policy-not-reviewed'])
  })

  it('agrees with the same thresholds written as plain TypeScript (the benchmark’s baseline) on 300 generated returns', async () => {
    const { framework, compiled } = shippedRules('section-11.2025')
    const rules = compiled()
    for (let index = 0; index < 300; index++) {
      const input = generatedReturn(framework, 9000 + index)
      const outcome = await scoreReturn(rules, input)
      const plain = plainScoring(input)
      expect(outcome.ratings.map((rating) => rating.rating)).to.deep.equal(plain.ratings)
      expect(flagsOf(outcome)).to.have.members(plain.flags)
    }
  })
})

describe('a rule that fails at run time', () => {
  it('stops scoring with a message naming the operator and what it was given', async () => {
    const { framework, source } = shippedRules('section-11.2025')
    const ruleSet = JSON.parse(source)
    ruleSet.rules[0].conditions.all[0].path = '$.averageScore'
    const checked = checkRuleSet(JSON.stringify(ruleSet), framework)
    if (!checked.ok) throw new Error(checked.problems.join('; '))
    const error = await scoreReturn(new CompiledRuleSet(checked.ruleSet, framework), answeredReturn(framework)).then(
      () => undefined,
      (thrown: unknown) => thrown,
    )
    expect(error).to.be.instanceOf(ScoringRuleError)
    expect((error as Error).message).to.equal('anyScoreBelow needs a list of criteria (such as standard.essential), not 2')
  })
})
