import { CreationOptional, DataTypes, InferAttributes, InferCreationAttributes, Model, Sequelize } from 'sequelize'
import type { AuditTool } from '../../audits/auditToolSchema'
import { jsonText } from './jsonText'

export const auditDeliveries = ['in_house', 'commissioned'] as const
export type AuditDelivery = (typeof auditDeliveries)[number]
export const auditRoundStatuses = ['open', 'closed'] as const
export type AuditRoundStatus = (typeof auditRoundStatuses)[number]

/**
 * A multi-agency case audit round: a theme, why now, the audit tool (its definition copied here),
 * the dates, who delivers it, and (through other tables) its areas, agencies, members and cases.
 * Closed once the workshop has agreed every case (or with a recorded reason).
 */
export class AuditRound extends Model<InferAttributes<AuditRound>, InferCreationAttributes<AuditRound>> {
  declare id: CreationOptional<number>
  declare partnershipId: number
  declare title: string
  declare theme: string
  declare whyNow: string
  declare toolKey: string
  declare toolDefinition: AuditTool
  declare gradingOpensOn: string
  declare gradingDueOn: string
  declare workshopOn: string
  declare delivery: AuditDelivery
  declare commissionedFrom: string | null
  declare status: CreationOptional<AuditRoundStatus>
  declare closedAt: Date | null
  declare closedById: number | null
  declare closedReason: string | null
  declare createdById: number | null
  declare createdAt: CreationOptional<Date>
  declare updatedAt: CreationOptional<Date>

  static initModel(sequelize: Sequelize): void {
    AuditRound.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        partnershipId: { type: DataTypes.INTEGER, allowNull: false },
        title: { type: DataTypes.STRING(200), allowNull: false },
        theme: { type: DataTypes.STRING(200), allowNull: false },
        whyNow: { type: DataTypes.TEXT, allowNull: false },
        toolKey: { type: DataTypes.STRING(60), allowNull: false },
        toolDefinition: jsonText('toolDefinition'),
        gradingOpensOn: { type: DataTypes.DATEONLY, allowNull: false },
        gradingDueOn: { type: DataTypes.DATEONLY, allowNull: false },
        workshopOn: { type: DataTypes.DATEONLY, allowNull: false },
        delivery: { type: DataTypes.STRING(20), allowNull: false, validate: { isIn: [auditDeliveries as unknown as string[]] } },
        commissionedFrom: { type: DataTypes.STRING(200), allowNull: true },
        status: { type: DataTypes.STRING(20), allowNull: false, defaultValue: 'open', validate: { isIn: [auditRoundStatuses as unknown as string[]] } },
        closedAt: { type: DataTypes.DATE, allowNull: true },
        closedById: { type: DataTypes.INTEGER, allowNull: true },
        closedReason: { type: DataTypes.TEXT, allowNull: true },
        createdById: { type: DataTypes.INTEGER, allowNull: true },
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'audit_rounds', underscored: true },
    )
  }
}
