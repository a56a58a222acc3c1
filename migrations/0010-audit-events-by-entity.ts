import { QueryInterface } from 'sequelize'

/**
 * A return's history (on its task list) reads its audit events newest first; without this index
 * each view scanned the whole trail, which grows with every change made anywhere.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.addIndex('audit_events', ['entity_type', 'entity_id', 'created_at'])
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.removeIndex('audit_events', ['entity_type', 'entity_id', 'created_at'])
}
