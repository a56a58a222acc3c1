import { CreationOptional, DataTypes, InferAttributes, InferCreationAttributes, Model, Sequelize } from 'sequelize'

/** An action a challenge event agreed with an organisation: what will be done, who owns it, by when. */
export class ChallengeEventAction extends Model<InferAttributes<ChallengeEventAction>, InferCreationAttributes<ChallengeEventAction>> {
  declare id: CreationOptional<number>
  declare outcomeId: number
  /** Order within the outcome, from 0. */
  declare position: number
  declare action: string
  declare owner: string
  /** YYYY-MM-DD. */
  declare targetOn: string

  static initModel(sequelize: Sequelize): void {
    ChallengeEventAction.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        outcomeId: { type: DataTypes.INTEGER, allowNull: false },
        position: { type: DataTypes.INTEGER, allowNull: false },
        action: { type: DataTypes.TEXT, allowNull: false },
        owner: { type: DataTypes.STRING(200), allowNull: false },
        targetOn: { type: DataTypes.DATEONLY, allowNull: false },
      },
      { sequelize, tableName: 'challenge_event_actions', underscored: true, timestamps: false },
    )
  }
}
