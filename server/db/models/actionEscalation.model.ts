import { CreationOptional, DataTypes, InferAttributes, InferCreationAttributes, Model, Sequelize } from 'sequelize'

export type EscalationReason = 'off_track' | 'overdue'

/** An action escalated to the executive (off track, or overdue by 30 days) and the executive's response. */
export class ActionEscalation extends Model<InferAttributes<ActionEscalation>, InferCreationAttributes<ActionEscalation>> {
  declare id: CreationOptional<number>
  declare actionId: number
  declare reason: EscalationReason
  declare note: string
  declare escalatedById: number | null
  declare escalatedAt: Date
  declare response: CreationOptional<string | null>
  declare respondedById: CreationOptional<number | null>
  declare respondedAt: CreationOptional<Date | null>

  static initModel(sequelize: Sequelize): void {
    ActionEscalation.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        actionId: { type: DataTypes.INTEGER, allowNull: false },
        reason: { type: DataTypes.STRING(20), allowNull: false },
        note: { type: DataTypes.TEXT, allowNull: false },
        escalatedById: { type: DataTypes.INTEGER, allowNull: true },
        escalatedAt: { type: DataTypes.DATE, allowNull: false },
        response: { type: DataTypes.TEXT, allowNull: true },
        respondedById: { type: DataTypes.INTEGER, allowNull: true },
        respondedAt: { type: DataTypes.DATE, allowNull: true },
      },
      { sequelize, tableName: 'action_escalations', underscored: true, timestamps: false },
    )
  }
}
