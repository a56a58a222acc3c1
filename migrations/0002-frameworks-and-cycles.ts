import { DataTypes, QueryInterface } from 'sequelize'

const id = { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true }
const createdAt = { created_at: { type: DataTypes.DATE, allowNull: false } }
const timestamps = { ...createdAt, updated_at: { type: DataTypes.DATE, allowNull: false } }

function references(table: string, onDelete: 'CASCADE' | 'RESTRICT' | 'SET NULL' = 'RESTRICT') {
  return { references: { model: table, key: 'id' }, onDelete, onUpdate: 'CASCADE' }
}

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable('framework_versions', {
    id,
    key: { type: DataTypes.STRING(60), allowNull: false },
    version: { type: DataTypes.STRING(60), allowNull: false },
    title: { type: DataTypes.STRING(200), allowNull: false },
    source: { type: DataTypes.TEXT, allowNull: false },
    source_hash: { type: DataTypes.STRING(64), allowNull: false },
    definition: { type: DataTypes.TEXT, allowNull: false },
    origin: { type: DataTypes.STRING(10), allowNull: false },
    partnership_id: { type: DataTypes.INTEGER, allowNull: true, ...references('partnerships', 'CASCADE') },
    uploaded_by_id: { type: DataTypes.INTEGER, allowNull: true, ...references('users', 'SET NULL') },
    ...timestamps,
  })
  await qi.addIndex('framework_versions', ['key', 'version'], { unique: true })

  await qi.createTable('cycles', {
    id,
    partnership_id: { type: DataTypes.INTEGER, allowNull: false, ...references('partnerships', 'CASCADE') },
    framework_version_id: { type: DataTypes.INTEGER, allowNull: false, ...references('framework_versions') },
    name: { type: DataTypes.STRING(100), allowNull: false },
    opens_on: { type: DataTypes.DATEONLY, allowNull: false },
    closes_on: { type: DataTypes.DATEONLY, allowNull: false },
    selection: { type: DataTypes.TEXT, allowNull: false },
    issued_by_id: { type: DataTypes.INTEGER, allowNull: true, ...references('users', 'SET NULL') },
    ...timestamps,
  })
  await qi.addIndex('cycles', ['partnership_id', 'name'], { unique: true })

  await qi.createTable('returns', {
    id,
    organisation_id: { type: DataTypes.INTEGER, allowNull: false, ...references('organisations') },
    framework_version_id: { type: DataTypes.INTEGER, allowNull: false, ...references('framework_versions') },
    first_cycle_id: { type: DataTypes.INTEGER, allowNull: false, ...references('cycles') },
    status: { type: DataTypes.STRING(20), allowNull: false },
    submitted_at: { type: DataTypes.DATE, allowNull: true },
    ...timestamps,
  })
  await qi.addIndex('returns', ['organisation_id', 'framework_version_id'])
  await qi.addIndex('returns', ['first_cycle_id'])

  await qi.createTable('cycle_returns', {
    cycle_id: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true, ...references('cycles', 'CASCADE') },
    return_id: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true, ...references('returns', 'CASCADE') },
    due_on: { type: DataTypes.DATEONLY, allowNull: false },
    withdrawn_at: { type: DataTypes.DATE, allowNull: true },
    last_reminded_at: { type: DataTypes.DATE, allowNull: true },
    ...createdAt,
  })
  await qi.addIndex('cycle_returns', ['return_id'])

  await qi.createTable('email_outbox', {
    id,
    to_address: { type: DataTypes.STRING(320), allowNull: false },
    subject: { type: DataTypes.STRING(300), allowNull: false },
    body: { type: DataTypes.TEXT, allowNull: false },
    sent_at: { type: DataTypes.DATE, allowNull: true },
    attempts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    last_error: { type: DataTypes.STRING(500), allowNull: true },
    ...createdAt,
  })
  await qi.addIndex('email_outbox', ['sent_at'])
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  for (const table of ['email_outbox', 'cycle_returns', 'returns', 'cycles', 'framework_versions']) await qi.dropTable(table)
}
