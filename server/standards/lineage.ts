import type { Framework } from './frameworkSchema'
import type { Path } from './parseFramework'

export function criterionKeys(framework: Framework): string[] {
  return framework.standards.flatMap((standard) => standard.criteria.map((criterion) => criterion.key))
}

export type CriterionOrigin =
  | { change: 'unchanged' | 'renamed' | 'split' | 'merged'; from: string[] }
  | { change: 'new'; from: [] }

export interface CriterionOrigins {
  origins: ReadonlyMap<string, CriterionOrigin>
  retired: readonly string[]
}

const originsOfFrozen = new WeakMap<Framework, WeakMap<Framework, CriterionOrigins>>()

/**
 * For each criterion of `next`, the criteria of `previous` its answers and results continue from.
 * Stored definitions are frozen, so their answer is worked out once and remembered.
 */
export function criterionOrigins(previous: Framework, next: Framework): CriterionOrigins {
  if (!Object.isFrozen(previous) || !Object.isFrozen(next)) return workOutOrigins(previous, next)
  if (!originsOfFrozen.has(next)) originsOfFrozen.set(next, new WeakMap())
  const known = originsOfFrozen.get(next)!
  if (!known.has(previous)) known.set(previous, workOutOrigins(previous, next))
  return known.get(previous)!
}

function workOutOrigins(previous: Framework, next: Framework): CriterionOrigins {
  const previousKeys = new Set(criterionKeys(previous))
  const origins = new Map<string, CriterionOrigin>()
  const retired: string[] = []
  for (const entry of next.lineage) {
    if (entry.change === 'renamed') origins.set(entry.to, { change: 'renamed', from: [entry.from] })
    if (entry.change === 'split') for (const key of entry.into) origins.set(key, { change: 'split', from: [entry.from] })
    if (entry.change === 'merged') origins.set(entry.into, { change: 'merged', from: entry.from })
    if (entry.change === 'new') origins.set(entry.key, { change: 'new', from: [] })
    if (entry.change === 'retired') retired.push(entry.key)
  }
  for (const key of criterionKeys(next)) {
    if (!origins.has(key) && previousKeys.has(key)) origins.set(key, { change: 'unchanged', from: [key] })
  }
  return { origins, retired }
}

/**
 * Lineage must name real criteria and account for every change: each criterion of the previous
 * version is kept, renamed, split, merged or retired, and each criterion of this version is kept
 * or declared (renamed, split, merged or new). Otherwise comparisons across years would drop data.
 */
export function lineageProblems(previous: Framework | undefined, next: Framework): { path: Path; message: string }[] {
  if (!next.previousVersion) return []
  if (!previous) {
    return [{ path: ['previousVersion'], message: `Unknown previous version "${next.previousVersion}" of framework "${next.key}"` }]
  }
  const before = new Set(criterionKeys(previous))
  const after = new Set(criterionKeys(next))
  const problems: { path: Path; message: string }[] = []
  const accountedBefore = new Map<string, number>()
  const accountedAfter = new Map<string, number>()

  const fromPrevious = (key: string, path: Path, index: number) => {
    if (!before.has(key)) problems.push({ path, message: `Lineage points at "${key}", which is not a criterion of version ${previous.version}` })
    else if (accountedBefore.has(key)) problems.push({ path, message: `"${key}" already appears in lineage entry ${accountedBefore.get(key)! + 1}` })
    accountedBefore.set(key, index)
  }
  const inThis = (key: string, path: Path, index: number) => {
    if (!after.has(key)) problems.push({ path, message: `Lineage points at "${key}", which is not a criterion of version ${next.version}` })
    else if (accountedAfter.has(key)) problems.push({ path, message: `"${key}" already appears in lineage entry ${accountedAfter.get(key)! + 1}` })
    accountedAfter.set(key, index)
  }

  next.lineage.forEach((entry, index) => {
    const at = (...rest: Path): Path => ['lineage', index, ...rest]
    switch (entry.change) {
      case 'renamed':
        fromPrevious(entry.from, at('from'), index)
        inThis(entry.to, at('to'), index)
        break
      case 'split':
        fromPrevious(entry.from, at('from'), index)
        entry.into.forEach((key, i) => inThis(key, at('into', i), index))
        break
      case 'merged':
        entry.from.forEach((key, i) => fromPrevious(key, at('from', i), index))
        inThis(entry.into, at('into'), index)
        break
      case 'retired':
        fromPrevious(entry.key, at('key'), index)
        if (after.has(entry.key)) problems.push({ path: at('key'), message: `"${entry.key}" is retired but still a criterion of version ${next.version}` })
        break
      case 'new':
        inThis(entry.key, at('key'), index)
        if (before.has(entry.key)) problems.push({ path: at('key'), message: `"${entry.key}" is declared new but was a criterion of version ${previous.version}` })
        break
    }
  })

  for (const key of before) {
    if (!after.has(key) && !accountedBefore.has(key)) {
      problems.push({ path: ['lineage'], message: `Criterion "${key}" of version ${previous.version} is missing: declare it renamed, split, merged or retired` })
    }
  }
  for (const key of after) {
    if (!before.has(key) && !accountedAfter.has(key)) {
      problems.push({ path: ['lineage'], message: `Criterion "${key}" is not in version ${previous.version}: declare it new, or where it came from` })
    }
  }
  return problems
}

/**
 * For each criterion of `next`, the criteria of `earlier` it continues from, through every version
 * between them, each step by its own lineage: an organisation that skipped a year still starts
 * from its last return. Only the sources are followed, so a criterion that came from one earlier
 * criterion by several steps is "renamed" (or "unchanged", under its own key) and from several
 * "merged". Undefined when `next` does not lead back to `earlier` through `versions` (by version).
 */
export function originsAcrossVersions(earlier: Framework, next: Framework, versions: ReadonlyMap<string, Framework>): ReadonlyMap<string, CriterionOrigin> | undefined {
  const steps: [Framework, Framework][] = []
  for (let current = next; current.version !== earlier.version; ) {
    const before = current.previousVersion === undefined ? undefined : current.previousVersion === earlier.version ? earlier : versions.get(current.previousVersion)
    if (!before || steps.length >= versions.size + 1) return undefined
    steps.unshift([before, current])
    current = before
  }
  let origins: ReadonlyMap<string, CriterionOrigin> = new Map(criterionKeys(earlier).map((key) => [key, { change: 'unchanged', from: [key] }]))
  for (const [before, after] of steps) {
    const sourcesSoFar = origins
    origins = new Map(
      [...criterionOrigins(before, after).origins].map(([key, step]): [string, CriterionOrigin] => {
        if (steps.length === 1) return [key, step]
        const from = [...new Set(step.from.flatMap((source) => sourcesSoFar.get(source)?.from ?? []))]
        if (from.length === 0) return [key, { change: 'new', from: [] }]
        return [key, { change: from.length > 1 ? 'merged' : from[0] === key ? 'unchanged' : 'renamed', from }]
      }),
    )
  }
  return origins
}
