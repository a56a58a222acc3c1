import { CreationOptional, DataTypes, InferAttributes, InferCreationAttributes, Model, Sequelize } from 'sequelize'
import { jsonText } from './jsonText'

/** An organisation's answer to one criterion: self-score or N/A with a reason, narrative evidence and extra facts. */
export class ReturnAnswer extends Model<InferAttributes<ReturnAnswer>, InferCreationAttributes<ReturnAnswer>> {
  declare id: CreationOptional<number>
  declare returnId: number
  declare criterionKey: string
  declare score: number | null
  declare notApplicable: boolean
  declare notApplicableReason: string | null
  declare narrative: string | null
  /** Answers to the criterion's extra questions, by question key: yes/no as "yes"/"no", dates as YYYY-MM-DD. */
  declare questionAnswers: Record<string, string>
  declare carriedForward: CreationOptional<boolean>
  /** A QA reviewer's score, set in moderation; the self-score above is kept so the difference shows. */
  declare moderatedScore: CreationOptional<number | null>
  declare moderationReason: CreationOptional<string | null>
  declare moderatedById: CreationOptional<number | null>
  declare moderatedAt: CreationOptional<Date | null>
  declare updatedById: number | null
  declare createdAt: CreationOptional<Date>
  declare updatedAt: CreationOptional<Date>

  static initModel(sequelize: Sequelize): void {
    ReturnAnswer.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        returnId: { type: DataTypes.INTEGER, allowNull: false },
        criterionKey: { type: DataTypes.STRING(60), allowNull: false },
        score: { type: DataTypes.INTEGER, allowNull: true },
        notApplicable: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
        notApplicableReason: { type: DataTypes.TEXT, allowNull: true },
        narrative: { type: DataTypes.TEXT, allowNull: true },
        questionAnswers: jsonText('questionAnswers'),
        carriedForward: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
        moderatedScore: { type: DataTypes.INTEGER, allowNull: true },
        moderationReason: { type: DataTypes.TEXT, allowNull: true },
        moderatedById: { type: DataTypes.INTEGER, allowNull: true },
        moderatedAt: { type: DataTypes.DATE, allowNull: true },
        updatedById: { type: DataTypes.INTEGER, allowNull: true },
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'return_answers', underscored: true },
    )
  }
}
