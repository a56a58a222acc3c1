import { DataTypes, QueryInterface } from 'sequelize'

/** A lock on an account ("email:…") or an address ("ip:…"): refused until locked_until. */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable('sign_in_locks', {
    subject: { type: DataTypes.STRING(400), primaryKey: true },
    locked_until: { type: DataTypes.DATE, allowNull: false },
  })
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable('sign_in_locks')
}
