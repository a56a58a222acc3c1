import { CreationOptional, DataTypes, InferAttributes, InferCreationAttributes, Model, Sequelize } from 'sequelize'

/** A pseudonymised case in a round ("Case A"): demographics for the sample check, never a name. */
export class AuditCase extends Model<InferAttributes<AuditCase>, InferCreationAttributes<AuditCase>> {
  declare id: CreationOptional<number>
  declare roundId: number
  declare reference: string
  declare ageBand: string
  declare sex: string
  declare ethnicity: string
  declare areaId: number | null
  declare whyChosen: string
  declare createdById: number | null
  declare createdAt: CreationOptional<Date>
  declare updatedAt: CreationOptional<Date>

  static initModel(sequelize: Sequelize): void {
    AuditCase.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        roundId: { type: DataTypes.INTEGER, allowNull: false },
        reference: { type: DataTypes.STRING(40), allowNull: false },
        ageBand: { type: DataTypes.STRING(20), allowNull: false },
        sex: { type: DataTypes.STRING(20), allowNull: false },
        ethnicity: { type: DataTypes.STRING(60), allowNull: false },
        areaId: { type: DataTypes.INTEGER, allowNull: true },
        whyChosen: { type: DataTypes.TEXT, allowNull: false },
        createdById: { type: DataTypes.INTEGER, allowNull: true },
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'audit_cases', underscored: true },
    )
  }
}
