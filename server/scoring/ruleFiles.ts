import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { projectRoot } from '../paths'
import type { Framework } from '../standards/frameworkSchema'
import { checkRuleSet } from './checkRuleSet'
import type { RuleSet } from './ruleSetSchema'

export const rulesDir = path.join(projectRoot, 'rules')

export interface RuleFile {
  file: string
  source: string
}

export interface CheckedRuleFile extends RuleFile {
  ruleSet: RuleSet
  framework: Framework
}

/** The shipped rule sets: rules/<framework>.<version>.json. */
export function readRuleFiles(dir = rulesDir): RuleFile[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => ({ file: path.relative(projectRoot, path.join(dir, name)), source: readFileSync(path.join(dir, name), 'utf8') }))
}

/**
 * Checks every rule file against the framework version its name gives, as `file: message` lines.
 * Every framework version must have a rule set, so no shipped framework goes unscored.
 */
export function checkRuleFiles(files: RuleFile[], frameworks: Framework[]): { checked: CheckedRuleFile[]; problems: string[] } {
  const problems: string[] = []
  const checked: CheckedRuleFile[] = []
  for (const file of files) {
    const name = path.basename(file.file, '.json')
    const framework = frameworks.find((candidate) => `${candidate.key}.${candidate.version}` === name)
    if (!framework) {
      problems.push(`${file.file}: no framework version ${name} in standards/ (name a rule file <framework>.<version>.json)`)
      continue
    }
    const result = checkRuleSet(file.source, framework)
    if (result.ok) checked.push({ ...file, ruleSet: result.ruleSet, framework })
    else problems.push(...result.problems.map((problem) => `${file.file}: ${problem}`))
  }
  for (const framework of frameworks) {
    const name = `${framework.key}.${framework.version}`
    if (!files.some((file) => path.basename(file.file, '.json') === name)) problems.push(`rules/${name}.json: missing; every shipped framework version needs a rule set`)
  }
  return { checked, problems }
}
