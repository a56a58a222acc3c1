import { DataTypes, InferAttributes, InferCreationAttributes, Model, Sequelize } from 'sequelize'

/** An organisation a challenge event discusses, with its return in the event's cycle. */
export class ChallengeEventOrganisation extends Model<InferAttributes<ChallengeEventOrganisation>, InferCreationAttributes<ChallengeEventOrganisation>> {
  declare eventId: number
  declare organisationId: number
  declare returnId: number

  static initModel(sequelize: Sequelize): void {
    ChallengeEventOrganisation.init(
      {
        eventId: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true },
        organisationId: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true },
        returnId: { type: DataTypes.INTEGER, allowNull: false },
      },
      { sequelize, tableName: 'challenge_event_organisations', underscored: true, timestamps: false },
    )
  }
}
