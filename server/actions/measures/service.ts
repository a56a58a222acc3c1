import type { Sequelize } from 'sequelize'
import type { AuditEventService } from '../../auditEvents/service'

/** How we will know we are making a difference: an action's measures and their dated readings. */
export class ActionMeasureService {
  constructor(
    private readonly sequelize: Sequelize,
    private readonly audit: AuditEventService,
    private readonly publicUrl: string,
    private readonly now: () => Date = () => new Date(),
  ) {}
}
