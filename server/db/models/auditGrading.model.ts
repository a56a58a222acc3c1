import { CreationOptional, DataTypes, InferAttributes, InferCreationAttributes, Model, Sequelize } from 'sequelize'
import { jsonText } from './jsonText'

/** Per domain key, the auditor's values by field key (the grade field holds a grade key). */
export type DomainEntries = Record<string, Record<string, string>>

/**
 * One agency's grading of its own part of one case, before the workshop: a draft until its auditor
 * submits it, confirming no direct involvement in the case. Kept for the record once grades are agreed.
 */
export class AuditGrading extends Model<InferAttributes<AuditGrading>, InferCreationAttributes<AuditGrading>> {
  declare id: CreationOptional<number>
  declare caseId: number
  declare organisationId: number
  declare auditorId: number | null
  declare domains: DomainEntries
  declare noDirectInvolvement: boolean
  declare submittedAt: Date | null
  declare version: CreationOptional<number>
  declare createdAt: CreationOptional<Date>
  declare updatedAt: CreationOptional<Date>

  static initModel(sequelize: Sequelize): void {
    AuditGrading.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        caseId: { type: DataTypes.INTEGER, allowNull: false },
        organisationId: { type: DataTypes.INTEGER, allowNull: false },
        auditorId: { type: DataTypes.INTEGER, allowNull: true },
        domains: jsonText('domains'),
        noDirectInvolvement: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
        submittedAt: { type: DataTypes.DATE, allowNull: true },
        version: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 1 },
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'audit_gradings', underscored: true },
    )
  }
}
