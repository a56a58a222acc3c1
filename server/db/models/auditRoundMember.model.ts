import { CreationOptional, DataTypes, InferAttributes, InferCreationAttributes, Model, Sequelize } from 'sequelize'

export const auditMemberRoles = ['facilitator', 'auditor'] as const
export type AuditMemberRole = (typeof auditMemberRoles)[number]

/** A person taking part in a round: a facilitator (no agency), or an auditor grading for one agency. */
export class AuditRoundMember extends Model<InferAttributes<AuditRoundMember>, InferCreationAttributes<AuditRoundMember>> {
  declare id: CreationOptional<number>
  declare roundId: number
  declare userId: number
  declare role: AuditMemberRole
  declare organisationId: number | null

  static initModel(sequelize: Sequelize): void {
    AuditRoundMember.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        roundId: { type: DataTypes.INTEGER, allowNull: false },
        userId: { type: DataTypes.INTEGER, allowNull: false },
        role: { type: DataTypes.STRING(20), allowNull: false, validate: { isIn: [auditMemberRoles as unknown as string[]] } },
        organisationId: { type: DataTypes.INTEGER, allowNull: true },
      },
      { sequelize, tableName: 'audit_round_members', underscored: true, timestamps: false },
    )
  }
}
