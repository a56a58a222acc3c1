import { CreationOptional, DataTypes, InferAttributes, InferCreationAttributes, Model, Sequelize } from 'sequelize'

/** An outcome-focused action the workshop created for a case: what will be different for children, who owns it, by when. */
export class AuditAction extends Model<InferAttributes<AuditAction>, InferCreationAttributes<AuditAction>> {
  declare id: CreationOptional<number>
  declare caseId: number
  declare title: string
  declare outcomeSought: string
  declare ownerOrganisationId: number | null
  declare ownerName: string
  declare dueOn: string
  declare createdById: number | null
  declare createdAt: CreationOptional<Date>
  declare updatedAt: CreationOptional<Date>

  static initModel(sequelize: Sequelize): void {
    AuditAction.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        caseId: { type: DataTypes.INTEGER, allowNull: false },
        title: { type: DataTypes.STRING(200), allowNull: false },
        outcomeSought: { type: DataTypes.TEXT, allowNull: false },
        ownerOrganisationId: { type: DataTypes.INTEGER, allowNull: true },
        ownerName: { type: DataTypes.STRING(200), allowNull: false },
        dueOn: { type: DataTypes.DATEONLY, allowNull: false },
        createdById: { type: DataTypes.INTEGER, allowNull: true },
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'audit_actions', underscored: true },
    )
  }
}
