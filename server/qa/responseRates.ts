import { QueryTypes, Sequelize } from 'sequelize'
import { respondedStatuses } from '../db/models/assessmentReturn.model'

export type RateGrouping = 'sector' | 'role' | 'area'

export interface ResponseRateTrend {
  cycles: { id: number; name: string }[]
  /** One row per group (a sector, role or area), with each cycle's invited, responded and rate (null when none invited). */
  rows: { group: string; cells: { invited: number; responded: number; rate: number | null }[] }[]
  overall: { invited: number; responded: number; rate: number | null }[]
}

const GROUP_SQL: Record<RateGrouping, { select: string; join: string }> = {
  sector: { select: 'o.sector_key', join: '' },
  role: { select: 'o.role', join: '' },
  area: { select: 'a.name', join: 'JOIN organisation_areas oa ON oa.organisation_id = o.id JOIN areas a ON a.id = oa.area_id AND a.partnership_id = :partnershipId' },
}

/**
 * Response rates of a partnership's cycles, oldest first, overall and by sector, role or area: who
 * is engaging and who is not, as a trend. One aggregate query; withdrawn returns are not counted.
 */
export async function responseRates(sequelize: Sequelize, partnershipId: number, grouping: RateGrouping, labelOf: (key: string) => string): Promise<ResponseRateTrend> {
  const { select, join } = GROUP_SQL[grouping]
  const rows = (await sequelize.query(
    `SELECT c.id AS "cycleId", c.name AS "cycleName", c.opens_on AS "opensOn", ${select} AS "groupKey", COUNT(*) AS "invited",
       SUM(CASE WHEN r.status IN (:responded) THEN 1 ELSE 0 END) AS "responded"
     FROM cycles c JOIN cycle_returns cr ON cr.cycle_id = c.id AND cr.withdrawn_at IS NULL JOIN returns r ON r.id = cr.return_id JOIN organisations o ON o.id = r.organisation_id ${join}
     WHERE c.partnership_id = :partnershipId
     GROUP BY c.id, c.name, c.opens_on, ${select}`,
    { replacements: { partnershipId, responded: respondedStatuses }, type: QueryTypes.SELECT },
  )) as { cycleId: number; cycleName: string; opensOn: string; groupKey: string; invited: number | string; responded: number | string }[]
  const cycles = [...new Map(rows.map((row) => [Number(row.cycleId), { id: Number(row.cycleId), name: row.cycleName, opensOn: String(row.opensOn) }])).values()].sort((a, b) => a.opensOn.localeCompare(b.opensOn) || a.id - b.id)
  const rate = (invited: number, responded: number) => ({ invited, responded, rate: invited ? Math.round((100 * responded) / invited) : null })
  const groups = [...new Set(rows.map((row) => row.groupKey))].sort((a, b) => labelOf(a).localeCompare(labelOf(b)))
  const cell = (cycleId: number, group?: string) => {
    const matching = rows.filter((row) => Number(row.cycleId) === cycleId && (group === undefined || row.groupKey === group))
    return rate(matching.reduce((sum, row) => sum + Number(row.invited), 0), matching.reduce((sum, row) => sum + Number(row.responded), 0))
  }
  return {
    cycles: cycles.map(({ id, name }) => ({ id, name })),
    rows: groups.map((group) => ({ group: labelOf(group), cells: cycles.map((cycle) => cell(cycle.id, group)) })),
    // An organisation in two areas is in two area rows, so the overall rate is counted by role instead.
    overall: grouping === 'area' ? (await responseRates(sequelize, partnershipId, 'role', labelOf)).overall : cycles.map((cycle) => cell(cycle.id)),
  }
}
