import { CreationOptional, DataTypes, InferAttributes, InferCreationAttributes, Model, Sequelize } from 'sequelize'

export const ACTION_SOURCE_KINDS = ['improvement_area', 'accepted_action', 'challenge', 'challenge_event_action', 'audit_case', 'review_recommendation'] as const
export type ActionSourceKind = (typeof ACTION_SOURCE_KINDS)[number]
export const actionSourceKindLabels: Record<ActionSourceKind, string> = {
  improvement_area: 'Self-assessment: area for improvement',
  accepted_action: 'Self-assessment: accepted suggested action',
  challenge: 'QA challenge',
  challenge_event_action: 'Challenge event',
  audit_case: 'Case audit',
  review_recommendation: 'Review recommendation',
}

/** What produced an action: its kind and the id of the record of that kind. One action can answer several sources. */
export class ActionSource extends Model<InferAttributes<ActionSource>, InferCreationAttributes<ActionSource>> {
  declare id: CreationOptional<number>
  declare actionId: number
  declare kind: ActionSourceKind
  declare sourceId: number
  declare createdAt: CreationOptional<Date>

  static initModel(sequelize: Sequelize): void {
    ActionSource.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        actionId: { type: DataTypes.INTEGER, allowNull: false },
        kind: { type: DataTypes.STRING(30), allowNull: false },
        sourceId: { type: DataTypes.INTEGER, allowNull: false },
        createdAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'action_sources', underscored: true, updatedAt: false },
    )
  }
}
