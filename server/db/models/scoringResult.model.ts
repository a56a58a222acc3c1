import { CreationOptional, DataTypes, InferAttributes, InferCreationAttributes, Model, Sequelize } from 'sequelize'
import type { ScoringOutcome } from '../../scoring/outcome'
import { jsonText } from './jsonText'

export type ScoringTrigger = 'submitted' | 'moderated' | 'rescored'

/**
 * One scoring of one return, with the rule set and framework version that produced it. Results are
 * only ever added: the latest is the current one, the rest are history. A failed scoring keeps the
 * reason and no outcome; the return itself is untouched.
 */
export class ScoringResult extends Model<InferAttributes<ScoringResult>, InferCreationAttributes<ScoringResult>> {
  declare id: CreationOptional<number>
  declare returnId: number
  declare ruleSetId: number
  declare frameworkVersionId: number
  declare trigger: ScoringTrigger
  declare scoringJobId: number | null
  declare status: 'scored' | 'failed'
  declare error: string | null
  declare outcome: ScoringOutcome | null
  /** How many flags, and how many serious ones, the outcome has (null when scoring failed). */
  declare flagCount: CreationOptional<number | null>
  declare seriousFlagCount: CreationOptional<number | null>
  declare createdAt: CreationOptional<Date>

  static initModel(sequelize: Sequelize): void {
    ScoringResult.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        returnId: { type: DataTypes.INTEGER, allowNull: false },
        ruleSetId: { type: DataTypes.INTEGER, allowNull: false },
        frameworkVersionId: { type: DataTypes.INTEGER, allowNull: false },
        trigger: { type: DataTypes.STRING(12), allowNull: false },
        scoringJobId: { type: DataTypes.INTEGER, allowNull: true },
        status: { type: DataTypes.STRING(10), allowNull: false },
        error: { type: DataTypes.TEXT, allowNull: true },
        outcome: jsonText('outcome', true),
        flagCount: { type: DataTypes.INTEGER, allowNull: true },
        seriousFlagCount: { type: DataTypes.INTEGER, allowNull: true },
        createdAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'scoring_results', underscored: true, updatedAt: false },
    )
  }
}
