import { DataTypes, InferAttributes, InferCreationAttributes, Model, Sequelize } from 'sequelize'

/** Organisation sectors: a fixed list seeded by migration, extended by adding rows. */
export class Sector extends Model<InferAttributes<Sector>, InferCreationAttributes<Sector>> {
  declare key: string
  declare label: string
  declare sortOrder: number

  static initModel(sequelize: Sequelize): void {
    Sector.init(
      {
        key: { type: DataTypes.STRING(50), primaryKey: true },
        label: { type: DataTypes.STRING(200), allowNull: false },
        sortOrder: { type: DataTypes.INTEGER, allowNull: false },
      },
      { sequelize, tableName: 'sectors', underscored: true, timestamps: false },
    )
  }
}
