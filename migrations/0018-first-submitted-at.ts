import { DataTypes, QueryInterface } from 'sequelize'

/**
 * When a return was first submitted. `submitted_at` moves each time a return sent back for changes
 * is submitted again, so a return that came in on time and was later sent back looked late in the
 * organisation's history; timeliness now reads this. Existing returns take their submission time.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.addColumn('returns', 'first_submitted_at', { type: DataTypes.DATE, allowNull: true })
  await qi.sequelize.query('UPDATE returns SET first_submitted_at = submitted_at WHERE submitted_at IS NOT NULL')
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.removeColumn('returns', 'first_submitted_at')
}
