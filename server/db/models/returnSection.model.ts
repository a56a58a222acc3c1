import { DataTypes, InferAttributes, InferCreationAttributes, Model, Sequelize } from 'sequelize'

export const sectionStatuses = ['not_started', 'in_progress', 'completed'] as const
export type SectionStatus = (typeof sectionStatuses)[number]
export const sectionStatusLabels: Record<SectionStatus, string> = { not_started: 'Not started', in_progress: 'In progress', completed: 'Completed' }

/** A standard of a return as its authors work on it: its status and an edit version (optimistic locking). */
export class ReturnSection extends Model<InferAttributes<ReturnSection>, InferCreationAttributes<ReturnSection>> {
  declare returnId: number
  declare standardKey: string
  declare status: SectionStatus
  declare version: number
  declare updatedById: number | null
  declare updatedAt: Date

  static initModel(sequelize: Sequelize): void {
    ReturnSection.init(
      {
        returnId: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true },
        standardKey: { type: DataTypes.STRING(60), allowNull: false, primaryKey: true },
        status: { type: DataTypes.STRING(20), allowNull: false },
        version: { type: DataTypes.INTEGER, allowNull: false },
        updatedById: { type: DataTypes.INTEGER, allowNull: true },
        updatedAt: { type: DataTypes.DATE, allowNull: false },
      },
      { sequelize, tableName: 'return_sections', underscored: true, createdAt: false, updatedAt: false },
    )
  }
}
