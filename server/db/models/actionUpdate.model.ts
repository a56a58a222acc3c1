import { CreationOptional, DataTypes, InferAttributes, InferCreationAttributes, Model, Sequelize } from 'sequelize'
import type { ActionStatus } from './action.model'

/** A dated progress update with its note; a change of status or owner (with the handover note) is recorded on the update that made it. */
export class ActionUpdate extends Model<InferAttributes<ActionUpdate>, InferCreationAttributes<ActionUpdate>> {
  declare id: CreationOptional<number>
  declare actionId: number
  declare note: string
  declare statusBefore: ActionStatus | null
  declare statusAfter: ActionStatus | null
  declare previousOwnerOrganisationId: number | null
  declare previousOwnerName: string | null
  declare newOwnerOrganisationId: number | null
  declare newOwnerName: string | null
  declare handoverNote: string | null
  declare writtenById: number | null
  declare createdAt: CreationOptional<Date>

  static initModel(sequelize: Sequelize): void {
    ActionUpdate.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        actionId: { type: DataTypes.INTEGER, allowNull: false },
        note: { type: DataTypes.TEXT, allowNull: false },
        statusBefore: { type: DataTypes.STRING(20), allowNull: true },
        statusAfter: { type: DataTypes.STRING(20), allowNull: true },
        previousOwnerOrganisationId: { type: DataTypes.INTEGER, allowNull: true },
        previousOwnerName: { type: DataTypes.STRING(200), allowNull: true },
        newOwnerOrganisationId: { type: DataTypes.INTEGER, allowNull: true },
        newOwnerName: { type: DataTypes.STRING(200), allowNull: true },
        handoverNote: { type: DataTypes.TEXT, allowNull: true },
        writtenById: { type: DataTypes.INTEGER, allowNull: true },
        createdAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'action_updates', underscored: true, updatedAt: false },
    )
  }
}
