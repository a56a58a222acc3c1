import { checkRuleFiles, readRuleFiles } from '../server/scoring/ruleFiles'
import { checkFrameworks } from '../server/standards/checkFrameworks'
import { readFrameworkFiles } from '../server/standards/frameworkFiles'

/** `npm run rules:check`: every rules/*.json against its framework version; `file: message` per problem, exit 1 on any. */
const { frameworks } = checkFrameworks(readFrameworkFiles())
const { checked, problems } = checkRuleFiles(readRuleFiles(), frameworks.map((entry) => entry.framework))
for (const problem of problems) console.error(problem)
if (problems.length) process.exit(1)
console.log(`${checked.length} rule sets valid: ${checked.map((file) => `${file.file} (${file.ruleSet.rules.length} rules)`).join(', ')}`)
