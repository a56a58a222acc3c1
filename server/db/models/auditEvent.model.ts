import { CreationOptional, DataTypes, InferAttributes, InferCreationAttributes, Model, NonAttribute, Sequelize } from 'sequelize'
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
    const json = (field: 'before' | 'after') => ({
      type: DataTypes.TEXT,
      allowNull: true,
      get(this: AuditEvent) {
        const raw = this.getDataValue(field) as unknown as string | null
        return raw === null || raw === undefined ? null : JSON.parse(raw)
      },
      set(this: AuditEvent, value: unknown) {
        this.setDataValue(field, (value === null || value === undefined ? null : JSON.stringify(value)) as unknown)
      },
    })
    AuditEvent.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        actorUserId: { type: DataTypes.INTEGER, allowNull: true },
        partnershipId: { type: DataTypes.INTEGER, allowNull: true },
        action: { type: DataTypes.STRING(100), allowNull: false },
        entityType: { type: DataTypes.STRING(60), allowNull: false },
        entityId: { type: DataTypes.STRING(60), allowNull: true },
        before: json('before'),
        after: json('after'),
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
