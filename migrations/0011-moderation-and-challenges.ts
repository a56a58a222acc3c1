import { DataTypes, QueryInterface } from 'sequelize'

const userId = { type: DataTypes.INTEGER, allowNull: true, references: { model: 'users', key: 'id' }, onDelete: 'SET NULL' }

/**
 * QA moderation: a reviewer's moderated score sits beside the self-score (which is kept), with the
 * reason; challenges are questions to the organisation on a standard or criterion, answered and
 * then closed or kept open; a return sent back for changes keeps the reason.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.addColumn('return_answers', 'moderated_score', { type: DataTypes.INTEGER, allowNull: true })
  await qi.addColumn('return_answers', 'moderation_reason', { type: DataTypes.TEXT, allowNull: true })
  await qi.addColumn('return_answers', 'moderated_by_id', userId)
  await qi.addColumn('return_answers', 'moderated_at', { type: DataTypes.DATE, allowNull: true })
  await qi.addColumn('returns', 'returned_reason', { type: DataTypes.TEXT, allowNull: true })
  // Counts from each result's outcome, so the review queue can filter by flags without reading every outcome.
  await qi.addColumn('scoring_results', 'flag_count', { type: DataTypes.INTEGER, allowNull: true })
  await qi.addColumn('scoring_results', 'serious_flag_count', { type: DataTypes.INTEGER, allowNull: true })
  await qi.createTable('challenges', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    return_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'returns', key: 'id' }, onDelete: 'CASCADE' },
    standard_key: { type: DataTypes.STRING(60), allowNull: false },
    criterion_key: { type: DataTypes.STRING(60), allowNull: true },
    question: { type: DataTypes.TEXT, allowNull: false },
    status: { type: DataTypes.STRING(10), allowNull: false },
    raised_by_id: userId,
    answer: { type: DataTypes.TEXT, allowNull: true },
    answer_evidence_file_id: { type: DataTypes.INTEGER, allowNull: true, references: { model: 'evidence_files', key: 'id' }, onDelete: 'SET NULL' },
    answered_by_id: userId,
    answered_at: { type: DataTypes.DATE, allowNull: true },
    closed_by_id: userId,
    closed_at: { type: DataTypes.DATE, allowNull: true },
    created_at: { type: DataTypes.DATE, allowNull: false },
    updated_at: { type: DataTypes.DATE, allowNull: false },
  })
  await qi.addIndex('challenges', ['return_id', 'status'])
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable('challenges')
  await qi.removeColumn('scoring_results', 'serious_flag_count')
  await qi.removeColumn('scoring_results', 'flag_count')
  await qi.removeColumn('returns', 'returned_reason')
  for (const column of ['moderated_at', 'moderated_by_id', 'moderation_reason', 'moderated_score']) await qi.removeColumn('return_answers', column)
}
