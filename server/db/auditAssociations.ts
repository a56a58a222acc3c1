import { Area, AuditCase, AuditCaseAgreement, AuditDipSample, AuditGrading, AuditRound, AuditRoundMember, Organisation, Theme, User } from './models'

export const through = (table: string, foreign: string, other: string) => ({
  through: table,
  foreignKey: { name: foreign.replace(/_(\w)/g, (_, letter: string) => letter.toUpperCase()), field: foreign },
  otherKey: { name: other.replace(/_(\w)/g, (_, letter: string) => letter.toUpperCase()), field: other },
  timestamps: false,
})

/** The case audit models' associations: a round's areas, agencies, members and cases; a case's agencies, gradings, agreement, themes and dip sample (its actions are the plan's: server/actions/caseActions.ts). */
export function associateAudits(): void {
  AuditRound.belongsToMany(Area, { as: 'areas', ...through('audit_round_areas', 'round_id', 'area_id') })
  AuditRound.belongsToMany(Organisation, { as: 'agencies', ...through('audit_round_agencies', 'round_id', 'organisation_id') })
  AuditRound.hasMany(AuditRoundMember, { as: 'members', foreignKey: 'roundId' })
  AuditRoundMember.belongsTo(AuditRound, { as: 'round', foreignKey: 'roundId' })
  AuditRoundMember.belongsTo(User, { as: 'user', foreignKey: 'userId' })
  AuditRoundMember.belongsTo(Organisation, { as: 'organisation', foreignKey: 'organisationId' })
  AuditRound.hasMany(AuditCase, { as: 'cases', foreignKey: 'roundId' })

  AuditCase.belongsTo(AuditRound, { as: 'round', foreignKey: 'roundId' })
  AuditCase.belongsTo(Area, { as: 'area', foreignKey: 'areaId' })
  AuditCase.belongsToMany(Organisation, { as: 'agencies', ...through('audit_case_agencies', 'case_id', 'organisation_id') })
  AuditCase.belongsToMany(Theme, { as: 'themes', ...through('audit_case_themes', 'case_id', 'theme_id') })
  AuditCase.hasMany(AuditGrading, { as: 'gradings', foreignKey: 'caseId' })
  AuditGrading.belongsTo(AuditCase, { as: 'case', foreignKey: 'caseId' })
  AuditGrading.belongsTo(Organisation, { as: 'organisation', foreignKey: 'organisationId' })
  AuditGrading.belongsTo(User, { as: 'auditor', foreignKey: 'auditorId' })
  AuditCase.hasOne(AuditCaseAgreement, { as: 'agreement', foreignKey: 'caseId' })
  AuditCase.hasOne(AuditDipSample, { as: 'dipSample', foreignKey: 'caseId' })
  AuditDipSample.belongsTo(AuditCase, { as: 'case', foreignKey: 'caseId' })
}
