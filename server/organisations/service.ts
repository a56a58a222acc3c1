import { Op, Sequelize, WhereOptions } from 'sequelize'
import { containsIgnoringCase } from '../db/search'
import { InvalidInputError, NotFoundError } from '../errors'
import { AuditEventService } from '../auditEvents/service'
import { setActiveRecorded } from '../auditEvents/setActiveRecorded'
import { Area, Organisation, Partnership, Sector } from '../db/models'
import { setAreasInPartnership } from './organisationAreas'
import type { OrganisationFilters, OrganisationInput } from './schema'

export interface OrganisationSnapshot {
  name: string
  role: string
  sectorKey: string
  sizeTier: string
  active: boolean
  areaIds: number[]
}

export function snapshot(organisation: Organisation, areaIds: number[]): OrganisationSnapshot {
  const { name, role, sectorKey, sizeTier, active } = organisation
  return { name, role, sectorKey, sizeTier, active: active ?? true, areaIds: [...areaIds].sort((a, b) => a - b) }
}

export class OrganisationService {
  constructor(
    private readonly sequelize: Sequelize,
    private readonly audit: AuditEventService,
  ) {}

  sectors(): Promise<Sector[]> {
    return Sector.findAll({ order: [['sortOrder', 'ASC']] })
  }

  areas(partnershipId: number): Promise<Area[]> {
    return Area.findAll({ where: { partnershipId }, order: [['name', 'ASC']] })
  }

  async list(partnershipId: number, filters: OrganisationFilters, pageSize = 25): Promise<{ organisations: Organisation[]; total: number }> {
    const conditions: WhereOptions[] = []
    if (filters.q) conditions.push(containsIgnoringCase('Organisation.name', filters.q))
    if (filters.role) conditions.push({ role: filters.role })
    if (filters.sector) conditions.push({ sectorKey: filters.sector })
    if (filters.status !== 'all') conditions.push({ active: filters.status === 'active' })
    const where = { [Op.and]: conditions }
    const areaFilter = filters.area ? { id: filters.area } : undefined
    const ids = await Organisation.findAll({
      attributes: ['id'],
      where,
      include: [
        { model: Partnership, as: 'partnerships', attributes: [], where: { id: partnershipId }, through: { attributes: [] } },
        ...(areaFilter ? [{ model: Area, as: 'areas', attributes: [], where: areaFilter, through: { attributes: [] } }] : []),
      ],
      order: [['name', 'ASC']],
    })
    const pageIds = ids.slice((filters.page - 1) * pageSize, filters.page * pageSize).map((row) => row.id)
    const organisations = await Organisation.findAll({
      where: { id: pageIds },
      include: [
        { model: Sector, as: 'sector' },
        { model: Area, as: 'areas', where: { partnershipId }, required: false, through: { attributes: [] } },
      ],
      order: [['name', 'ASC']],
    })
    return { organisations, total: ids.length }
  }

  /** An organisation as seen from one partnership; not found when it does not belong to it. */
  async get(partnershipId: number, id: number): Promise<Organisation> {
    const organisation = await Organisation.findByPk(id, {
      include: [
        { model: Sector, as: 'sector' },
        { model: Partnership, as: 'partnerships', through: { attributes: [] } },
        { model: Area, as: 'areas', through: { attributes: [] } },
      ],
    })
    if (!organisation || !organisation.partnerships?.some((partnership) => partnership.id === partnershipId)) {
      throw new NotFoundError(`Organisation ${id} not found`)
    }
    return organisation
  }

  async partnershipIdsOf(organisationId: number): Promise<number[]> {
    const organisation = await Organisation.findByPk(organisationId, {
      include: [{ model: Partnership, as: 'partnerships', attributes: ['id'], through: { attributes: [] } }],
    })
    return organisation?.partnerships?.map((partnership) => partnership.id) ?? []
  }

  /** Values a tampered form could send that the schema cannot know: the sector and the areas. */
  private async checkChoices(partnershipId: number, input: OrganisationInput): Promise<void> {
    if (!(await Sector.findByPk(input.sectorKey))) throw new InvalidInputError('sectorKey', 'Select a sector from the list')
    await this.checkAreas(partnershipId, input.areaIds)
  }

  private async checkAreas(partnershipId: number, areaIds: number[]): Promise<void> {
    const count = await Area.count({ where: { partnershipId, id: areaIds } })
    if (count !== new Set(areaIds).size) throw new InvalidInputError('areaIds', 'Select areas from this partnership')
  }

  async create(actorUserId: number, partnershipId: number, input: OrganisationInput): Promise<Organisation> {
    await this.checkChoices(partnershipId, input)
    return this.sequelize.transaction(async (transaction) => {
      const { areaIds, ...fields } = input
      const organisation = await Organisation.create(fields, { transaction })
      await this.sequelize.models.organisation_partnerships.create({ organisationId: organisation.id, partnershipId }, { transaction })
      await setAreasInPartnership(this.sequelize, organisation.id, partnershipId, areaIds, transaction)
      await this.audit.record(
        {
          actorUserId,
          partnershipId,
          action: 'organisation.created',
          entityType: 'organisation',
          entityId: organisation.id,
          after: snapshot(organisation, areaIds),
        },
        transaction,
      )
      return organisation
    })
  }

  async update(actorUserId: number, partnershipId: number, id: number, input: OrganisationInput): Promise<void> {
    await this.checkChoices(partnershipId, input)
    const organisation = await this.get(partnershipId, id)
    const before = snapshot(organisation, this.areaIdsIn(organisation, partnershipId))
    await this.sequelize.transaction(async (transaction) => {
      const { areaIds, ...fields } = input
      await organisation.update(fields, { transaction })
      await setAreasInPartnership(this.sequelize, id, partnershipId, areaIds, transaction)
      // A shared organisation's change shows on every partnership's activity, not only the one that made it.
      await this.audit.recordForEach(
        (organisation.partnerships ?? []).map((partnership) => partnership.id),
        { actorUserId, action: 'organisation.updated', entityType: 'organisation', entityId: id, before, after: snapshot(organisation, areaIds) },
        transaction,
      )
    })
  }

  async setActive(actorUserId: number, partnershipId: number, id: number, active: boolean): Promise<void> {
    const organisation = await this.get(partnershipId, id)
    const partnershipIds = (organisation.partnerships ?? []).map((partnership) => partnership.id)
    await setActiveRecorded(this.audit, organisation, 'organisation', { actorUserId, partnershipIds }, active)
  }

  areaIdsIn(organisation: Organisation, partnershipId: number): number[] {
    return (organisation.areas ?? []).filter((area) => area.partnershipId === partnershipId).map((area) => area.id)
  }
}
