import { CreationOptional, DataTypes, InferAttributes, InferCreationAttributes, Model, Sequelize } from 'sequelize'

export const dipSampleResults = ['improved', 'not_improved'] as const
export type DipSampleResult = (typeof dipSampleResults)[number]

/** A re-audit of a case agreed at a grade that needs one (Requires improvement, Inadequate), due three months after the workshop. */
export class AuditDipSample extends Model<InferAttributes<AuditDipSample>, InferCreationAttributes<AuditDipSample>> {
  declare caseId: number
  declare dueOn: string
  declare result: DipSampleResult | null
  declare notes: string | null
  declare recordedById: number | null
  declare recordedAt: Date | null
  declare createdAt: CreationOptional<Date>
  declare updatedAt: CreationOptional<Date>

  static initModel(sequelize: Sequelize): void {
    AuditDipSample.init(
      {
        caseId: { type: DataTypes.INTEGER, primaryKey: true },
        dueOn: { type: DataTypes.DATEONLY, allowNull: false },
        result: { type: DataTypes.STRING(20), allowNull: true, validate: { isIn: [dipSampleResults as unknown as string[]] } },
        notes: { type: DataTypes.TEXT, allowNull: true },
        recordedById: { type: DataTypes.INTEGER, allowNull: true },
        recordedAt: { type: DataTypes.DATE, allowNull: true },
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'audit_dip_samples', underscored: true },
    )
  }
}
