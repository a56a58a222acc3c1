import { CreationOptional, DataTypes, InferAttributes, InferCreationAttributes, Model, Sequelize } from 'sequelize'

export type ChallengeStatus = 'open' | 'answered' | 'closed'

/**
 * A QA reviewer's question to the organisation about a standard (or one of its criteria). The
 * organisation answers (text, and an evidence file of the return if it has one); the reviewer
 * closes the challenge or keeps it open, which sends it back as open.
 */
export class Challenge extends Model<InferAttributes<Challenge>, InferCreationAttributes<Challenge>> {
  declare id: CreationOptional<number>
  declare returnId: number
  declare standardKey: string
  declare criterionKey: string | null
  declare question: string
  declare status: ChallengeStatus
  declare raisedById: number | null
  declare answer: CreationOptional<string | null>
  declare answerEvidenceFileId: CreationOptional<number | null>
  declare answeredById: CreationOptional<number | null>
  declare answeredAt: CreationOptional<Date | null>
  declare closedById: CreationOptional<number | null>
  declare closedAt: CreationOptional<Date | null>
  declare createdAt: CreationOptional<Date>
  declare updatedAt: CreationOptional<Date>

  static initModel(sequelize: Sequelize): void {
    Challenge.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        returnId: { type: DataTypes.INTEGER, allowNull: false },
        standardKey: { type: DataTypes.STRING(60), allowNull: false },
        criterionKey: { type: DataTypes.STRING(60), allowNull: true },
        question: { type: DataTypes.TEXT, allowNull: false },
        status: { type: DataTypes.STRING(10), allowNull: false },
        raisedById: { type: DataTypes.INTEGER, allowNull: true },
        answer: { type: DataTypes.TEXT, allowNull: true },
        answerEvidenceFileId: { type: DataTypes.INTEGER, allowNull: true },
        answeredById: { type: DataTypes.INTEGER, allowNull: true },
        answeredAt: { type: DataTypes.DATE, allowNull: true },
        closedById: { type: DataTypes.INTEGER, allowNull: true },
        closedAt: { type: DataTypes.DATE, allowNull: true },
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'challenges', underscored: true },
    )
  }
}
