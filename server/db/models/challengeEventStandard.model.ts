import { DataTypes, InferAttributes, InferCreationAttributes, Model, Sequelize } from 'sequelize'

/** A standard of the cycle's framework that a challenge event discusses, in the framework's order. */
export class ChallengeEventStandard extends Model<InferAttributes<ChallengeEventStandard>, InferCreationAttributes<ChallengeEventStandard>> {
  declare eventId: number
  declare standardKey: string
  declare position: number

  static initModel(sequelize: Sequelize): void {
    ChallengeEventStandard.init(
      {
        eventId: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true },
        standardKey: { type: DataTypes.STRING(60), allowNull: false, primaryKey: true },
        position: { type: DataTypes.INTEGER, allowNull: false },
      },
      { sequelize, tableName: 'challenge_event_standards', underscored: true, timestamps: false },
    )
  }
}
