import { DataTypes, InferAttributes, InferCreationAttributes, Model, Sequelize } from 'sequelize'

/** A return's current rating of one standard, from its latest scoring; replaced each time it is scored. */
export class ReturnRating extends Model<InferAttributes<ReturnRating>, InferCreationAttributes<ReturnRating>> {
  declare returnId: number
  declare standardKey: string
  declare rating: string
  declare scoringResultId: number

  static initModel(sequelize: Sequelize): void {
    ReturnRating.init(
      {
        returnId: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true },
        standardKey: { type: DataTypes.STRING(60), allowNull: false, primaryKey: true },
        rating: { type: DataTypes.STRING(60), allowNull: false },
        scoringResultId: { type: DataTypes.INTEGER, allowNull: false },
      },
      { sequelize, tableName: 'return_ratings', underscored: true, timestamps: false },
    )
  }
}
