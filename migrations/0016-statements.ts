import { DataTypes, QueryInterface } from 'sequelize'

const userId = { type: DataTypes.INTEGER, allowNull: true, references: { model: 'users', key: 'id' }, onDelete: 'SET NULL' }

/**
 * Child Safeguarding Statements (the Irish Children First Act 2015 model adopted by City & Hackney).
 * Every version an organisation writes for a partnership is a row; only one is 'approved' (the
 * published, current one) at a time, the ones it replaced become 'superseded' and stay as history.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable('statements', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    organisation_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'organisations', key: 'id' }, onDelete: 'CASCADE' },
    partnership_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'partnerships', key: 'id' }, onDelete: 'CASCADE' },
    version: { type: DataTypes.INTEGER, allowNull: false },
    status: { type: DataTypes.STRING(12), allowNull: false },
    // JSON: service, principles, risks, procedures, relevantPersons (server/statements/content.ts).
    content: { type: DataTypes.TEXT, allowNull: false },
    signed_by_name: { type: DataTypes.STRING(200), allowNull: true },
    signed_by_role: { type: DataTypes.STRING(200), allowNull: true },
    signed_at: { type: DataTypes.DATE, allowNull: true },
    effective_on: { type: DataTypes.DATEONLY, allowNull: true },
    review_on: { type: DataTypes.DATEONLY, allowNull: true },
    // The statement this one started from; no foreign key so versions can be removed independently.
    based_on_id: { type: DataTypes.INTEGER, allowNull: true },
    return_reason: { type: DataTypes.TEXT, allowNull: true },
    submitted_by_id: userId,
    decided_by_id: userId,
    submitted_at: { type: DataTypes.DATE, allowNull: true },
    decided_at: { type: DataTypes.DATE, allowNull: true },
    published_at: { type: DataTypes.DATE, allowNull: true },
    superseded_at: { type: DataTypes.DATE, allowNull: true },
    // Bumped by every save: a save made from an older copy is refused.
    lock_version: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 1 },
    created_by_id: userId,
    created_at: { type: DataTypes.DATE, allowNull: false },
    updated_at: { type: DataTypes.DATE, allowNull: false },
  })
  await qi.addIndex('statements', ['partnership_id', 'status'])
  await qi.addIndex('statements', ['organisation_id', 'partnership_id', 'version'], { unique: true })
  await qi.addIndex('statements', ['status', 'review_on'])
  // At most one published (approved) statement per organisation and partnership, whatever the code does.
  await qi.addIndex('statements', ['organisation_id', 'partnership_id'], { unique: true, where: { status: 'approved' }, name: 'statements_one_approved' })
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable('statements')
}
