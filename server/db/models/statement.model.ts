import { CreationOptional, DataTypes, InferAttributes, InferCreationAttributes, Model, Sequelize } from 'sequelize'
import { jsonText } from './jsonText'

export const STATEMENT_STATUSES = ['draft', 'submitted', 'returned', 'approved', 'superseded'] as const
export type StatementStatus = (typeof STATEMENT_STATUSES)[number]
export const statementStatusLabels: Record<StatementStatus, string> = {
  draft: 'Draft',
  submitted: 'Submitted',
  returned: 'Returned',
  approved: 'Published',
  superseded: 'Superseded',
}

export type Level = 'low' | 'medium' | 'high'
export interface StatementRisk {
  risk: string
  whereOrWhen: string
  likelihood: Level | ''
  seriousness: Level | ''
  procedure: string
}
export interface ProcedureReference {
  documentName: string
  /** YYYY-MM-DD, or '' when not yet given. */
  lastReviewedOn: string
}
export const PROCEDURE_KEYS = ['managingRisks', 'allegations', 'saferRecruitment', 'trainingAndInformation', 'reportingConcerns', 'designatedList', 'appointingRelevantPerson'] as const
export type ProcedureKey = (typeof PROCEDURE_KEYS)[number]
export interface RelevantPerson {
  name: string
  role: string
  contact: string
}
/** What the organisation writes; stored as JSON in statements.content. */
export interface StatementContent {
  service: { description: string; childrenAndYoungPeople: string; locations: string }
  principles: string
  risks: StatementRisk[]
  procedures: Record<ProcedureKey, ProcedureReference>
  relevantPersons: RelevantPerson[]
}

/** One version of an organisation's Child Safeguarding Statement for a partnership. */
export class Statement extends Model<InferAttributes<Statement>, InferCreationAttributes<Statement>> {
  declare id: CreationOptional<number>
  declare organisationId: number
  declare partnershipId: number
  declare version: number
  declare status: StatementStatus
  declare content: StatementContent
  declare signedByName: CreationOptional<string | null>
  declare signedByRole: CreationOptional<string | null>
  declare signedAt: CreationOptional<Date | null>
  declare effectiveOn: CreationOptional<string | null>
  declare reviewOn: CreationOptional<string | null>
  declare basedOnId: CreationOptional<number | null>
  declare returnReason: CreationOptional<string | null>
  declare submittedById: CreationOptional<number | null>
  declare decidedById: CreationOptional<number | null>
  declare submittedAt: CreationOptional<Date | null>
  declare decidedAt: CreationOptional<Date | null>
  declare publishedAt: CreationOptional<Date | null>
  declare supersededAt: CreationOptional<Date | null>
  declare lockVersion: CreationOptional<number>
  declare createdById: number | null
  declare createdAt: CreationOptional<Date>
  declare updatedAt: CreationOptional<Date>

  static initModel(sequelize: Sequelize): void {
    Statement.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        organisationId: { type: DataTypes.INTEGER, allowNull: false },
        partnershipId: { type: DataTypes.INTEGER, allowNull: false },
        version: { type: DataTypes.INTEGER, allowNull: false },
        status: { type: DataTypes.STRING(12), allowNull: false },
        content: jsonText('content'),
        signedByName: { type: DataTypes.STRING(200), allowNull: true },
        signedByRole: { type: DataTypes.STRING(200), allowNull: true },
        signedAt: { type: DataTypes.DATE, allowNull: true },
        effectiveOn: { type: DataTypes.DATEONLY, allowNull: true },
        reviewOn: { type: DataTypes.DATEONLY, allowNull: true },
        basedOnId: { type: DataTypes.INTEGER, allowNull: true },
        returnReason: { type: DataTypes.TEXT, allowNull: true },
        submittedById: { type: DataTypes.INTEGER, allowNull: true },
        decidedById: { type: DataTypes.INTEGER, allowNull: true },
        submittedAt: { type: DataTypes.DATE, allowNull: true },
        decidedAt: { type: DataTypes.DATE, allowNull: true },
        publishedAt: { type: DataTypes.DATE, allowNull: true },
        supersededAt: { type: DataTypes.DATE, allowNull: true },
        lockVersion: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 1 },
        createdById: { type: DataTypes.INTEGER, allowNull: true },
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'statements', underscored: true },
    )
  }
}
