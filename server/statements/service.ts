import type { Sequelize } from 'sequelize'
import type { AuditEventService } from '../auditEvents/service'

/** Child Safeguarding Statements: written by an organisation, signed by its senior lead, approved (published) or returned by the partnership. */
export class StatementService {
  constructor(
    private readonly sequelize: Sequelize,
    private readonly audit: AuditEventService,
    private readonly publicUrl: string,
    private readonly now: () => Date = () => new Date(),
  ) {}
}
