import { CreationOptional, DataTypes, InferAttributes, InferCreationAttributes, Model, Sequelize } from 'sequelize'

/** What a challenge event concluded about one organisation; recording it again replaces it. */
export class ChallengeEventOutcome extends Model<InferAttributes<ChallengeEventOutcome>, InferCreationAttributes<ChallengeEventOutcome>> {
  declare id: CreationOptional<number>
  declare eventId: number
  declare organisationId: number
  declare summary: string
  declare recordedById: number | null
  declare createdAt: CreationOptional<Date>
  declare updatedAt: CreationOptional<Date>

  static initModel(sequelize: Sequelize): void {
    ChallengeEventOutcome.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        eventId: { type: DataTypes.INTEGER, allowNull: false },
        organisationId: { type: DataTypes.INTEGER, allowNull: false },
        summary: { type: DataTypes.TEXT, allowNull: false },
        recordedById: { type: DataTypes.INTEGER, allowNull: true },
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'challenge_event_outcomes', underscored: true },
    )
  }
}
