import { Document, LineCounter, isNode, parseDocument } from 'yaml'
import type { z } from 'zod'

export type Path = (string | number)[]

export interface Problem {
  line: number
  message: string
}

export type YamlResult<T> = { ok: true; value: T; lineOf: (path: Path) => number } | { ok: false; problems: Problem[] }

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

/**
 * Parses YAML and validates it with a zod schema, then with `check` for what a schema cannot say
 * (unique keys, cross-references). Every problem carries the line it is on, so whoever edits or
 * uploads the file can find it.
 */
export function parseValidatedYaml<S extends z.ZodType>(source: string, schema: S, check: (value: z.output<S>) => { path: Path; message: string }[] = () => []): YamlResult<z.output<S>> {
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
  const parsed = schema.safeParse(document.toJS())
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const path = issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part))
      return { line: lineOf(path), message: `${describe(path)}${issue.message}` }
    })
    return { ok: false, problems: problems.sort((a, b) => a.line - b.line) }
  }
  const further = check(parsed.data)
  if (further.length) return { ok: false, problems: further.map((problem) => ({ line: lineOf(problem.path), message: `${describe(problem.path)}${problem.message}` })) }
  return { ok: true, value: parsed.data, lineOf }
}
