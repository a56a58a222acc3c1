import { checkFrameworks, formatProblems } from '../server/standards/checkFrameworks'
import { readFrameworkFiles } from '../server/standards/frameworkFiles'

/** `npm run standards:check`: validates every framework file and its lineage; `file:line: message` per problem. */
const sources = readFrameworkFiles()
const { frameworks, problems } = checkFrameworks(sources)
if (problems.length) {
  process.stderr.write(`${formatProblems(problems)}\n`)
  process.stderr.write(`${problems.length} problem${problems.length === 1 ? '' : 's'} in ${sources.length} framework files\n`)
  process.exit(1)
}
process.stdout.write(`${frameworks.length} framework versions are valid: ${frameworks.map((f) => `${f.framework.key}@${f.framework.version}`).join(', ')}\n`)
