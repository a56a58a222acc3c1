import type { Sequelize } from 'sequelize'
import type { AuditEventService } from '../auditEvents/service'
import { Area, AreaChildPopulation } from '../db/models'
import { NotFoundError } from '../errors'
import type { PopulationInput } from './schema'

/** Each area's child population by ethnic group, which the case audits' sample check compares with. */
export class AreaPopulationService {
  constructor(
    private readonly sequelize: Sequelize,
    private readonly audit: AuditEventService,
  ) {}

  async figures(areaId: number): Promise<Record<string, number>> {
    const rows = await AreaChildPopulation.findAll({ where: { areaId } })
    return Object.fromEntries(rows.map((row) => [row.ethnicity, row.percent]))
  }

  /** Replaces the area's figures. */
  async set(actorUserId: number, areaId: number, input: PopulationInput): Promise<void> {
    const area = await Area.findByPk(areaId)
    if (!area) throw new NotFoundError('Area not found')
    const before = await this.figures(areaId)
    await this.sequelize.transaction(async (transaction) => {
      await AreaChildPopulation.destroy({ where: { areaId }, transaction })
      await AreaChildPopulation.bulkCreate(Object.entries(input).map(([ethnicity, percent]) => ({ areaId, ethnicity, percent })), { transaction })
      await this.audit.record(
        { actorUserId, partnershipId: area.partnershipId, action: 'area.child_population_set', entityType: 'area', entityId: areaId, before: Object.keys(before).length ? before : null, after: input },
        transaction,
      )
    })
  }
}
