import { QueryTypes, Sequelize } from 'sequelize'
import { respondedStatuses } from '../db/models/assessmentReturn.model'

/** Which organisations count: the same filters on every QA view. */
export interface OrganisationFilters {
  areaId?: number
  sector?: string
  role?: string
  tier?: string
}

/**
 * The SQL that picks a cycle's responding returns whose organisations match the filters, with its
 * replacements; each QA view joins its own table to it. One place, so every view counts the same way.
 */
export function cycleReturnsSql(cycleId: number, filters: OrganisationFilters) {
  const conditions = ['cr.cycle_id = :cycleId', 'cr.withdrawn_at IS NULL', 'r.status IN (:responded)']
  if (filters.sector) conditions.push('o.sector_key = :sector')
  if (filters.role) conditions.push('o.role = :role')
  if (filters.tier) conditions.push('o.size_tier = :tier')
  if (filters.areaId) conditions.push('EXISTS (SELECT 1 FROM organisation_areas oa WHERE oa.organisation_id = o.id AND oa.area_id = :areaId)')
  return {
    from: 'cycle_returns cr JOIN returns r ON r.id = cr.return_id JOIN organisations o ON o.id = r.organisation_id',
    where: conditions.join(' AND '),
    replacements: { cycleId, responded: respondedStatuses, ...filters },
  }
}

/** How many of the cycle's (filtered) responding organisations got each rating, per standard: one aggregate query. */
export async function ratingCounts(sequelize: Sequelize, cycleId: number, filters: OrganisationFilters): Promise<Map<string, Map<string, number>>> {
  const { from, where, replacements } = cycleReturnsSql(cycleId, filters)
  const rows = (await sequelize.query(
    `SELECT rr.standard_key AS "standardKey", rr.rating AS "rating", COUNT(*) AS "count" FROM ${from} JOIN return_ratings rr ON rr.return_id = r.id WHERE ${where} GROUP BY rr.standard_key, rr.rating`,
    { replacements, type: QueryTypes.SELECT },
  )) as { standardKey: string; rating: string; count: number | string }[]
  const counts = new Map<string, Map<string, number>>()
  for (const row of rows) {
    if (!counts.has(row.standardKey)) counts.set(row.standardKey, new Map())
    counts.get(row.standardKey)!.set(row.rating, Number(row.count))
  }
  return counts
}
