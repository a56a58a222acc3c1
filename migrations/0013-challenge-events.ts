import { DataTypes, QueryInterface } from 'sequelize'

const userId = { type: DataTypes.INTEGER, allowNull: true, references: { model: 'users', key: 'id' }, onDelete: 'SET NULL' }
const eventId = { type: DataTypes.INTEGER, allowNull: false, primaryKey: true, references: { model: 'challenge_events', key: 'id' }, onDelete: 'CASCADE' }
const timestamps = { created_at: { type: DataTypes.DATE, allowNull: false }, updated_at: { type: DataTypes.DATE, allowNull: false } }

/**
 * Challenge events (peer review panels): a partnership's QA sub-group meets on a date to discuss
 * some organisations' returns in one cycle against some of its framework's standards, then records
 * per organisation the agreed score per standard, a summary, the actions agreed and the challenges
 * it raised (real challenges on the return, linked here).
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable('challenge_events', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    partnership_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'partnerships', key: 'id' }, onDelete: 'CASCADE' },
    cycle_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'cycles', key: 'id' }, onDelete: 'CASCADE' },
    title: { type: DataTypes.STRING(200), allowNull: false },
    held_on: { type: DataTypes.DATEONLY, allowNull: false },
    notes: { type: DataTypes.TEXT, allowNull: true },
    created_by_id: userId,
    ...timestamps,
  })
  await qi.addIndex('challenge_events', ['partnership_id', 'held_on'])

  await qi.createTable('challenge_event_members', {
    event_id: eventId,
    user_id: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true, references: { model: 'users', key: 'id' }, onDelete: 'CASCADE' },
  })
  // The return discussed is kept beside the organisation: it is what challenges are raised on.
  await qi.createTable('challenge_event_organisations', {
    event_id: eventId,
    organisation_id: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true, references: { model: 'organisations', key: 'id' }, onDelete: 'CASCADE' },
    return_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'returns', key: 'id' }, onDelete: 'CASCADE' },
  })
  await qi.addIndex('challenge_event_organisations', ['organisation_id'])
  await qi.createTable('challenge_event_standards', {
    event_id: eventId,
    standard_key: { type: DataTypes.STRING(60), allowNull: false, primaryKey: true },
    position: { type: DataTypes.INTEGER, allowNull: false },
  })

  await qi.createTable('challenge_event_outcomes', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    event_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'challenge_events', key: 'id' }, onDelete: 'CASCADE' },
    organisation_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'organisations', key: 'id' }, onDelete: 'CASCADE' },
    summary: { type: DataTypes.TEXT, allowNull: false },
    recorded_by_id: userId,
    ...timestamps,
  })
  await qi.addIndex('challenge_event_outcomes', ['event_id', 'organisation_id'], { unique: true })
  await qi.addIndex('challenge_event_outcomes', ['organisation_id'])
  // A standard discussed with no agreed score is kept with a null score: discussed, no change.
  await qi.createTable('challenge_event_scores', {
    outcome_id: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true, references: { model: 'challenge_event_outcomes', key: 'id' }, onDelete: 'CASCADE' },
    standard_key: { type: DataTypes.STRING(60), allowNull: false, primaryKey: true },
    agreed_score: { type: DataTypes.INTEGER, allowNull: true },
  })
  await qi.createTable('challenge_event_actions', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    outcome_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'challenge_event_outcomes', key: 'id' }, onDelete: 'CASCADE' },
    position: { type: DataTypes.INTEGER, allowNull: false },
    action: { type: DataTypes.TEXT, allowNull: false },
    owner: { type: DataTypes.STRING(200), allowNull: false },
    target_on: { type: DataTypes.DATEONLY, allowNull: false },
  })
  await qi.addIndex('challenge_event_actions', ['outcome_id', 'position'])
  // Linked to the event and organisation, not to one recording of the outcome: a challenge once
  // raised has been sent to the organisation and stays, whatever the outcome is re-recorded as.
  await qi.createTable('challenge_event_challenges', {
    challenge_id: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true, references: { model: 'challenges', key: 'id' }, onDelete: 'CASCADE' },
    event_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'challenge_events', key: 'id' }, onDelete: 'CASCADE' },
    organisation_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'organisations', key: 'id' }, onDelete: 'CASCADE' },
  })
  await qi.addIndex('challenge_event_challenges', ['event_id', 'organisation_id'])
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  for (const table of ['challenge_event_challenges', 'challenge_event_actions', 'challenge_event_scores', 'challenge_event_outcomes', 'challenge_event_standards', 'challenge_event_organisations', 'challenge_event_members', 'challenge_events']) {
    await qi.dropTable(table)
  }
}
