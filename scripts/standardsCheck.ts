import { readFileSync } from 'node:fs'
import { checkAuditToolFiles } from '../server/audits/auditToolFiles'
import { ethnicityGroupsFile, parseEthnicityGroups } from '../server/audits/cases/reference'
import { checkFrameworks, formatProblems } from '../server/standards/checkFrameworks'
import { readFrameworkFiles } from '../server/standards/frameworkFiles'

/** `npm run standards:check`: validates every framework file and its lineage, and every audit tool; `file:line: message` per problem. */
const sources = readFrameworkFiles()
const { frameworks, problems } = checkFrameworks(sources)
const audit = checkAuditToolFiles()
const all = [...problems, ...audit.problems]
let ethnicity = ''
try {
  const list = parseEthnicityGroups(readFileSync(ethnicityGroupsFile, 'utf8'))
  ethnicity = `The ethnicity list is valid: ${list.groups.length} groups, ${list.groups.reduce((sum, group) => sum + group.categories.length, 0)} categories\n`
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`)
  process.exit(1)
}
if (all.length) {
  process.stderr.write(`${formatProblems(all)}\n`)
  process.stderr.write(`${all.length} problem${all.length === 1 ? '' : 's'} in ${sources.length} framework files and the audit tools\n`)
  process.exit(1)
}
process.stdout.write(`${frameworks.length} framework versions are valid: ${frameworks.map((f) => `${f.framework.key}@${f.framework.version}`).join(', ')}\n`)
process.stdout.write(ethnicity)
process.stdout.write(`${audit.tools.length} audit tools are valid: ${audit.tools.map((entry) => entry.tool.key).join(', ')}\n`)
