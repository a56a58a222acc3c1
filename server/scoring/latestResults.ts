import type { WhereOptions } from 'sequelize'
import { ScoringResult } from '../db/models'

/** The id of each return's latest scoring result among those matching `where` (results are only ever added). */
export async function latestResultIds(where: WhereOptions<ScoringResult>): Promise<number[]> {
  const rows = (await ScoringResult.findAll({
    attributes: [[ScoringResult.sequelize!.fn('MAX', ScoringResult.sequelize!.col('id')), 'id']],
    where,
    group: ['return_id'],
    raw: true,
  })) as unknown as { id: number }[]
  return rows.map((row) => Number(row.id))
}
