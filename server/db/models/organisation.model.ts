import {
  Association,
  CreationOptional,
  DataTypes,
  InferAttributes,
  InferCreationAttributes,
  Model,
  NonAttribute,
  Sequelize,
} from 'sequelize'
import type { Area } from './area.model'
import type { Partnership } from './partnership.model'
import type { Sector } from './sector.model'
import { OrganisationRoleKind, SizeTier, organisationRoleKinds, sizeTiers } from './organisationKinds'

export class Organisation extends Model<InferAttributes<Organisation>, InferCreationAttributes<Organisation>> {
  declare id: CreationOptional<number>
  declare name: string
  declare role: OrganisationRoleKind
  declare sectorKey: string
  declare sizeTier: SizeTier
  declare active: CreationOptional<boolean>
  declare createdAt: CreationOptional<Date>
  declare updatedAt: CreationOptional<Date>

  declare areas?: NonAttribute<Area[]>
  declare partnerships?: NonAttribute<Partnership[]>
  declare sector?: NonAttribute<Sector>

  declare static associations: {
    areas: Association<Organisation, Area>
    partnerships: Association<Organisation, Partnership>
  }

  static initModel(sequelize: Sequelize): void {
    Organisation.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        name: { type: DataTypes.STRING(200), allowNull: false },
        role: { type: DataTypes.STRING(40), allowNull: false, validate: { isIn: [organisationRoleKinds as unknown as string[]] } },
        sectorKey: { type: DataTypes.STRING(50), allowNull: false },
        sizeTier: { type: DataTypes.STRING(10), allowNull: false, validate: { isIn: [sizeTiers as unknown as string[]] } },
        active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'organisations', underscored: true },
    )
  }
}
