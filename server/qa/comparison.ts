import type { Sequelize } from 'sequelize'
import { Cycle, FrameworkVersion } from '../db/models'
import { InvalidInputError } from '../errors'
import type { Framework } from '../standards/frameworkSchema'
import { criterionOrigins } from '../standards/lineage'
import { OrganisationFilters, ratingCounts } from './ratingCounts'

export interface RatingShare {
  counts: { rating: string; count: number; percent: number }[]
  total: number
  /** Whole per cent given the best rating (e.g. Fully met). */
  percentBest: number
}

export interface ComparisonRow {
  standardKey: string
  title: string
  /** compared: in both versions; new: only now; retired: only then. Never dropped silently. */
  status: 'compared' | 'new' | 'retired'
  /** How the standard's criteria changed between the versions, in words. */
  changes: string[]
  now?: RatingShare
  then?: RatingShare
  change?: 'improved' | 'same' | 'declined'
  /** Percentage points of the best rating, now less then. */
  pointsChange?: number
}

/** A cycle of the partnership, with the id, key, version and title of its framework version (its definition is read with the lineage). */
export type ComparedCycle = Cycle & { frameworkVersion: Pick<FrameworkVersion, 'id' | 'key' | 'version' | 'title'> }

export interface Comparison {
  cycle: ComparedCycle
  earlier: ComparedCycle
  ratingLabels: string[]
  rows: ComparisonRow[]
}

function share(counts: Map<string, number> | undefined, labels: string[]): RatingShare {
  const total = labels.reduce((sum, label) => sum + (counts?.get(label) ?? 0), 0)
  const percent = (count: number) => (total ? Math.round((100 * count) / total) : 0)
  return { counts: labels.map((rating) => ({ rating, count: counts?.get(rating) ?? 0, percent: percent(counts?.get(rating) ?? 0) })), total, percentBest: percent(counts?.get(labels[0]) ?? 0) }
}

/** The versions from the one with this id back through previousVersion, newest first, read in one query. */
async function versionChain(key: string, versionId: number): Promise<FrameworkVersion[]> {
  const all = await FrameworkVersion.findAll({ where: { key }, attributes: ['id', 'key', 'version', 'definition'] })
  const version = all.find((candidate) => candidate.id === versionId)
  if (!version) return []
  const chain = [version]
  for (let previous = version.definition.previousVersion; previous; ) {
    const found = all.find((candidate) => candidate.version === previous && !chain.includes(candidate))
    if (!found) break
    chain.push(found)
    previous = found.definition.previousVersion
  }
  return chain
}

/** Words for what happened to a standard's criteria across consecutive versions (renamed, split, merged, new, retired). */
function lineageNotes(chain: Framework[], standardKey: string): string[] {
  const notes: string[] = []
  for (let index = 0; index < chain.length - 1; index++) {
    const [next, previous] = [chain[index], chain[index + 1]]
    const { origins, retired } = criterionOrigins(previous, next)
    const criteria = next.standards.find((standard) => standard.key === standardKey)?.criteria ?? []
    for (const criterion of criteria) {
      const origin = origins.get(criterion.key)
      if (origin?.change === 'renamed') notes.push(`${criterion.key} was ${origin.from[0]} in ${previous.version}`)
      if (origin?.change === 'split') notes.push(`${criterion.key} was split from ${origin.from[0]} in ${next.version}`)
      if (origin?.change === 'merged') notes.push(`${criterion.key} merges ${origin.from.join(' and ')} from ${previous.version}`)
      if (origin?.change === 'new') notes.push(`${criterion.key} is new in ${next.version}`)
    }
    const previousCriteria = previous.standards.find((standard) => standard.key === standardKey)?.criteria ?? []
    for (const key of retired.filter((retiredKey) => previousCriteria.some((criterion) => criterion.key === retiredKey))) notes.push(`${key} was retired in ${next.version}`)
  }
  return notes
}

/**
 * The framework versions from the cycle's back to the earlier cycle's, newest first; refused with a
 * clear message when the earlier cycle is not of an earlier version of the same framework (another
 * framework, or a later version).
 */
export async function comparableVersions(cycle: ComparedCycle, earlier: ComparedCycle): Promise<FrameworkVersion[]> {
  const chain = await versionChain(cycle.frameworkVersion.key, cycle.frameworkVersion.id)
  const earlierIndex = chain.findIndex((version) => version.id === earlier.frameworkVersion.id)
  if (earlierIndex < 0) {
    throw new InvalidInputError(
      'earlierCycleId',
      `${earlier.name} (${earlier.frameworkVersion.title} ${earlier.frameworkVersion.version}) cannot be compared with ${cycle.name} (${cycle.frameworkVersion.title} ${cycle.frameworkVersion.version}): only versions of the same framework, linked by their lineage, compare`,
    )
  }
  return chain.slice(0, earlierIndex + 1)
}

/**
 * A cycle's ratings per standard against an earlier cycle's: the number and share of organisations
 * at each rating, then and now, and whether the share at the best rating went up, down or stayed.
 * Only versions of one framework compare, through its lineage.
 */
export async function compareCycles(sequelize: Sequelize, cycle: ComparedCycle, earlier: ComparedCycle, filters: OrganisationFilters): Promise<Comparison> {
  // The counts are read alongside the versions: cycles that cannot be compared are a mistake seldom made.
  const [chain, now, then] = await Promise.all([comparableVersions(cycle, earlier), ratingCounts(sequelize, cycle.id, filters), ratingCounts(sequelize, earlier.id, filters)])
  const earlierIndex = chain.length - 1
  const current = chain[0].definition
  const previous = chain[earlierIndex].definition
  const labels = current.ratingScale.map((rating) => rating.label)
  const frameworks = chain.slice(0, earlierIndex + 1).map((version) => version.definition)
  const rows: ComparisonRow[] = current.standards.map((standard) => {
    const inEarlier = previous.standards.some((candidate) => candidate.key === standard.key)
    const base = { standardKey: standard.key, title: standard.title, changes: lineageNotes(frameworks, standard.key), now: share(now.get(standard.key), labels) }
    if (!inEarlier) return { ...base, status: 'new' }
    const thenShare = share(then.get(standard.key), labels)
    const pointsChange = base.now.percentBest - thenShare.percentBest
    return { ...base, status: 'compared', then: thenShare, pointsChange, change: pointsChange > 0 ? 'improved' : pointsChange < 0 ? 'declined' : 'same' }
  })
  for (const standard of previous.standards.filter((candidate) => !current.standards.some((standard) => standard.key === candidate.key))) {
    rows.push({ standardKey: standard.key, title: standard.title, status: 'retired', changes: [], then: share(then.get(standard.key), labels) })
  }
  return { cycle, earlier, ratingLabels: labels, rows }
}
