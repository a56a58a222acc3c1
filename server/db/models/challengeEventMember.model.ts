import { DataTypes, InferAttributes, InferCreationAttributes, Model, Sequelize } from 'sequelize'

/** A member of a challenge event's panel: a partnership admin or QA reviewer of its partnership. */
export class ChallengeEventMember extends Model<InferAttributes<ChallengeEventMember>, InferCreationAttributes<ChallengeEventMember>> {
  declare eventId: number
  declare userId: number

  static initModel(sequelize: Sequelize): void {
    ChallengeEventMember.init(
      {
        eventId: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true },
        userId: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true },
      },
      { sequelize, tableName: 'challenge_event_members', underscored: true, timestamps: false },
    )
  }
}
