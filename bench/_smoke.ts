import { checkFrameworks } from '../server/standards/checkFrameworks'
import { readFrameworkFiles } from '../server/standards/frameworkFiles'
import { readRuleFiles, checkRuleFiles } from '../server/scoring/ruleFiles'
import { CompiledRuleSet } from '../server/scoring/compiledRuleSet'
import { scoreReturn } from '../server/scoring/scoreReturn'
import { standardsFor } from '../server/standards/applicability'
import { checkRuleSet } from '../server/scoring/checkRuleSet'
const fws = checkFrameworks(readFrameworkFiles()).frameworks.map((f) => f.framework)
const { checked } = checkRuleFiles(readRuleFiles(), fws)
const f = checked.find((c) => c.file.includes('section-11.2025'))!
const compiled = new CompiledRuleSet(f.ruleSet, f.framework)
const org = { role: 'relevant_agency', sectorKey: 'nhs-provider', sizeTier: 'large' }
const standards = standardsFor(f.framework, org)
const answers = new Map()
for (const s of standards) for (const c of s.criteria) answers.set(c.key, { score: Math.floor(Math.random() * 4), notApplicable: false, moderatedScore: null, hasNarrative: Math.random() < 0.5, evidenceFiles: 0, questionAnswers: { 'S11-8.2-trained-percent': '75', 'S11-1.2-policy-reviewed': '2020-01-01', 'S11-6.1-named-dsl': 'no' } })
async function main() {
  let t = performance.now()
  const out = await scoreReturn(compiled, { organisation: org, referenceDate: '2025-06-01', standards, answers })
  console.log('cold ms', performance.now() - t)
  console.log(out.ratings.map((r) => `${r.standardKey} ${r.rating} ${r.firing?.ruleName}`).join('\n'))
  console.log(out.flags.map((r) => `${r.criterionKey ?? r.standardKey ?? 'return'} ${r.code} ${r.severity}`).join('\n'))
  console.log(out.actions.length, JSON.stringify(out.profile))
  console.log(JSON.stringify(out.ratings[0].firing, null, 1))
  t = performance.now()
  for (let i = 0; i < 1000; i++) await scoreReturn(compiled, { organisation: org, referenceDate: '2025-06-01', standards, answers })
  console.log('warm us/return', (performance.now() - t))
  const bad = JSON.parse(f.source); bad.rules[0].conditions.all[0].fact = 'standrd'; bad.rules[1].event.type = 'score'; bad.rules[2].event.params.rating = 'Green'; bad.rules[3].conditions.all[0].operator = 'bigger'
  console.log(checkRuleSet(JSON.stringify(bad), f.framework))
  console.log(checkRuleSet('{"framework": ', f.framework))
}
main()
