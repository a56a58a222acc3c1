import { Document, LineCounter, isNode, parseDocument } from 'yaml'
import { Framework, frameworkSchema } from './frameworkSchema'

export type Path = (string | number)[]

export interface Problem {
  line: number
  message: string
}

export type ParseResult = { ok: true; framework: Framework; lineOf: (path: Path) => number } | { ok: false; problems: Problem[] }

function describe(path: Path): string {
  return path.length ? `${path.join('.')}: ` : ''
}

/** The line of the deepest YAML node that exists along the path (a missing key points at its parent). */
function lineLocator(document: Document, lineCounter: LineCounter) {
  return (path: Path): number => {
    for (let depth = path.length; depth >= 0; depth--) {
      const node = document.getIn(path.slice(0, depth), true)
      if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line
    }
    return 1
  }
}

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
  const lineCounter = new LineCounter()
  const document = parseDocument(source, { lineCounter, uniqueKeys: true, prettyErrors: false })
  if (document.errors.length) {
    return {
      ok: false,
      problems: document.errors.map((error) => ({
        line: lineCounter.linePos(error.pos[0]).line,
        message: error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, ''),
      })),
    }
  }
  const lineOf = lineLocator(document, lineCounter)
  const parsed = frameworkSchema.safeParse(document.toJS())
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const path = issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part))
      return { line: lineOf(path), message: `${describe(path)}${issue.message}` }
    })
    return { ok: false, problems: problems.sort((a, b) => a.line - b.line) }
  }
  const duplicates = duplicateKeyProblems(parsed.data)
  if (duplicates.length) {
    return { ok: false, problems: duplicates.map((problem) => ({ line: lineOf(problem.path), message: `${describe(problem.path)}${problem.message}` })) }
  }
  return { ok: true, framework: parsed.data, lineOf }
}
