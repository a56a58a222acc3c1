import { QueryInterface } from 'sequelize'

/**
 * The database itself refuses to change or delete an audit event, whatever code or SQL asks
 * (the model's hooks only guard Sequelize calls). Dropping the table, as `down` does, still works.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  const sequelize = qi.sequelize
  if (sequelize.getDialect() === 'postgres') {
    await sequelize.query(`
      CREATE FUNCTION audit_events_append_only() RETURNS trigger AS $$
      BEGIN
        RAISE EXCEPTION 'Audit events are append-only';
      END;
      $$ LANGUAGE plpgsql`)
    await sequelize.query(`
      CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
      FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()`)
    return
  }
  for (const operation of ['UPDATE', 'DELETE']) {
    await sequelize.query(`
      CREATE TRIGGER audit_events_no_${operation.toLowerCase()} BEFORE ${operation} ON audit_events
      BEGIN SELECT RAISE(ABORT, 'Audit events are append-only'); END`)
  }
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  const sequelize = qi.sequelize
  if (sequelize.getDialect() === 'postgres') {
    await sequelize.query('DROP TRIGGER audit_events_append_only ON audit_events')
    await sequelize.query('DROP FUNCTION audit_events_append_only()')
    return
  }
  for (const operation of ['update', 'delete']) await sequelize.query(`DROP TRIGGER audit_events_no_${operation}`)
}
