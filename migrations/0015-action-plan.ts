import { DataTypes, QueryInterface, QueryTypes } from 'sequelize'

const userId = { type: DataTypes.INTEGER, allowNull: true, references: { model: 'users', key: 'id' }, onDelete: 'SET NULL' }
const actionId = { type: DataTypes.INTEGER, allowNull: false, references: { model: 'actions', key: 'id' }, onDelete: 'CASCADE' }
const timestamps = { created_at: { type: DataTypes.DATE, allowNull: false }, updated_at: { type: DataTypes.DATE, allowNull: false } }

/**
 * One outcome-focused action plan for the partnership. Every action, whatever produced it, is a
 * row of `actions`; `action_sources` links it back to what produced it (an organisation's area for
 * improvement, a suggested action it accepted, a QA challenge, a case audit, a review's
 * recommendation…), so one action can answer several sources instead of being duplicated.
 * The case audit workshops' actions (audit_actions) move into the plan.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  // Reviews the business unit enters: Rapid Reviews, CSPRs, thematic reviews, inspections.
  await qi.createTable('plan_reviews', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    partnership_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'partnerships', key: 'id' }, onDelete: 'CASCADE' },
    kind: { type: DataTypes.STRING(30), allowNull: false },
    name: { type: DataTypes.STRING(200), allowNull: false },
    held_on: { type: DataTypes.DATEONLY, allowNull: false },
    summary: { type: DataTypes.TEXT, allowNull: true },
    created_by_id: userId,
    ...timestamps,
  })
  await qi.addIndex('plan_reviews', ['partnership_id', 'held_on'])
  await qi.createTable('plan_review_recommendations', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    review_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'plan_reviews', key: 'id' }, onDelete: 'CASCADE' },
    number: { type: DataTypes.INTEGER, allowNull: false },
    text: { type: DataTypes.TEXT, allowNull: false },
  })
  await qi.addIndex('plan_review_recommendations', ['review_id', 'number'], { unique: true })

  await qi.createTable('actions', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    partnership_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'partnerships', key: 'id' }, onDelete: 'CASCADE' },
    title: { type: DataTypes.STRING(200), allowNull: false },
    outcome_sought: { type: DataTypes.TEXT, allowNull: false },
    why_it_matters: { type: DataTypes.TEXT, allowNull: true },
    // Required before the action can move from Draft to Active (checked in the service).
    deliverable: { type: DataTypes.TEXT, allowNull: true },
    // A draft brought in from a source may not have an owner organisation yet; an active one must.
    owner_organisation_id: { type: DataTypes.INTEGER, allowNull: true, references: { model: 'organisations', key: 'id' }, onDelete: 'SET NULL' },
    owner_name: { type: DataTypes.STRING(200), allowNull: false },
    area_id: { type: DataTypes.INTEGER, allowNull: true, references: { model: 'areas', key: 'id' }, onDelete: 'SET NULL' },
    starts_on: { type: DataTypes.DATEONLY, allowNull: false },
    due_on: { type: DataTypes.DATEONLY, allowNull: false },
    status: { type: DataTypes.STRING(20), allowNull: false },
    priority: { type: DataTypes.STRING(10), allowNull: false },
    closed_reason: { type: DataTypes.TEXT, allowNull: true },
    signed_off_by_id: userId,
    signed_off_at: { type: DataTypes.DATE, allowNull: true },
    // The latest progress update, kept here so "no update in 60 days" is one indexed query.
    last_update_at: { type: DataTypes.DATE, allowNull: true },
    // Bumped by every change to the action itself: a save made from an older copy is refused.
    version: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 1 },
    created_by_id: userId,
    ...timestamps,
  })
  await qi.addIndex('actions', ['partnership_id', 'status', 'due_on'])
  await qi.addIndex('actions', ['owner_organisation_id'])

  await qi.createTable('action_sources', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    action_id: actionId,
    kind: { type: DataTypes.STRING(30), allowNull: false },
    source_id: { type: DataTypes.INTEGER, allowNull: false },
    created_at: { type: DataTypes.DATE, allowNull: false },
  })
  await qi.addIndex('action_sources', ['action_id', 'kind', 'source_id'], { unique: true })
  await qi.addIndex('action_sources', ['kind', 'source_id'])

  await qi.createTable('action_themes', {
    action_id: { ...actionId, primaryKey: true },
    theme_id: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true, references: { model: 'themes', key: 'id' }, onDelete: 'CASCADE' },
  })
  await qi.addIndex('action_themes', ['theme_id'])

  await qi.createTable('action_measures', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    action_id: actionId,
    position: { type: DataTypes.INTEGER, allowNull: false },
    name: { type: DataTypes.STRING(200), allowNull: false },
    unit: { type: DataTypes.STRING(30), allowNull: true },
    baseline: { type: DataTypes.DOUBLE, allowNull: false },
    target: { type: DataTypes.DOUBLE, allowNull: false },
    ...timestamps,
  })
  await qi.addIndex('action_measures', ['action_id'])
  await qi.createTable('action_measure_readings', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    measure_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'action_measures', key: 'id' }, onDelete: 'CASCADE' },
    read_on: { type: DataTypes.DATEONLY, allowNull: false },
    value: { type: DataTypes.DOUBLE, allowNull: false },
    note: { type: DataTypes.TEXT, allowNull: true },
    recorded_by_id: userId,
    created_at: { type: DataTypes.DATE, allowNull: false },
  })
  await qi.addIndex('action_measure_readings', ['measure_id', 'read_on'])

  // A dated progress update; a change of status or owner is recorded on the update that made it.
  await qi.createTable('action_updates', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    action_id: actionId,
    note: { type: DataTypes.TEXT, allowNull: false },
    status_before: { type: DataTypes.STRING(20), allowNull: true },
    status_after: { type: DataTypes.STRING(20), allowNull: true },
    previous_owner_organisation_id: { type: DataTypes.INTEGER, allowNull: true, references: { model: 'organisations', key: 'id' }, onDelete: 'SET NULL' },
    previous_owner_name: { type: DataTypes.STRING(200), allowNull: true },
    new_owner_organisation_id: { type: DataTypes.INTEGER, allowNull: true, references: { model: 'organisations', key: 'id' }, onDelete: 'SET NULL' },
    new_owner_name: { type: DataTypes.STRING(200), allowNull: true },
    handover_note: { type: DataTypes.TEXT, allowNull: true },
    written_by_id: userId,
    created_at: { type: DataTypes.DATE, allowNull: false },
  })
  await qi.addIndex('action_updates', ['action_id', 'created_at'])

  // Evidence of progress, tagged as City & Hackney do (seeds/003:94-100); text, with a file or not.
  await qi.createTable('action_evidence', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    action_id: actionId,
    tag: { type: DataTypes.STRING(12), allowNull: false },
    description: { type: DataTypes.TEXT, allowNull: false },
    file_name: { type: DataTypes.STRING(200), allowNull: true },
    file_type: { type: DataTypes.STRING(20), allowNull: true },
    size_bytes: { type: DataTypes.INTEGER, allowNull: true },
    sha256: { type: DataTypes.STRING(64), allowNull: true },
    content: { type: DataTypes.BLOB, allowNull: true },
    added_by_id: userId,
    created_at: { type: DataTypes.DATE, allowNull: false },
  })
  await qi.addIndex('action_evidence', ['action_id'])

  await qi.createTable('action_escalations', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    action_id: actionId,
    reason: { type: DataTypes.STRING(20), allowNull: false },
    note: { type: DataTypes.TEXT, allowNull: false },
    escalated_by_id: userId,
    escalated_at: { type: DataTypes.DATE, allowNull: false },
    response: { type: DataTypes.TEXT, allowNull: true },
    responded_by_id: userId,
    responded_at: { type: DataTypes.DATE, allowNull: true },
  })
  await qi.addIndex('action_escalations', ['action_id'])

  await moveAuditActionsIntoThePlan(qi)
  await qi.dropTable('audit_actions')
}

interface AuditActionRow {
  id: number
  case_id: number
  partnership_id: number
  title: string
  outcome_sought: string
  owner_organisation_id: number | null
  owner_name: string
  due_on: string
  created_by_id: number | null
  created_at: string | Date
  updated_at: string | Date
}

/** Each workshop action becomes a draft action of its round's partnership, its source the case. */
async function moveAuditActionsIntoThePlan(qi: QueryInterface): Promise<void> {
  const rows = await qi.sequelize.query<AuditActionRow>(
    `SELECT a.id, a.case_id, r.partnership_id, a.title, a.outcome_sought, a.owner_organisation_id, a.owner_name, a.due_on, a.created_by_id, a.created_at, a.updated_at
       FROM audit_actions a JOIN audit_cases c ON c.id = a.case_id JOIN audit_rounds r ON r.id = c.round_id ORDER BY a.id`,
    { type: QueryTypes.SELECT },
  )
  for (const row of rows) {
    const createdAt = new Date(row.created_at)
    await qi.bulkInsert('actions', [
      {
        partnership_id: row.partnership_id,
        title: row.title,
        outcome_sought: row.outcome_sought,
        owner_organisation_id: row.owner_organisation_id,
        owner_name: row.owner_name,
        starts_on: createdAt.toISOString().slice(0, 10),
        due_on: row.due_on,
        status: 'draft',
        priority: 'medium',
        version: 1,
        created_by_id: row.created_by_id,
        created_at: createdAt,
        updated_at: new Date(row.updated_at),
      },
    ])
    const [{ id }] = await qi.sequelize.query<{ id: number }>('SELECT MAX(id) AS id FROM actions', { type: QueryTypes.SELECT })
    await qi.bulkInsert('action_sources', [{ action_id: id, kind: 'audit_case', source_id: row.case_id, created_at: createdAt }])
  }
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable('audit_actions', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    case_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'audit_cases', key: 'id' }, onDelete: 'CASCADE' },
    title: { type: DataTypes.STRING(200), allowNull: false },
    outcome_sought: { type: DataTypes.TEXT, allowNull: false },
    owner_organisation_id: { type: DataTypes.INTEGER, allowNull: true, references: { model: 'organisations', key: 'id' }, onDelete: 'SET NULL' },
    owner_name: { type: DataTypes.STRING(200), allowNull: false },
    due_on: { type: DataTypes.DATEONLY, allowNull: false },
    created_by_id: userId,
    ...timestamps,
  })
  await qi.addIndex('audit_actions', ['case_id'])
  await qi.sequelize.query(
    `INSERT INTO audit_actions (case_id, title, outcome_sought, owner_organisation_id, owner_name, due_on, created_by_id, created_at, updated_at)
     SELECT s.source_id, a.title, a.outcome_sought, a.owner_organisation_id, a.owner_name, a.due_on, a.created_by_id, a.created_at, a.updated_at
       FROM actions a JOIN action_sources s ON s.action_id = a.id AND s.kind = 'audit_case' ORDER BY a.id`,
  )
  for (const table of ['action_escalations', 'action_evidence', 'action_updates', 'action_measure_readings', 'action_measures', 'action_themes', 'action_sources', 'actions', 'plan_review_recommendations', 'plan_reviews']) {
    await qi.dropTable(table)
  }
}
