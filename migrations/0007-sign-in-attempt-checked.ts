import { DataTypes, QueryInterface } from 'sequelize'

/** When an attempt's password check finished: until then it counts against its account, not its address. */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.addColumn('sign_in_attempts', 'checked_at', { type: DataTypes.DATE, allowNull: true })
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.removeColumn('sign_in_attempts', 'checked_at')
}
