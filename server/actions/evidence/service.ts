import type { Sequelize } from 'sequelize'
import type { AuditEventService } from '../../auditEvents/service'

/** An action's evidence items (text or file), tagged Impact / Evidence / Assurance / Learning / Challenge. */
export class ActionEvidenceService {
  constructor(
    private readonly sequelize: Sequelize,
    private readonly audit: AuditEventService,
    private readonly publicUrl: string,
    private readonly now: () => Date = () => new Date(),
  ) {}
}
