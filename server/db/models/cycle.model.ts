import { jsonText } from './jsonText'
import { CreationOptional, DataTypes, InferAttributes, InferCreationAttributes, Model, NonAttribute, Sequelize } from 'sequelize'
import type { FrameworkVersion } from './frameworkVersion.model'

/** Who a cycle was issued to: the filters the admin chose. */
export interface CycleSelection {
  roles: string[]
  sectors: string[]
  areaIds: number[]
  sizeTiers: string[]
}

/** An assessment cycle: one partnership's round of self-assessments on one framework version. */
export class Cycle extends Model<InferAttributes<Cycle>, InferCreationAttributes<Cycle>> {
  declare id: CreationOptional<number>
  declare partnershipId: number
  declare frameworkVersionId: number
  declare name: string
  declare opensOn: string
  declare closesOn: string
  declare selection: CycleSelection
  declare issuedById: number | null
  declare createdAt: CreationOptional<Date>
  declare updatedAt: CreationOptional<Date>

  declare frameworkVersion?: NonAttribute<FrameworkVersion>

  static initModel(sequelize: Sequelize): void {
    Cycle.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        partnershipId: { type: DataTypes.INTEGER, allowNull: false },
        frameworkVersionId: { type: DataTypes.INTEGER, allowNull: false },
        name: { type: DataTypes.STRING(100), allowNull: false },
        opensOn: { type: DataTypes.DATEONLY, allowNull: false },
        closesOn: { type: DataTypes.DATEONLY, allowNull: false },
        selection: jsonText('selection'),
        issuedById: { type: DataTypes.INTEGER, allowNull: true },
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'cycles', underscored: true },
    )
  }
}
