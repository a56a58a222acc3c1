import { DataTypes, QueryInterface } from 'sequelize'

const id = { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true }
const returnId = { type: DataTypes.INTEGER, allowNull: false, references: { model: 'returns', key: 'id' }, onDelete: 'CASCADE' }
const userId = { type: DataTypes.INTEGER, allowNull: true, references: { model: 'users', key: 'id' }, onDelete: 'SET NULL' }

/**
 * Evidence files live in the database (several app instances share them), each attachable to
 * several criteria of its return; areas for improvement are rows per criterion.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable('evidence_files', {
    id,
    return_id: returnId,
    file_name: { type: DataTypes.STRING(200), allowNull: false },
    file_type: { type: DataTypes.STRING(20), allowNull: false },
    size_bytes: { type: DataTypes.INTEGER, allowNull: false },
    sha256: { type: DataTypes.STRING(64), allowNull: false },
    content: { type: DataTypes.BLOB, allowNull: false },
    uploaded_by_id: userId,
    created_at: { type: DataTypes.DATE, allowNull: false },
  })
  await qi.addIndex('evidence_files', ['return_id'])
  await qi.createTable('evidence_links', {
    evidence_file_id: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true, references: { model: 'evidence_files', key: 'id' }, onDelete: 'CASCADE' },
    criterion_key: { type: DataTypes.STRING(60), allowNull: false, primaryKey: true },
    return_id: returnId,
  })
  await qi.addIndex('evidence_links', ['return_id', 'criterion_key'])
  await qi.createTable('improvement_areas', {
    id,
    return_id: returnId,
    criterion_key: { type: DataTypes.STRING(60), allowNull: false },
    position: { type: DataTypes.INTEGER, allowNull: false },
    action: { type: DataTypes.TEXT, allowNull: false },
    owner: { type: DataTypes.STRING(200), allowNull: false },
    target_on: { type: DataTypes.DATEONLY, allowNull: false },
    updated_by_id: userId,
    created_at: { type: DataTypes.DATE, allowNull: false },
    updated_at: { type: DataTypes.DATE, allowNull: false },
  })
  await qi.addIndex('improvement_areas', ['return_id', 'criterion_key'])
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable('improvement_areas')
  await qi.dropTable('evidence_links')
  await qi.dropTable('evidence_files')
}
