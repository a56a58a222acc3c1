import type { Sequelize } from 'sequelize'
import type { AuditEventService } from '../../auditEvents/service'
import { AuditRound } from '../../db/models'
import { InvalidInputError, NotFoundError } from '../../errors'
import { missingSubmissions, roundSubmissions } from '../grading/queries'

/**
 * Closing a round once its workshop is done. Every involved agency should have submitted its grading
 * of every case; closing without one needs a recorded reason, kept with the round and in the audit trail.
 */
export class AuditRoundClosingService {
  constructor(
    private readonly sequelize: Sequelize,
    private readonly audit: AuditEventService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async close(actorUserId: number, roundId: number, reason: string | null): Promise<void> {
    await this.sequelize.transaction(async (transaction) => {
      const round = await AuditRound.findByPk(roundId, { transaction, lock: transaction.LOCK.UPDATE })
      if (!round) throw new NotFoundError('Audit round not found')
      if (round.status === 'closed') throw new InvalidInputError('reason', 'This round is already closed')
      const missing = missingSubmissions(await roundSubmissions(roundId, transaction))
      if (missing.length && !reason) {
        throw new InvalidInputError('reason', `Give a reason for closing the round while ${missing.length} agency grading${missing.length === 1 ? ' is' : 's are'} not submitted`)
      }
      const before = { status: round.status, closedReason: round.closedReason }
      await round.update({ status: 'closed', closedAt: this.now(), closedById: actorUserId, closedReason: reason }, { transaction })
      await this.audit.record(
        {
          actorUserId,
          partnershipId: round.partnershipId,
          action: 'audit_round.closed',
          entityType: 'audit_round',
          entityId: round.id,
          before,
          after: { status: 'closed', closedReason: reason, notSubmitted: missing.map((row) => ({ case: row.reference, organisationId: row.organisationId, status: row.status })) },
        },
        transaction,
      )
    })
  }
}
