import { readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { projectRoot } from '../paths'
import { parseValidatedYaml } from '../standards/parseYaml'
import { AuditTool, auditToolProblems, auditToolSchema } from './auditToolSchema'

export const auditToolsDir = path.join(projectRoot, 'standards', 'audit-tools')

export interface CheckedAuditTool {
  file: string
  source: string
  tool: AuditTool
}

export interface AuditToolFileProblem {
  file: string
  line: number
  message: string
}

export function parseAuditTool(source: string) {
  return parseValidatedYaml(source, auditToolSchema, auditToolProblems)
}

/** Every audit tool in standards/audit-tools/*.yaml, validated; a file must be named after its key, and each key used once. */
export function checkAuditToolFiles(dir = auditToolsDir): { tools: CheckedAuditTool[]; problems: AuditToolFileProblem[] } {
  const tools: CheckedAuditTool[] = []
  const problems: AuditToolFileProblem[] = []
  for (const name of readdirSync(dir).filter((candidate) => /\.ya?ml$/.test(candidate)).sort()) {
    const file = path.relative(projectRoot, path.join(dir, name))
    const source = readFileSync(path.join(dir, name), 'utf8')
    const result = parseAuditTool(source)
    if (!result.ok) {
      problems.push(...result.problems.map((problem) => ({ file, ...problem })))
      continue
    }
    if (name.replace(/\.ya?ml$/, '') !== result.value.key) {
      problems.push({ file, line: result.lineOf(['key']), message: `The file for audit tool "${result.value.key}" must be named ${result.value.key}.yaml` })
      continue
    }
    tools.push({ file, source, tool: result.value })
  }
  return { tools, problems }
}
