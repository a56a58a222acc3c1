import { checkRuleFiles, readRuleFiles } from '../server/scoring/ruleFiles'
import { checkFrameworks } from '../server/standards/checkFrameworks'
import { readFrameworkFiles } from '../server/standards/frameworkFiles'
import { CompiledRuleSet } from '../server/scoring/compiledRuleSet'
import { scoreReturn } from '../server/scoring/scoreReturn'
import { buildFacts } from '../server/scoring/facts'
import { generatedReturn } from '../test/helpers/generatedReturns'
const { frameworks } = checkFrameworks(readFrameworkFiles())
const file = checkRuleFiles(readRuleFiles(), frameworks.map((e) => e.framework)).checked.find((e) => e.file.includes('section-11.2025'))!
const returns = Array.from({ length: 5000 }, (_, i) => generatedReturn(file.framework, i))
async function main() {
  let t = performance.now()
  for (const r of returns) buildFacts(r)
  console.log('facts us/return', ((performance.now() - t) * 1000 / returns.length).toFixed(1))
  const compiled = new CompiledRuleSet(file.ruleSet, file.framework)
  t = performance.now()
  for (const r of returns) await scoreReturn(compiled, r)
  console.log('score us/return', ((performance.now() - t) * 1000 / returns.length).toFixed(1))
  t = performance.now()
  for (const r of returns) await scoreReturn(compiled, r)
  console.log('score again us/return', ((performance.now() - t) * 1000 / returns.length).toFixed(1))
}
main()
