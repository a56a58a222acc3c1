import { DataTypes, QueryInterface, QueryTypes } from 'sequelize'

/**
 * Each return's current rating per standard, one row each, replaced whenever the return is scored:
 * comparisons and heatmaps across hundreds of organisations are then one SQL aggregate instead of
 * reading every stored outcome. Filled here from the latest result of every return scored so far.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable('return_ratings', {
    return_id: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true, references: { model: 'returns', key: 'id' }, onDelete: 'CASCADE' },
    standard_key: { type: DataTypes.STRING(60), allowNull: false, primaryKey: true },
    rating: { type: DataTypes.STRING(60), allowNull: false },
    scoring_result_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'scoring_results', key: 'id' }, onDelete: 'CASCADE' },
  })
  await qi.addIndex('return_ratings', ['standard_key', 'rating'])
  const latest = (await qi.sequelize.query(
    'SELECT id, return_id, outcome FROM scoring_results WHERE id IN (SELECT MAX(id) FROM scoring_results GROUP BY return_id) AND outcome IS NOT NULL',
    { type: QueryTypes.SELECT },
  )) as { id: number; return_id: number; outcome: string }[]
  const rows = latest.flatMap((result) =>
    (JSON.parse(result.outcome) as { ratings: { standardKey: string; rating: string }[] }).ratings.map((rating) => ({ return_id: result.return_id, standard_key: rating.standardKey, rating: rating.rating, scoring_result_id: result.id })),
  )
  if (rows.length) await qi.bulkInsert('return_ratings', rows)
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable('return_ratings')
}
