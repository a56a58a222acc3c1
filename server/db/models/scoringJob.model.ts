import { CreationOptional, DataTypes, InferAttributes, InferCreationAttributes, Model, Sequelize } from 'sequelize'

export type ScoringJobStatus = 'queued' | 'running' | 'paused' | 'finished'

/**
 * Rescoring every submitted return of a cycle, in return id order. `lastReturnId` is the resume
 * point; `heartbeatAt` shows a worker (an app instance or the CLI) is on it, so a job whose worker
 * stopped is picked up again rather than run twice.
 */
export class ScoringJob extends Model<InferAttributes<ScoringJob>, InferCreationAttributes<ScoringJob>> {
  declare id: CreationOptional<number>
  declare cycleId: number
  declare ruleSetId: number
  declare status: ScoringJobStatus
  declare total: number
  declare done: CreationOptional<number>
  declare failed: CreationOptional<number>
  declare lastReturnId: CreationOptional<number>
  declare heartbeatAt: Date | null
  declare finishedAt: Date | null
  declare createdById: number | null
  declare createdAt: CreationOptional<Date>
  declare updatedAt: CreationOptional<Date>

  static initModel(sequelize: Sequelize): void {
    ScoringJob.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        cycleId: { type: DataTypes.INTEGER, allowNull: false },
        ruleSetId: { type: DataTypes.INTEGER, allowNull: false },
        status: { type: DataTypes.STRING(10), allowNull: false },
        total: { type: DataTypes.INTEGER, allowNull: false },
        done: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        failed: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        lastReturnId: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        heartbeatAt: { type: DataTypes.DATE, allowNull: true },
        finishedAt: { type: DataTypes.DATE, allowNull: true },
        createdById: { type: DataTypes.INTEGER, allowNull: true },
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'scoring_jobs', underscored: true },
    )
  }
}
