import { Organisation, Partnership, Statement, User } from './models'

/** A statement's organisation, partnership, the statement it started from, and the people who submitted and decided it. */
export function associateStatements(): void {
  Statement.belongsTo(Organisation, { as: 'organisation', foreignKey: 'organisationId' })
  Statement.belongsTo(Partnership, { as: 'partnership', foreignKey: 'partnershipId' })
  Statement.belongsTo(Statement, { as: 'basedOn', foreignKey: 'basedOnId', constraints: false })
  Statement.belongsTo(User, { as: 'submittedBy', foreignKey: 'submittedById' })
  Statement.belongsTo(User, { as: 'decidedBy', foreignKey: 'decidedById' })
  Organisation.hasMany(Statement, { as: 'statements', foreignKey: 'organisationId' })
}
