import { CreationOptional, DataTypes, InferAttributes, InferCreationAttributes, Model, Sequelize } from 'sequelize'

/**
 * A challenge event (peer review panel): the partnership's QA sub-group meets on a date to discuss
 * some organisations' returns in one cycle against some standards. Its details can change until
 * the first outcome is recorded.
 */
export class ChallengeEvent extends Model<InferAttributes<ChallengeEvent>, InferCreationAttributes<ChallengeEvent>> {
  declare id: CreationOptional<number>
  declare partnershipId: number
  declare cycleId: number
  declare title: string
  /** YYYY-MM-DD. */
  declare heldOn: string
  declare notes: string | null
  declare createdById: number | null
  declare createdAt: CreationOptional<Date>
  declare updatedAt: CreationOptional<Date>

  static initModel(sequelize: Sequelize): void {
    ChallengeEvent.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        partnershipId: { type: DataTypes.INTEGER, allowNull: false },
        cycleId: { type: DataTypes.INTEGER, allowNull: false },
        title: { type: DataTypes.STRING(200), allowNull: false },
        heldOn: { type: DataTypes.DATEONLY, allowNull: false },
        notes: { type: DataTypes.TEXT, allowNull: true },
        createdById: { type: DataTypes.INTEGER, allowNull: true },
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'challenge_events', underscored: true },
    )
  }
}
