import { CreationOptional, DataTypes, InferAttributes, InferCreationAttributes, Model, NonAttribute, Sequelize } from 'sequelize'
import type { AssessmentReturn } from './assessmentReturn.model'

/** A return as one cycle receives it: its own deadline (extensions), withdrawal and reminders. */
export class CycleReturn extends Model<InferAttributes<CycleReturn>, InferCreationAttributes<CycleReturn>> {
  declare cycleId: number
  declare returnId: number
  declare dueOn: string
  declare withdrawnAt: Date | null
  declare lastRemindedAt: Date | null
  declare createdAt: CreationOptional<Date>

  declare assessmentReturn?: NonAttribute<AssessmentReturn>

  static initModel(sequelize: Sequelize): void {
    CycleReturn.init(
      {
        cycleId: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true },
        returnId: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true },
        dueOn: { type: DataTypes.DATEONLY, allowNull: false },
        withdrawnAt: { type: DataTypes.DATE, allowNull: true },
        lastRemindedAt: { type: DataTypes.DATE, allowNull: true },
        createdAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'cycle_returns', underscored: true, updatedAt: false },
    )
  }
}
