import { DataTypes, QueryInterface } from 'sequelize'

const id = { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true }
const userId = { type: DataTypes.INTEGER, allowNull: true, references: { model: 'users', key: 'id' }, onDelete: 'SET NULL' }
const returnId = { type: DataTypes.INTEGER, allowNull: false, references: { model: 'returns', key: 'id' }, onDelete: 'CASCADE' }
const timestamps = { created_at: { type: DataTypes.DATE, allowNull: false }, updated_at: { type: DataTypes.DATE, allowNull: false } }

/**
 * Scoring: rule sets (versions per framework version, immutable once stored), every scoring
 * result with the rule set that produced it, suggested actions an organisation accepted, and
 * rescoring jobs with their progress (so any instance, or the CLI, can resume one).
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable('rule_sets', {
    id,
    framework_version_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'framework_versions', key: 'id' }, onDelete: 'CASCADE' },
    version: { type: DataTypes.INTEGER, allowNull: false },
    source: { type: DataTypes.TEXT, allowNull: false },
    source_hash: { type: DataTypes.STRING(64), allowNull: false },
    origin: { type: DataTypes.STRING(10), allowNull: false },
    partnership_id: { type: DataTypes.INTEGER, allowNull: true, references: { model: 'partnerships', key: 'id' }, onDelete: 'SET NULL' },
    created_by_id: userId,
    published_at: { type: DataTypes.DATE, allowNull: true },
    published_by_id: userId,
    ...timestamps,
  })
  await qi.addIndex('rule_sets', ['framework_version_id', 'version'], { unique: true })
  await qi.createTable('scoring_jobs', {
    id,
    cycle_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'cycles', key: 'id' }, onDelete: 'CASCADE' },
    rule_set_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'rule_sets', key: 'id' } },
    status: { type: DataTypes.STRING(10), allowNull: false },
    total: { type: DataTypes.INTEGER, allowNull: false },
    done: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    failed: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    last_return_id: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    heartbeat_at: { type: DataTypes.DATE, allowNull: true },
    finished_at: { type: DataTypes.DATE, allowNull: true },
    created_by_id: userId,
    ...timestamps,
  })
  await qi.addIndex('scoring_jobs', ['cycle_id'])
  await qi.createTable('scoring_results', {
    id,
    return_id: returnId,
    rule_set_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'rule_sets', key: 'id' } },
    framework_version_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'framework_versions', key: 'id' } },
    trigger: { type: DataTypes.STRING(12), allowNull: false },
    scoring_job_id: { type: DataTypes.INTEGER, allowNull: true, references: { model: 'scoring_jobs', key: 'id' }, onDelete: 'SET NULL' },
    status: { type: DataTypes.STRING(10), allowNull: false },
    error: { type: DataTypes.TEXT, allowNull: true },
    outcome: { type: DataTypes.TEXT, allowNull: true },
    created_at: { type: DataTypes.DATE, allowNull: false },
  })
  await qi.addIndex('scoring_results', ['return_id', 'id'])
  await qi.addIndex('scoring_results', ['scoring_job_id'])
  await qi.createTable('accepted_actions', {
    id,
    return_id: returnId,
    action_key: { type: DataTypes.STRING(200), allowNull: false },
    scoring_result_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'scoring_results', key: 'id' } },
    outcome: { type: DataTypes.TEXT, allowNull: false },
    owner: { type: DataTypes.STRING(100), allowNull: false },
    due_on: { type: DataTypes.DATEONLY, allowNull: false },
    accepted_by_id: userId,
    created_at: { type: DataTypes.DATE, allowNull: false },
  })
  await qi.addIndex('accepted_actions', ['return_id', 'action_key'], { unique: true })
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable('accepted_actions')
  await qi.dropTable('scoring_results')
  await qi.dropTable('scoring_jobs')
  await qi.dropTable('rule_sets')
}
