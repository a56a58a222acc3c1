import { DataTypes, InferAttributes, InferCreationAttributes, Model, Sequelize } from 'sequelize'

/** The score a panel agreed for one standard of an outcome, on the framework's scale; null when it agreed no change. */
export class ChallengeEventScore extends Model<InferAttributes<ChallengeEventScore>, InferCreationAttributes<ChallengeEventScore>> {
  declare outcomeId: number
  declare standardKey: string
  declare agreedScore: number | null

  static initModel(sequelize: Sequelize): void {
    ChallengeEventScore.init(
      {
        outcomeId: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true },
        standardKey: { type: DataTypes.STRING(60), allowNull: false, primaryKey: true },
        agreedScore: { type: DataTypes.INTEGER, allowNull: true },
      },
      { sequelize, tableName: 'challenge_event_scores', underscored: true, timestamps: false },
    )
  }
}
