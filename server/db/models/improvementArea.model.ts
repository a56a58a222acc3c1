import { CreationOptional, DataTypes, InferAttributes, InferCreationAttributes, Model, Sequelize } from 'sequelize'

/** What an organisation will do to improve against one criterion, who owns it and by when. */
export class ImprovementArea extends Model<InferAttributes<ImprovementArea>, InferCreationAttributes<ImprovementArea>> {
  declare id: CreationOptional<number>
  declare returnId: number
  declare criterionKey: string
  /** Order within the criterion, from 0. */
  declare position: number
  declare action: string
  declare owner: string
  /** YYYY-MM-DD. */
  declare targetOn: string
  declare updatedById: number | null
  declare createdAt: CreationOptional<Date>
  declare updatedAt: CreationOptional<Date>

  static initModel(sequelize: Sequelize): void {
    ImprovementArea.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        returnId: { type: DataTypes.INTEGER, allowNull: false },
        criterionKey: { type: DataTypes.STRING(60), allowNull: false },
        position: { type: DataTypes.INTEGER, allowNull: false },
        action: { type: DataTypes.TEXT, allowNull: false },
        owner: { type: DataTypes.STRING(200), allowNull: false },
        targetOn: { type: DataTypes.DATEONLY, allowNull: false },
        updatedById: { type: DataTypes.INTEGER, allowNull: true },
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'improvement_areas', underscored: true },
    )
  }
}
