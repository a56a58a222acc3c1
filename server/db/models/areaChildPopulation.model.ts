import { DataTypes, InferAttributes, InferCreationAttributes, Model, Sequelize } from 'sequelize'

/** The share of an area's children in one ethnic group, so a round can check that its sample reflects local children. */
export class AreaChildPopulation extends Model<InferAttributes<AreaChildPopulation>, InferCreationAttributes<AreaChildPopulation>> {
  declare areaId: number
  declare ethnicity: string
  declare percent: number

  static initModel(sequelize: Sequelize): void {
    AreaChildPopulation.init(
      {
        areaId: { type: DataTypes.INTEGER, primaryKey: true },
        ethnicity: { type: DataTypes.STRING(60), primaryKey: true },
        percent: {
          type: DataTypes.DECIMAL(5, 2),
          allowNull: false,
          // PostgreSQL returns DECIMAL as a string.
          get(this: AreaChildPopulation) {
            return Number(this.getDataValue('percent'))
          },
        },
      },
      { sequelize, tableName: 'area_child_populations', underscored: true, timestamps: false },
    )
  }
}
