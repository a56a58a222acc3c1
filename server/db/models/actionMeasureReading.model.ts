import { CreationOptional, DataTypes, InferAttributes, InferCreationAttributes, Model, Sequelize } from 'sequelize'

/** One dated reading of a measure. */
export class ActionMeasureReading extends Model<InferAttributes<ActionMeasureReading>, InferCreationAttributes<ActionMeasureReading>> {
  declare id: CreationOptional<number>
  declare measureId: number
  declare readOn: string
  declare value: number
  declare note: string | null
  declare recordedById: number | null
  declare createdAt: CreationOptional<Date>

  static initModel(sequelize: Sequelize): void {
    ActionMeasureReading.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        measureId: { type: DataTypes.INTEGER, allowNull: false },
        readOn: { type: DataTypes.DATEONLY, allowNull: false },
        value: { type: DataTypes.DOUBLE, allowNull: false },
        note: { type: DataTypes.TEXT, allowNull: true },
        recordedById: { type: DataTypes.INTEGER, allowNull: true },
        createdAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'action_measure_readings', underscored: true, updatedAt: false },
    )
  }
}
