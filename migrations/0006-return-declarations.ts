import { DataTypes, QueryInterface } from 'sequelize'

/** The lead's declaration made on submitting a return. */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.addColumn('returns', 'declaration', { type: DataTypes.TEXT, allowNull: true })
  await qi.addColumn('returns', 'submitted_by_id', { type: DataTypes.INTEGER, allowNull: true, references: { model: 'users', key: 'id' }, onDelete: 'SET NULL' })
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.removeColumn('returns', 'submitted_by_id')
  await qi.removeColumn('returns', 'declaration')
}
