import type { Criterion, Framework } from './frameworkSchema'
import { criterionOrigins } from './lineage'

export interface ComparisonRow {
  change: 'unchanged' | 'reworded' | 'renamed' | 'split' | 'merged' | 'new' | 'retired'
  previous: Pick<Criterion, 'key' | 'text'>[]
  next?: Pick<Criterion, 'key' | 'text'>
}

function criteriaByKey(framework: Framework): Map<string, Criterion> {
  return new Map(framework.standards.flatMap((standard) => standard.criteria.map((criterion) => [criterion.key, criterion] as const)))
}

/** Side-by-side rows for two versions, in the order of the newer one, with retired criteria last. */
export function compareVersions(previous: Framework, next: Framework): ComparisonRow[] {
  const before = criteriaByKey(previous)
  const { origins, retired } = criterionOrigins(previous, next)
  const summary = (criterion: Criterion) => ({ key: criterion.key, text: criterion.text })
  const rows: ComparisonRow[] = []
  for (const criterion of criteriaByKey(next).values()) {
    const origin = origins.get(criterion.key)
    const sources = (origin?.from ?? []).map((key) => before.get(key)).filter((found): found is Criterion => Boolean(found))
    let change: ComparisonRow['change'] = origin?.change ?? 'new'
    if (change === 'unchanged' && sources[0]?.text !== criterion.text) change = 'reworded'
    rows.push({ change, previous: sources.map(summary), next: summary(criterion) })
  }
  for (const key of retired) {
    const criterion = before.get(key)
    if (criterion) rows.push({ change: 'retired', previous: [summary(criterion)] })
  }
  return rows
}
