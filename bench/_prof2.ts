import { checkRuleFiles, readRuleFiles } from '../server/scoring/ruleFiles'
import { checkFrameworks } from '../server/standards/checkFrameworks'
import { readFrameworkFiles } from '../server/standards/frameworkFiles'
import { CompiledRuleSet } from '../server/scoring/compiledRuleSet'
import { scoreReturn } from '../server/scoring/scoreReturn'
import { generatedReturn } from '../test/helpers/generatedReturns'
const { frameworks } = checkFrameworks(readFrameworkFiles())
const file = checkRuleFiles(readRuleFiles(), frameworks.map((e) => e.framework)).checked.find((e) => e.file.includes('section-11.2025'))!
const returns = Array.from({ length: 3000 }, (_, i) => generatedReturn(file.framework, i))
async function main() {
  const compiled = new CompiledRuleSet(file.ruleSet, file.framework)
  for (const r of returns) await scoreReturn(compiled, r)
  const t = performance.now()
  for (let k = 0; k < 5; k++) for (const r of returns) await scoreReturn(compiled, r)
  console.log('warm us/return', ((performance.now() - t) * 1000 / returns.length / 5).toFixed(1))
}
main()
