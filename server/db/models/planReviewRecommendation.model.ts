import { CreationOptional, DataTypes, InferAttributes, InferCreationAttributes, Model, Sequelize } from 'sequelize'

/** A review's numbered recommendation. */
export class PlanReviewRecommendation extends Model<InferAttributes<PlanReviewRecommendation>, InferCreationAttributes<PlanReviewRecommendation>> {
  declare id: CreationOptional<number>
  declare reviewId: number
  declare number: number
  declare text: string

  static initModel(sequelize: Sequelize): void {
    PlanReviewRecommendation.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        reviewId: { type: DataTypes.INTEGER, allowNull: false },
        number: { type: DataTypes.INTEGER, allowNull: false },
        text: { type: DataTypes.TEXT, allowNull: false },
      },
      { sequelize, tableName: 'plan_review_recommendations', underscored: true, timestamps: false },
    )
  }
}
