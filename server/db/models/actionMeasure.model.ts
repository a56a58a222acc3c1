import { CreationOptional, DataTypes, InferAttributes, InferCreationAttributes, Model, Sequelize } from 'sequelize'

/** How we will know we are making a difference: a measure with its baseline and target; readings are dated. */
export class ActionMeasure extends Model<InferAttributes<ActionMeasure>, InferCreationAttributes<ActionMeasure>> {
  declare id: CreationOptional<number>
  declare actionId: number
  declare position: number
  declare name: string
  declare unit: string | null
  declare baseline: number
  declare target: number
  declare createdAt: CreationOptional<Date>
  declare updatedAt: CreationOptional<Date>

  static initModel(sequelize: Sequelize): void {
    ActionMeasure.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        actionId: { type: DataTypes.INTEGER, allowNull: false },
        position: { type: DataTypes.INTEGER, allowNull: false },
        name: { type: DataTypes.STRING(200), allowNull: false },
        unit: { type: DataTypes.STRING(30), allowNull: true },
        baseline: { type: DataTypes.DOUBLE, allowNull: false },
        target: { type: DataTypes.DOUBLE, allowNull: false },
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'action_measures', underscored: true },
    )
  }
}
