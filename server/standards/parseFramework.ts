import { Path, Problem, parseValidatedYaml } from './parseYaml'
import { Framework, frameworkSchema } from './frameworkSchema'

export type { Path, Problem }

export type ParseResult = { ok: true; framework: Framework; lineOf: (path: Path) => number } | { ok: false; problems: Problem[] }

/** Keys that must be unique within the framework: standards, criteria and questions share one namespace. */
function duplicateKeyProblems(framework: Framework): { path: Path; message: string }[] {
  const seen = new Map<string, string>()
  const problems: { path: Path; message: string }[] = []
  const claim = (key: string, path: Path, what: string) => {
    const first = seen.get(key)
    if (first) problems.push({ path: [...path, 'key'], message: `Duplicate key "${key}" (already used by ${first})` })
    else seen.set(key, what)
  }
  framework.standards.forEach((standard, s) => {
    claim(standard.key, ['standards', s], `standard ${standard.key}`)
    standard.criteria.forEach((criterion, c) => {
      claim(criterion.key, ['standards', s, 'criteria', c], `criterion ${criterion.key}`)
      criterion.questions.forEach((question, q) => claim(question.key, ['standards', s, 'criteria', c, 'questions', q], `question ${question.key}`))
    })
  })
  const values = new Set<number>()
  framework.scoreScale.levels.forEach((level, index) => {
    if (values.has(level.value)) problems.push({ path: ['scoreScale', 'levels', index, 'value'], message: `Duplicate score value ${level.value}` })
    values.add(level.value)
  })
  const ratings = new Set<string>()
  framework.ratingScale.forEach((rating, index) => {
    if (ratings.has(rating.key)) problems.push({ path: ['ratingScale', index, 'key'], message: `Duplicate rating key "${rating.key}"` })
    ratings.add(rating.key)
  })
  if (framework.lineage.length && !framework.previousVersion) {
    problems.push({ path: ['lineage'], message: 'Lineage needs previousVersion: the version it changes' })
  }
  return problems
}

/**
 * Parses and validates one framework version from YAML. Every problem carries the line it is on,
 * so a partnership editing the file (or uploading it) can find it.
 */
export function parseFramework(source: string): ParseResult {
  const result = parseValidatedYaml(source, frameworkSchema, duplicateKeyProblems)
  return result.ok ? { ok: true, framework: result.value, lineOf: result.lineOf } : result
}
