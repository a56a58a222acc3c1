import { CreationOptional, DataTypes, InferAttributes, InferCreationAttributes, Model, Sequelize } from 'sequelize'

export const PLAN_REVIEW_KINDS = ['rapid_review', 'cspr', 'thematic_review', 'inspection'] as const
export type PlanReviewKind = (typeof PLAN_REVIEW_KINDS)[number]
export const planReviewKindLabels: Record<PlanReviewKind, string> = {
  rapid_review: 'Rapid Review',
  cspr: 'Child Safeguarding Practice Review',
  thematic_review: 'Thematic review',
  inspection: 'Inspection',
}

/** A review the business unit enters so its recommendations become actions: a Rapid Review, a CSPR, a thematic review or an inspection. */
export class PlanReview extends Model<InferAttributes<PlanReview>, InferCreationAttributes<PlanReview>> {
  declare id: CreationOptional<number>
  declare partnershipId: number
  declare kind: PlanReviewKind
  declare name: string
  declare heldOn: string
  declare summary: string | null
  declare createdById: number | null
  declare createdAt: CreationOptional<Date>
  declare updatedAt: CreationOptional<Date>

  static initModel(sequelize: Sequelize): void {
    PlanReview.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        partnershipId: { type: DataTypes.INTEGER, allowNull: false },
        kind: { type: DataTypes.STRING(30), allowNull: false },
        name: { type: DataTypes.STRING(200), allowNull: false },
        heldOn: { type: DataTypes.DATEONLY, allowNull: false },
        summary: { type: DataTypes.TEXT, allowNull: true },
        createdById: { type: DataTypes.INTEGER, allowNull: true },
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'plan_reviews', underscored: true },
    )
  }
}
