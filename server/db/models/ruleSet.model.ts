import { CreationOptional, DataTypes, InferAttributes, InferCreationAttributes, Model, Sequelize } from 'sequelize'

/**
 * One version of the scoring rules for one framework version: the JSON as written. Immutable once
 * stored; the published version with the latest publishedAt scores new submissions. Shipped
 * versions come from rules/*.json (origin "file"); admins upload drafts, preview and publish them.
 */
export class RuleSetVersion extends Model<InferAttributes<RuleSetVersion>, InferCreationAttributes<RuleSetVersion>> {
  declare id: CreationOptional<number>
  declare frameworkVersionId: number
  /** 1, 2, 3… within the framework version. */
  declare version: number
  declare source: string
  declare sourceHash: string
  declare origin: 'file' | 'upload'
  declare partnershipId: number | null
  declare createdById: number | null
  declare publishedAt: Date | null
  declare publishedById: number | null
  declare createdAt: CreationOptional<Date>
  declare updatedAt: CreationOptional<Date>

  static initModel(sequelize: Sequelize): void {
    RuleSetVersion.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        frameworkVersionId: { type: DataTypes.INTEGER, allowNull: false },
        version: { type: DataTypes.INTEGER, allowNull: false },
        source: { type: DataTypes.TEXT, allowNull: false },
        sourceHash: { type: DataTypes.STRING(64), allowNull: false },
        origin: { type: DataTypes.STRING(10), allowNull: false },
        partnershipId: { type: DataTypes.INTEGER, allowNull: true },
        createdById: { type: DataTypes.INTEGER, allowNull: true },
        publishedAt: { type: DataTypes.DATE, allowNull: true },
        publishedById: { type: DataTypes.INTEGER, allowNull: true },
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'rule_sets', underscored: true },
    )
  }
}
