import type { Sequelize } from 'sequelize'
import type { AuditEventService } from '../auditEvents/service'

/** An action's life in the plan: created (from a source or not), defined, activated, updated, handed over, completed with sign-off, closed, escalated. */
export class ActionService {
  constructor(
    private readonly sequelize: Sequelize,
    private readonly audit: AuditEventService,
    private readonly publicUrl: string,
    private readonly now: () => Date = () => new Date(),
  ) {}
}
