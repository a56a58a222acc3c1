import { DataTypes, QueryInterface } from 'sequelize'

const userId = { type: DataTypes.INTEGER, allowNull: true, references: { model: 'users', key: 'id' }, onDelete: 'SET NULL' }
const organisationId = { type: DataTypes.INTEGER, allowNull: false, references: { model: 'organisations', key: 'id' }, onDelete: 'CASCADE' }
const timestamps = { created_at: { type: DataTypes.DATE, allowNull: false }, updated_at: { type: DataTypes.DATE, allowNull: false } }
const roundId = { type: DataTypes.INTEGER, allowNull: false, references: { model: 'audit_rounds', key: 'id' }, onDelete: 'CASCADE' }
const caseId = { type: DataTypes.INTEGER, allowNull: false, references: { model: 'audit_cases', key: 'id' }, onDelete: 'CASCADE' }

/**
 * Multi-agency case audits. A round audits a few pseudonymised cases on a theme with an audit tool
 * (its definition copied onto the round, so a later edit of the tool file never changes a round's
 * domains). Each involved agency's auditor grades its own part of each case; the workshop records
 * the agreed grades (the agencies' grades are kept), findings, themes and actions; a case agreed at
 * a grade that needs it is dip-sampled again three months later. Each area's child population by
 * ethnic group lets a round check that its sample reflects local children.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable('audit_rounds', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    partnership_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'partnerships', key: 'id' }, onDelete: 'CASCADE' },
    title: { type: DataTypes.STRING(200), allowNull: false },
    theme: { type: DataTypes.STRING(200), allowNull: false },
    why_now: { type: DataTypes.TEXT, allowNull: false },
    tool_key: { type: DataTypes.STRING(60), allowNull: false },
    tool_definition: { type: DataTypes.TEXT, allowNull: false },
    grading_opens_on: { type: DataTypes.DATEONLY, allowNull: false },
    grading_due_on: { type: DataTypes.DATEONLY, allowNull: false },
    workshop_on: { type: DataTypes.DATEONLY, allowNull: false },
    delivery: { type: DataTypes.STRING(20), allowNull: false },
    commissioned_from: { type: DataTypes.STRING(200), allowNull: true },
    status: { type: DataTypes.STRING(20), allowNull: false, defaultValue: 'open' },
    closed_at: { type: DataTypes.DATE, allowNull: true },
    closed_by_id: userId,
    closed_reason: { type: DataTypes.TEXT, allowNull: true },
    created_by_id: userId,
    ...timestamps,
  })
  await qi.addIndex('audit_rounds', ['partnership_id', 'workshop_on'])
  await qi.createTable('audit_round_areas', {
    round_id: { ...roundId, primaryKey: true },
    area_id: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true, references: { model: 'areas', key: 'id' }, onDelete: 'CASCADE' },
  })
  await qi.createTable('audit_round_agencies', {
    round_id: { ...roundId, primaryKey: true },
    organisation_id: { ...organisationId, primaryKey: true },
  })
  // Facilitators have no agency; an auditor grades for exactly the agency given here.
  await qi.createTable('audit_round_members', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    round_id: roundId,
    user_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'users', key: 'id' }, onDelete: 'CASCADE' },
    role: { type: DataTypes.STRING(20), allowNull: false },
    organisation_id: { type: DataTypes.INTEGER, allowNull: true, references: { model: 'organisations', key: 'id' }, onDelete: 'CASCADE' },
  })
  await qi.addIndex('audit_round_members', ['round_id', 'user_id', 'role', 'organisation_id'], { unique: true })
  await qi.addIndex('audit_round_members', ['user_id'])

  await qi.createTable('audit_cases', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    round_id: roundId,
    reference: { type: DataTypes.STRING(40), allowNull: false },
    age_band: { type: DataTypes.STRING(20), allowNull: false },
    sex: { type: DataTypes.STRING(20), allowNull: false },
    ethnicity: { type: DataTypes.STRING(60), allowNull: false },
    area_id: { type: DataTypes.INTEGER, allowNull: true, references: { model: 'areas', key: 'id' }, onDelete: 'SET NULL' },
    why_chosen: { type: DataTypes.TEXT, allowNull: false },
    created_by_id: userId,
    ...timestamps,
  })
  await qi.addIndex('audit_cases', ['round_id', 'reference'], { unique: true })
  await qi.createTable('audit_case_agencies', {
    case_id: { ...caseId, primaryKey: true },
    organisation_id: { ...organisationId, primaryKey: true },
  })

  // One grading per case and agency: the domains' grades and text as JSON ({ domainKey: { fieldKey: value } }).
  await qi.createTable('audit_gradings', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    case_id: caseId,
    organisation_id: organisationId,
    auditor_id: userId,
    domains: { type: DataTypes.TEXT, allowNull: false, defaultValue: '{}' },
    no_direct_involvement: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    submitted_at: { type: DataTypes.DATE, allowNull: true },
    version: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 1 },
    ...timestamps,
  })
  await qi.addIndex('audit_gradings', ['case_id', 'organisation_id'], { unique: true })

  // The workshop's record of a case; version guards against two facilitators saving at once.
  await qi.createTable('audit_case_agreements', {
    case_id: { ...caseId, primaryKey: true },
    domain_grades: { type: DataTypes.TEXT, allowNull: false, defaultValue: '{}' },
    overall_grade: { type: DataTypes.STRING(60), allowNull: true },
    strengths: { type: DataTypes.TEXT, allowNull: true },
    areas_for_improvement: { type: DataTypes.TEXT, allowNull: true },
    escalated: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    escalation_note: { type: DataTypes.TEXT, allowNull: true },
    version: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 1 },
    recorded_by_id: userId,
    ...timestamps,
  })

  // Themes are a partnership's shared list, growing as workshops tag cases (the action plan tags from it too).
  await qi.createTable('themes', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    partnership_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'partnerships', key: 'id' }, onDelete: 'CASCADE' },
    name: { type: DataTypes.STRING(100), allowNull: false },
    ...timestamps,
  })
  await qi.addIndex('themes', ['partnership_id', 'name'], { unique: true })
  await qi.createTable('audit_case_themes', {
    case_id: { ...caseId, primaryKey: true },
    theme_id: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true, references: { model: 'themes', key: 'id' }, onDelete: 'CASCADE' },
  })

  // Outcome-focused actions from the workshop; the partnership action plan links to them.
  await qi.createTable('audit_actions', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    case_id: caseId,
    title: { type: DataTypes.STRING(200), allowNull: false },
    outcome_sought: { type: DataTypes.TEXT, allowNull: false },
    owner_organisation_id: { type: DataTypes.INTEGER, allowNull: true, references: { model: 'organisations', key: 'id' }, onDelete: 'SET NULL' },
    owner_name: { type: DataTypes.STRING(200), allowNull: false },
    due_on: { type: DataTypes.DATEONLY, allowNull: false },
    created_by_id: userId,
    ...timestamps,
  })
  await qi.addIndex('audit_actions', ['case_id'])

  await qi.createTable('audit_dip_samples', {
    case_id: { ...caseId, primaryKey: true },
    due_on: { type: DataTypes.DATEONLY, allowNull: false },
    result: { type: DataTypes.STRING(20), allowNull: true },
    notes: { type: DataTypes.TEXT, allowNull: true },
    recorded_by_id: userId,
    recorded_at: { type: DataTypes.DATE, allowNull: true },
    ...timestamps,
  })
  await qi.addIndex('audit_dip_samples', ['due_on'])

  await qi.createTable('area_child_populations', {
    area_id: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true, references: { model: 'areas', key: 'id' }, onDelete: 'CASCADE' },
    ethnicity: { type: DataTypes.STRING(60), allowNull: false, primaryKey: true },
    percent: { type: DataTypes.DECIMAL(5, 2), allowNull: false },
  })
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  for (const table of ['area_child_populations', 'audit_dip_samples', 'audit_actions', 'audit_case_themes', 'themes', 'audit_case_agreements', 'audit_gradings', 'audit_case_agencies', 'audit_cases', 'audit_round_members', 'audit_round_agencies', 'audit_round_areas', 'audit_rounds']) {
    await qi.dropTable(table)
  }
}
