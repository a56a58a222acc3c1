import { DataTypes, InferAttributes, InferCreationAttributes, Model, Sequelize } from 'sequelize'

/** A challenge raised on an organisation's return by a challenge event. */
export class ChallengeEventChallenge extends Model<InferAttributes<ChallengeEventChallenge>, InferCreationAttributes<ChallengeEventChallenge>> {
  declare challengeId: number
  declare eventId: number
  declare organisationId: number

  static initModel(sequelize: Sequelize): void {
    ChallengeEventChallenge.init(
      {
        challengeId: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true },
        eventId: { type: DataTypes.INTEGER, allowNull: false },
        organisationId: { type: DataTypes.INTEGER, allowNull: false },
      },
      { sequelize, tableName: 'challenge_event_challenges', underscored: true, timestamps: false },
    )
  }
}
