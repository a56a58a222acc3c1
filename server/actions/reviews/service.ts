import type { Sequelize } from 'sequelize'
import type { AuditEventService } from '../../auditEvents/service'

/** Reviews the business unit enters (Rapid Review, CSPR, thematic review, inspection) with their numbered recommendations. */
export class PlanReviewService {
  constructor(
    private readonly sequelize: Sequelize,
    private readonly audit: AuditEventService,
    private readonly publicUrl: string,
    private readonly now: () => Date = () => new Date(),
  ) {}
}
