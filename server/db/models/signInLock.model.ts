import { DataTypes, InferAttributes, InferCreationAttributes, Model, Sequelize } from 'sequelize'

/** An account or address refused sign-in until `lockedUntil`, set when it reaches its failure limit. */
export class SignInLock extends Model<InferAttributes<SignInLock>, InferCreationAttributes<SignInLock>> {
  declare subject: string
  declare lockedUntil: Date

  static initModel(sequelize: Sequelize): void {
    SignInLock.init(
      {
        subject: { type: DataTypes.STRING(400), primaryKey: true },
        lockedUntil: { type: DataTypes.DATE, allowNull: false },
      },
      { sequelize, tableName: 'sign_in_locks', underscored: true, timestamps: false },
    )
  }
}
