import type { Model } from 'sequelize'
import type { AuditEventService } from './service'

type Switchable = Model & { id: number; active?: boolean }

/**
 * Deactivates or reactivates a record (organisation, user) and records it, in one transaction.
 * Records are never deleted, so their history stays; asking for the state it already has does nothing.
 */
export async function setActiveRecorded(
  audit: AuditEventService,
  record: Switchable,
  entityType: string,
  who: { actorUserId: number; partnershipIds: number[] },
  active: boolean,
): Promise<void> {
  if (record.active === active) return
  await record.sequelize.transaction(async (transaction) => {
    await record.update({ active }, { transaction })
    await audit.recordForEach(
      who.partnershipIds,
      {
        actorUserId: who.actorUserId,
        action: `${entityType}.${active ? 'reactivated' : 'deactivated'}`,
        entityType,
        entityId: record.id,
        before: { active: !active },
        after: { active },
      },
      transaction,
    )
  })
}
