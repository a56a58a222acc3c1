import { QueryTypes, Sequelize } from 'sequelize'
import { cycleReturnsSql, OrganisationFilters } from './ratingCounts'

export interface HeatmapRow {
  organisationId: number
  organisationName: string
  returnId: number
  /** By standard key: the rating now and, when the organisation was rated then too, the rating then. */
  cells: Map<string, { rating: string; earlier?: string }>
}

/** Each organisation's current rating per standard in a cycle (and in an earlier one, for the change): two aggregate-free queries. */
export async function heatmap(sequelize: Sequelize, cycleId: number, earlierCycleId: number | undefined, filters: OrganisationFilters): Promise<HeatmapRow[]> {
  const ratingsOf = async (id: number) => {
    const { from, where, replacements } = cycleReturnsSql(id, filters)
    return (await sequelize.query(
      `SELECT o.id AS "organisationId", o.name AS "organisationName", r.id AS "returnId", rr.standard_key AS "standardKey", rr.rating AS "rating" FROM ${from} JOIN return_ratings rr ON rr.return_id = r.id WHERE ${where}`,
      { replacements, type: QueryTypes.SELECT },
    )) as { organisationId: number; organisationName: string; returnId: number; standardKey: string; rating: string }[]
  }
  const [now, then] = await Promise.all([ratingsOf(cycleId), earlierCycleId ? ratingsOf(earlierCycleId) : Promise.resolve([])])
  const earlier = new Map(then.map((row) => [`${row.organisationId}:${row.standardKey}`, row.rating]))
  const rows = new Map<number, HeatmapRow>()
  for (const row of now) {
    if (!rows.has(row.organisationId)) rows.set(row.organisationId, { organisationId: row.organisationId, organisationName: row.organisationName, returnId: row.returnId, cells: new Map() })
    rows.get(row.organisationId)!.cells.set(row.standardKey, { rating: row.rating, earlier: earlier.get(`${row.organisationId}:${row.standardKey}`) })
  }
  return [...rows.values()]
}

/** Sorts rows by organisation name, or by one standard's rating (best first, or worst first), then name. */
export function sortHeatmap(rows: HeatmapRow[], sort: string, descending: boolean, ratingLabels: string[]): HeatmapRow[] {
  const rank = (row: HeatmapRow) => {
    const rating = row.cells.get(sort)?.rating
    const index = rating === undefined ? -1 : ratingLabels.indexOf(rating)
    return index < 0 ? ratingLabels.length : index
  }
  const sorted = [...rows].sort((a, b) => (sort === 'name' ? 0 : rank(a) - rank(b)) || a.organisationName.localeCompare(b.organisationName))
  return descending ? sorted.reverse() : sorted
}
