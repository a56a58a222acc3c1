import { CreationOptional, DataTypes, InferAttributes, InferCreationAttributes, Model, Sequelize } from 'sequelize'

/** A theme tag from the partnership's shared list (neglect, exploitation, voice of the child…); the list grows as it is used. */
export class Theme extends Model<InferAttributes<Theme>, InferCreationAttributes<Theme>> {
  declare id: CreationOptional<number>
  declare partnershipId: number
  declare name: string
  declare createdAt: CreationOptional<Date>
  declare updatedAt: CreationOptional<Date>

  static initModel(sequelize: Sequelize): void {
    Theme.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        partnershipId: { type: DataTypes.INTEGER, allowNull: false },
        name: { type: DataTypes.STRING(100), allowNull: false },
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'themes', underscored: true },
    )
  }
}
