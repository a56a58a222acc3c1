import path from 'node:path'
import type { Framework } from './frameworkSchema'
import { lineageProblems } from './lineage'
import { parseFramework } from './parseFramework'

export interface FrameworkSource {
  file: string
  source: string
}

export interface FileProblem {
  file: string
  line: number
  message: string
}

export interface CheckedFramework {
  file: string
  source: string
  framework: Framework
}

/**
 * Validates a set of framework versions together: each file on its own, then (key, version)
 * unique across files, then each version's lineage against the version it says it follows.
 */
export function checkFrameworks(sources: FrameworkSource[]): { frameworks: CheckedFramework[]; problems: FileProblem[] } {
  const problems: FileProblem[] = []
  const parsed: (CheckedFramework & { lineOf: (path: (string | number)[]) => number })[] = []
  for (const { file, source } of sources) {
    const result = parseFramework(source)
    if (result.ok) parsed.push({ file, source, framework: result.framework, lineOf: result.lineOf })
    else problems.push(...result.problems.map((problem) => ({ file, ...problem })))
  }
  const byVersion = new Map<string, (typeof parsed)[number]>()
  const valid: typeof parsed = []
  for (const entry of parsed) {
    const expectedName = `${entry.framework.key}.${entry.framework.version}.yaml`
    if (path.basename(entry.file) !== expectedName) {
      problems.push({ file: entry.file, line: entry.lineOf(['key']), message: `The file for version ${entry.framework.version} of "${entry.framework.key}" must be named ${expectedName}` })
      continue
    }
    const id = `${entry.framework.key}@${entry.framework.version}`
    const other = byVersion.get(id)
    if (other) {
      problems.push({ file: entry.file, line: entry.lineOf(['version']), message: `Version ${entry.framework.version} of "${entry.framework.key}" is already defined in ${other.file}` })
      continue
    }
    byVersion.set(id, entry)
    valid.push(entry)
  }
  const checked: CheckedFramework[] = []
  for (const entry of valid) {
    const { framework } = entry
    const previous = framework.previousVersion ? byVersion.get(`${framework.key}@${framework.previousVersion}`)?.framework : undefined
    const lineage = lineageProblems(previous, framework)
    problems.push(...lineage.map((problem) => ({ file: entry.file, line: entry.lineOf(problem.path), message: problem.message })))
    if (lineage.length === 0) checked.push({ file: entry.file, source: entry.source, framework })
  }
  return { frameworks: checked, problems }
}

export function formatProblems(problems: FileProblem[]): string {
  return problems.map((problem) => `${problem.file}:${problem.line}: ${problem.message}`).join('\n')
}
