import { sharedJsonText } from './jsonText'
import { CreationOptional, DataTypes, InferAttributes, InferCreationAttributes, Model, Sequelize } from 'sequelize'
import type { Framework } from '../../standards/frameworkSchema'

/**
 * One version of a framework: its YAML source as written and the validated definition.
 * Shipped versions come from standards/*.yaml (origin "file"); partnerships can upload more.
 */
export class FrameworkVersion extends Model<InferAttributes<FrameworkVersion>, InferCreationAttributes<FrameworkVersion>> {
  declare id: CreationOptional<number>
  declare key: string
  declare version: string
  declare title: string
  declare source: string
  declare sourceHash: string
  declare definition: Framework
  declare origin: 'file' | 'upload'
  declare partnershipId: number | null
  declare uploadedById: number | null
  declare createdAt: CreationOptional<Date>
  declare updatedAt: CreationOptional<Date>

  static initModel(sequelize: Sequelize): void {
    FrameworkVersion.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        key: { type: DataTypes.STRING(60), allowNull: false },
        version: { type: DataTypes.STRING(60), allowNull: false },
        title: { type: DataTypes.STRING(200), allowNull: false },
        source: { type: DataTypes.TEXT, allowNull: false },
        sourceHash: { type: DataTypes.STRING(64), allowNull: false },
        definition: sharedJsonText('definition'),
        origin: { type: DataTypes.STRING(10), allowNull: false },
        partnershipId: { type: DataTypes.INTEGER, allowNull: true },
        uploadedById: { type: DataTypes.INTEGER, allowNull: true },
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'framework_versions', underscored: true },
    )
  }
}
