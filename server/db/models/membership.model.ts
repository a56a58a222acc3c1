import { CreationOptional, DataTypes, InferAttributes, InferCreationAttributes, Model, NonAttribute, Sequelize } from 'sequelize'
import { Role, roles } from '../../auth/roles'
import type { Organisation } from './organisation.model'
import type { Partnership } from './partnership.model'

/** A user's role in one partnership (admin, QA reviewer, auditor) or one organisation (lead, contributor). */
export class Membership extends Model<InferAttributes<Membership>, InferCreationAttributes<Membership>> {
  declare id: CreationOptional<number>
  declare userId: number
  declare role: Role
  declare partnershipId: number | null
  declare organisationId: number | null
  declare createdAt: CreationOptional<Date>
  declare updatedAt: CreationOptional<Date>

  declare partnership?: NonAttribute<Partnership | null>
  declare organisation?: NonAttribute<Organisation | null>

  static initModel(sequelize: Sequelize): void {
    Membership.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        userId: { type: DataTypes.INTEGER, allowNull: false },
        role: { type: DataTypes.STRING(40), allowNull: false, validate: { isIn: [roles as unknown as string[]] } },
        partnershipId: { type: DataTypes.INTEGER, allowNull: true },
        organisationId: { type: DataTypes.INTEGER, allowNull: true },
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      {
        sequelize,
        tableName: 'memberships',
        underscored: true,
        validate: {
          exactlyOneScope(this: Membership) {
            if ((this.partnershipId === null) === (this.organisationId === null)) {
              throw new Error('A membership belongs to a partnership or an organisation, not both')
            }
          },
        },
      },
    )
  }
}
