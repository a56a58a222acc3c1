import { CreationOptional, DataTypes, InferAttributes, InferCreationAttributes, Model, Sequelize } from 'sequelize'
import { jsonText } from './jsonText'

/**
 * What the workshop agreed for a case: a grade per domain (key to grade key) and overall, the key
 * findings, whether it was escalated as a concern. `version` rises with each save, so a facilitator
 * saving over a colleague's newer record is told instead.
 */
export class AuditCaseAgreement extends Model<InferAttributes<AuditCaseAgreement>, InferCreationAttributes<AuditCaseAgreement>> {
  declare caseId: number
  declare domainGrades: Record<string, string>
  declare overallGrade: string | null
  declare strengths: string | null
  declare areasForImprovement: string | null
  declare escalated: boolean
  declare escalationNote: string | null
  declare version: CreationOptional<number>
  declare recordedById: number | null
  declare createdAt: CreationOptional<Date>
  declare updatedAt: CreationOptional<Date>

  static initModel(sequelize: Sequelize): void {
    AuditCaseAgreement.init(
      {
        caseId: { type: DataTypes.INTEGER, primaryKey: true },
        domainGrades: jsonText('domainGrades'),
        overallGrade: { type: DataTypes.STRING(60), allowNull: true },
        strengths: { type: DataTypes.TEXT, allowNull: true },
        areasForImprovement: { type: DataTypes.TEXT, allowNull: true },
        escalated: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
        escalationNote: { type: DataTypes.TEXT, allowNull: true },
        version: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 1 },
        recordedById: { type: DataTypes.INTEGER, allowNull: true },
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'audit_case_agreements', underscored: true },
    )
  }
}

/** What the workshop agreed, as the workshop form, the audit trail and the report all carry it. */
export type AgreementFields = Pick<InferAttributes<AuditCaseAgreement>, 'domainGrades' | 'overallGrade' | 'strengths' | 'areasForImprovement' | 'escalated' | 'escalationNote'>
