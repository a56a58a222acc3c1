import { DataTypes, QueryInterface } from 'sequelize'

const timestamps = {
  created_at: { type: DataTypes.DATE, allowNull: false },
  updated_at: { type: DataTypes.DATE, allowNull: false },
}

const id = { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true }

function references(table: string, onDelete: 'CASCADE' | 'RESTRICT' | 'SET NULL' = 'RESTRICT') {
  return { references: { model: table, key: 'id' }, onDelete, onUpdate: 'CASCADE' }
}

/** The fixed, extendable list of organisation sectors (a later migration can add rows). */
export const sectors: [string, string][] = [
  ['local-authority', 'Local authority'],
  ['health-commissioner', 'Health commissioner'],
  ['nhs-provider', 'NHS provider'],
  ['police', 'Police'],
  ['probation', 'Probation'],
  ['youth-justice', 'Youth justice'],
  ['education', 'Education (school, college or early years)'],
  ['voluntary-community', 'Voluntary and community'],
  ['faith', 'Faith'],
  ['sport-leisure', 'Sport and leisure'],
  ['out-of-school', 'Out-of-school setting'],
  ['social-housing', 'Social housing'],
  ['other', 'Other'],
]

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable('partnerships', {
    id,
    name: { type: DataTypes.STRING(200), allowNull: false },
    slug: { type: DataTypes.STRING(100), allowNull: false, unique: true },
    ...timestamps,
  })
  await qi.createTable('areas', {
    id,
    partnership_id: { type: DataTypes.INTEGER, allowNull: false, ...references('partnerships', 'CASCADE') },
    name: { type: DataTypes.STRING(200), allowNull: false },
    ...timestamps,
  })
  await qi.addIndex('areas', ['partnership_id', 'name'], { unique: true })

  await qi.createTable('sectors', {
    key: { type: DataTypes.STRING(50), primaryKey: true },
    label: { type: DataTypes.STRING(200), allowNull: false },
    sort_order: { type: DataTypes.INTEGER, allowNull: false },
  })
  await qi.bulkInsert(
    'sectors',
    sectors.map(([key, label], index) => ({ key, label, sort_order: index + 1 })),
  )

  await qi.createTable('organisations', {
    id,
    name: { type: DataTypes.STRING(200), allowNull: false },
    role: { type: DataTypes.STRING(40), allowNull: false },
    sector_key: { type: DataTypes.STRING(50), allowNull: false, references: { model: 'sectors', key: 'key' } },
    size_tier: { type: DataTypes.STRING(10), allowNull: false },
    active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
    ...timestamps,
  })
  await qi.addIndex('organisations', ['name'])
  await qi.createTable('organisation_partnerships', {
    organisation_id: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true, ...references('organisations', 'CASCADE') },
    partnership_id: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true, ...references('partnerships', 'CASCADE') },
  })
  await qi.createTable('organisation_areas', {
    organisation_id: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true, ...references('organisations', 'CASCADE') },
    area_id: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true, ...references('areas', 'CASCADE') },
  })

  await qi.createTable('users', {
    id,
    email: { type: DataTypes.STRING(320), allowNull: false, unique: true },
    name: { type: DataTypes.STRING(200), allowNull: false },
    password_hash: { type: DataTypes.STRING(300), allowNull: true },
    active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
    ...timestamps,
  })
  await qi.createTable('memberships', {
    id,
    user_id: { type: DataTypes.INTEGER, allowNull: false, ...references('users', 'CASCADE') },
    role: { type: DataTypes.STRING(40), allowNull: false },
    partnership_id: { type: DataTypes.INTEGER, allowNull: true, ...references('partnerships', 'CASCADE') },
    organisation_id: { type: DataTypes.INTEGER, allowNull: true, ...references('organisations', 'CASCADE') },
    ...timestamps,
  })
  await qi.addIndex('memberships', ['user_id'])

  await qi.createTable('invitations', {
    id,
    user_id: { type: DataTypes.INTEGER, allowNull: false, ...references('users', 'CASCADE') },
    token_hash: { type: DataTypes.STRING(64), allowNull: false, unique: true },
    expires_at: { type: DataTypes.DATE, allowNull: false },
    used_at: { type: DataTypes.DATE, allowNull: true },
    created_by_id: { type: DataTypes.INTEGER, allowNull: true, ...references('users', 'SET NULL') },
    ...timestamps,
  })

  await qi.createTable('sign_in_attempts', {
    id,
    email: { type: DataTypes.STRING(320), allowNull: false },
    ip: { type: DataTypes.STRING(64), allowNull: false },
    succeeded: { type: DataTypes.BOOLEAN, allowNull: false },
    created_at: { type: DataTypes.DATE, allowNull: false },
  })
  await qi.addIndex('sign_in_attempts', ['email', 'created_at'])
  await qi.addIndex('sign_in_attempts', ['ip', 'created_at'])

  await qi.createTable('audit_events', {
    id,
    actor_user_id: { type: DataTypes.INTEGER, allowNull: true, ...references('users', 'SET NULL') },
    partnership_id: { type: DataTypes.INTEGER, allowNull: true, ...references('partnerships', 'SET NULL') },
    action: { type: DataTypes.STRING(100), allowNull: false },
    entity_type: { type: DataTypes.STRING(60), allowNull: false },
    entity_id: { type: DataTypes.STRING(60), allowNull: true },
    before: { type: DataTypes.TEXT, allowNull: true },
    after: { type: DataTypes.TEXT, allowNull: true },
    created_at: { type: DataTypes.DATE, allowNull: false },
  })
  await qi.addIndex('audit_events', ['partnership_id', 'created_at'])

  // Shape required by connect-session-sequelize's default model.
  await qi.createTable('Sessions', {
    sid: { type: DataTypes.STRING(36), primaryKey: true },
    expires: { type: DataTypes.DATE, allowNull: true },
    data: { type: DataTypes.TEXT, allowNull: true },
    createdAt: { type: DataTypes.DATE, allowNull: false },
    updatedAt: { type: DataTypes.DATE, allowNull: false },
  })
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  for (const table of [
    'Sessions',
    'audit_events',
    'sign_in_attempts',
    'invitations',
    'memberships',
    'users',
    'organisation_areas',
    'organisation_partnerships',
    'organisations',
    'sectors',
    'areas',
    'partnerships',
  ]) {
    await qi.dropTable(table)
  }
}
