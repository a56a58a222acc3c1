import { CreationOptional, DataTypes, InferAttributes, InferCreationAttributes, Model, Sequelize } from 'sequelize'

/** A suggested action from scoring that the organisation accepted into its improvement actions. */
export class AcceptedAction extends Model<InferAttributes<AcceptedAction>, InferCreationAttributes<AcceptedAction>> {
  declare id: CreationOptional<number>
  declare returnId: number
  /** The suggestion's key (rule and what it fired on), stable across rescoring. */
  declare actionKey: string
  declare scoringResultId: number
  declare outcome: string
  declare owner: string
  /** YYYY-MM-DD. */
  declare dueOn: string
  declare acceptedById: number | null
  declare createdAt: CreationOptional<Date>

  static initModel(sequelize: Sequelize): void {
    AcceptedAction.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        returnId: { type: DataTypes.INTEGER, allowNull: false },
        actionKey: { type: DataTypes.STRING(200), allowNull: false },
        scoringResultId: { type: DataTypes.INTEGER, allowNull: false },
        outcome: { type: DataTypes.TEXT, allowNull: false },
        owner: { type: DataTypes.STRING(100), allowNull: false },
        dueOn: { type: DataTypes.DATEONLY, allowNull: false },
        acceptedById: { type: DataTypes.INTEGER, allowNull: true },
        createdAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'accepted_actions', underscored: true, updatedAt: false },
    )
  }
}
