import { CreationOptional, DataTypes, InferAttributes, InferCreationAttributes, Model, NonAttribute, Sequelize } from 'sequelize'
import { jsonText } from './jsonText'
import type { Organisation } from './organisation.model'

export const returnStatuses = ['not_started', 'in_progress', 'submitted', 'under_review', 'returned', 'accepted'] as const
export type ReturnStatus = (typeof returnStatuses)[number]
export const returnStatusLabels: Record<ReturnStatus, string> = {
  not_started: 'Not started',
  in_progress: 'In progress',
  submitted: 'Submitted',
  under_review: 'Under review',
  returned: 'Returned for changes',
  accepted: 'Accepted',
}

/** The GOV.UK tag colour each status is shown in, wherever returns are listed. */
export const returnStatusTagClasses: Record<ReturnStatus, string> = {
  not_started: 'govuk-tag--grey',
  in_progress: 'govuk-tag--light-blue',
  submitted: 'govuk-tag--blue',
  under_review: 'govuk-tag--yellow',
  returned: 'govuk-tag--orange',
  accepted: 'govuk-tag--green',
}
/** Statuses that count as a response in response rates (a return sent back for changes was still returned once). */
export const respondedStatuses: ReturnStatus[] = ['submitted', 'under_review', 'returned', 'accepted']
/** Statuses the organisation can edit: drafts, and a return the partnership sent back for changes. */
export const editableStatuses: ReturnStatus[] = ['not_started', 'in_progress', 'returned']

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
  /** When it was last submitted (again, after being sent back for changes). */
  declare submittedAt: Date | null
  /** When it was first submitted: what its timeliness is judged by. */
  declare firstSubmittedAt: CreationOptional<Date | null>
  declare submittedById: CreationOptional<number | null>
  /** The lead's declaration: their name, job title, and that the senior safeguarding lead approved it. */
  declare declaration: CreationOptional<{ name: string; jobTitle: string; approvedBySeniorLead: true } | null>
  /** Why the partnership sent the return back for changes (while it is returned). */
  declare returnedReason: CreationOptional<string | null>
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
        firstSubmittedAt: { type: DataTypes.DATE, allowNull: true },
        submittedById: { type: DataTypes.INTEGER, allowNull: true },
        declaration: jsonText('declaration', true),
        returnedReason: { type: DataTypes.TEXT, allowNull: true },
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'returns', underscored: true },
    )
  }
}
