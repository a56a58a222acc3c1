import { DataTypes, QueryInterface } from 'sequelize'

const id = { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true }

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  /** One row per standard of a return: its status, and a version number that guards against lost updates. */
  await qi.createTable('return_sections', {
    return_id: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true, references: { model: 'returns', key: 'id' }, onDelete: 'CASCADE' },
    standard_key: { type: DataTypes.STRING(60), allowNull: false, primaryKey: true },
    status: { type: DataTypes.STRING(20), allowNull: false },
    version: { type: DataTypes.INTEGER, allowNull: false },
    updated_by_id: { type: DataTypes.INTEGER, allowNull: true, references: { model: 'users', key: 'id' }, onDelete: 'SET NULL' },
    updated_at: { type: DataTypes.DATE, allowNull: false },
  })
  await qi.createTable('return_answers', {
    id,
    return_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'returns', key: 'id' }, onDelete: 'CASCADE' },
    criterion_key: { type: DataTypes.STRING(60), allowNull: false },
    score: { type: DataTypes.INTEGER, allowNull: true },
    not_applicable: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    not_applicable_reason: { type: DataTypes.TEXT, allowNull: true },
    narrative: { type: DataTypes.TEXT, allowNull: true },
    question_answers: { type: DataTypes.TEXT, allowNull: false },
    carried_forward: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    updated_by_id: { type: DataTypes.INTEGER, allowNull: true, references: { model: 'users', key: 'id' }, onDelete: 'SET NULL' },
    created_at: { type: DataTypes.DATE, allowNull: false },
    updated_at: { type: DataTypes.DATE, allowNull: false },
  })
  await qi.addIndex('return_answers', ['return_id', 'criterion_key'], { unique: true })
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable('return_answers')
  await qi.dropTable('return_sections')
}
