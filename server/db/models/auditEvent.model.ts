import { CreationOptional, DataTypes, InferAttributes, InferCreationAttributes, Model, NonAttribute, Sequelize } from 'sequelize'
import { jsonText } from './jsonText'
import type { User } from './user.model'

/** Append-only record of every state change: who, what, when, before and after. */
export class AuditEvent extends Model<InferAttributes<AuditEvent>, InferCreationAttributes<AuditEvent>> {
  declare id: CreationOptional<number>
  declare actorUserId: number | null
  declare partnershipId: number | null
  declare action: string
  declare entityType: string
  declare entityId: string | null
  declare before: unknown
  declare after: unknown
  declare createdAt: CreationOptional<Date>

  declare actor?: NonAttribute<User | null>

  static initModel(sequelize: Sequelize): void {
    AuditEvent.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        actorUserId: { type: DataTypes.INTEGER, allowNull: true },
        partnershipId: { type: DataTypes.INTEGER, allowNull: true },
        action: { type: DataTypes.STRING(100), allowNull: false },
        entityType: { type: DataTypes.STRING(60), allowNull: false },
        entityId: { type: DataTypes.STRING(60), allowNull: true },
        before: jsonText('before', true),
        after: jsonText('after', true),
        createdAt: DataTypes.DATE,
      },
      {
        sequelize,
        tableName: 'audit_events',
        underscored: true,
        updatedAt: false,
        hooks: {
          beforeUpdate: () => {
            throw new Error('Audit events are append-only')
          },
          beforeDestroy: () => {
            throw new Error('Audit events are append-only')
          },
          beforeBulkUpdate: () => {
            throw new Error('Audit events are append-only')
          },
          beforeBulkDestroy: () => {
            throw new Error('Audit events are append-only')
          },
        },
      },
    )
  }
}
