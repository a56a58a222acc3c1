import { CreationOptional, DataTypes, InferAttributes, InferCreationAttributes, Model, Sequelize } from 'sequelize'

export const ACTION_STATUSES = ['draft', 'on_track', 'at_risk', 'off_track', 'completed', 'closed'] as const
export type ActionStatus = (typeof ACTION_STATUSES)[number]
export const actionStatusLabels: Record<ActionStatus, string> = {
  draft: 'Draft',
  on_track: 'Active: On track',
  at_risk: 'Active: At risk',
  off_track: 'Active: Off track',
  completed: 'Completed',
  closed: 'Closed without completion',
}
/** Statuses of an action still to be done. */
export const OPEN_STATUSES: readonly ActionStatus[] = ['draft', 'on_track', 'at_risk', 'off_track']
export const ACTIVE_STATUSES: readonly ActionStatus[] = ['on_track', 'at_risk', 'off_track']
export const ACTION_PRIORITIES = ['high', 'medium', 'low'] as const
export type ActionPriority = (typeof ACTION_PRIORITIES)[number]
export const actionPriorityLabels: Record<ActionPriority, string> = { high: 'High', medium: 'Medium', low: 'Low' }

/** An improvement action in the partnership's one plan: the outcome sought for children, its deliverable, owner, dates, status and priority. */
export class Action extends Model<InferAttributes<Action>, InferCreationAttributes<Action>> {
  declare id: CreationOptional<number>
  declare partnershipId: number
  declare title: string
  declare outcomeSought: string
  declare whyItMatters: string | null
  declare deliverable: string | null
  declare ownerOrganisationId: number | null
  declare ownerName: string
  declare areaId: number | null
  declare startsOn: string
  declare dueOn: string
  declare status: ActionStatus
  declare priority: ActionPriority
  declare closedReason: CreationOptional<string | null>
  declare signedOffById: CreationOptional<number | null>
  declare signedOffAt: CreationOptional<Date | null>
  declare lastUpdateAt: CreationOptional<Date | null>
  declare version: CreationOptional<number>
  declare createdById: number | null
  declare createdAt: CreationOptional<Date>
  declare updatedAt: CreationOptional<Date>

  static initModel(sequelize: Sequelize): void {
    Action.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        partnershipId: { type: DataTypes.INTEGER, allowNull: false },
        title: { type: DataTypes.STRING(200), allowNull: false },
        outcomeSought: { type: DataTypes.TEXT, allowNull: false },
        whyItMatters: { type: DataTypes.TEXT, allowNull: true },
        deliverable: { type: DataTypes.TEXT, allowNull: true },
        ownerOrganisationId: { type: DataTypes.INTEGER, allowNull: true },
        ownerName: { type: DataTypes.STRING(200), allowNull: false },
        areaId: { type: DataTypes.INTEGER, allowNull: true },
        startsOn: { type: DataTypes.DATEONLY, allowNull: false },
        dueOn: { type: DataTypes.DATEONLY, allowNull: false },
        status: { type: DataTypes.STRING(20), allowNull: false },
        priority: { type: DataTypes.STRING(10), allowNull: false },
        closedReason: { type: DataTypes.TEXT, allowNull: true },
        signedOffById: { type: DataTypes.INTEGER, allowNull: true },
        signedOffAt: { type: DataTypes.DATE, allowNull: true },
        lastUpdateAt: { type: DataTypes.DATE, allowNull: true },
        version: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 1 },
        createdById: { type: DataTypes.INTEGER, allowNull: true },
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'actions', underscored: true },
    )
  }
}
