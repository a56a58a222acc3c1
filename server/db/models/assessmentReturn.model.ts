import { CreationOptional, DataTypes, InferAttributes, InferCreationAttributes, Model, NonAttribute, Sequelize } from 'sequelize'
import { jsonText } from './jsonText'
import type { Organisation } from './organisation.model'

export const returnStatuses = ['not_started', 'in_progress', 'submitted', 'accepted'] as const
export type ReturnStatus = (typeof returnStatuses)[number]
export const returnStatusLabels: Record<ReturnStatus, string> = {
  not_started: 'Not started',
  in_progress: 'In progress',
  submitted: 'Submitted',
  accepted: 'Accepted',
}
/** Statuses that count as a response in response rates. */
export const respondedStatuses: ReturnStatus[] = ['submitted', 'accepted']

/**
 * One organisation's self-assessment on one framework version. A return can belong to several
 * cycles (one per partnership), so an organisation in two partnerships files it once.
 */
export class AssessmentReturn extends Model<InferAttributes<AssessmentReturn>, InferCreationAttributes<AssessmentReturn>> {
  declare id: CreationOptional<number>
  declare organisationId: number
  declare frameworkVersionId: number
  declare firstCycleId: number
  declare status: ReturnStatus
  declare submittedAt: Date | null
  declare submittedById: CreationOptional<number | null>
  /** The lead's declaration: their name, job title, and that the senior safeguarding lead approved it. */
  declare declaration: CreationOptional<{ name: string; jobTitle: string; approvedBySeniorLead: true } | null>
  declare createdAt: CreationOptional<Date>
  declare updatedAt: CreationOptional<Date>

  declare organisation?: NonAttribute<Organisation>

  static initModel(sequelize: Sequelize): void {
    AssessmentReturn.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        organisationId: { type: DataTypes.INTEGER, allowNull: false },
        frameworkVersionId: { type: DataTypes.INTEGER, allowNull: false },
        firstCycleId: { type: DataTypes.INTEGER, allowNull: false },
        status: { type: DataTypes.STRING(20), allowNull: false, validate: { isIn: [returnStatuses as unknown as string[]] } },
        submittedAt: { type: DataTypes.DATE, allowNull: true },
        submittedById: { type: DataTypes.INTEGER, allowNull: true },
        declaration: jsonText('declaration', true),
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'returns', underscored: true },
    )
  }
}
