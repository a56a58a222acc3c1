import { Op, Sequelize } from 'sequelize'
import { AuditEventService } from '../auditEvents/service'
import { Area, Organisation, Partnership, Sector } from '../db/models'
import { containsIgnoringCase } from '../db/search'
import { InvalidInputError, NotFoundError } from '../errors'
import { setAreasInPartnership } from './organisationAreas'

/**
 * An organisation working across partnerships (a police force, an NHS trust) is one record that
 * each partnership adds to itself, so it files one return rather than one per partnership.
 */
export class OrganisationJoinService {
  constructor(
    private readonly sequelize: Sequelize,
    private readonly audit: AuditEventService,
  ) {}

  /** Active organisations of other partnerships whose name contains the text (at least 3 characters). */
  async findElsewhere(partnershipId: number, text: string): Promise<Organisation[]> {
    if (text.trim().length < 3) return []
    const inThisPartnership = (await this.sequelize.models.organisation_partnerships.findAll({ where: { partnershipId }, attributes: ['organisationId'] })).map(
      (row) => row.get('organisationId') as number,
    )
    return Organisation.findAll({
      where: { [Op.and]: [containsIgnoringCase('Organisation.name', text.trim()), { active: true }, { id: { [Op.notIn]: inThisPartnership.length ? inThisPartnership : [0] } }] },
      include: [
        { model: Sector, as: 'sector' },
        { model: Partnership, as: 'partnerships', attributes: ['name'], through: { attributes: [] } },
      ],
      order: [['name', 'ASC']],
      limit: 20,
    })
  }

  async organisation(organisationId: number): Promise<Organisation> {
    const organisation = await Organisation.findByPk(organisationId, { include: [{ model: Partnership, as: 'partnerships', attributes: ['id', 'name'], through: { attributes: [] } }] })
    if (!organisation || !organisation.active) throw new NotFoundError(`Organisation ${organisationId} not found`)
    return organisation
  }

  async join(actorUserId: number, partnershipId: number, organisationId: number, areaIds: number[]): Promise<Organisation> {
    const organisation = await this.organisation(organisationId)
    const partnershipIds = (organisation.partnerships ?? []).map((partnership) => partnership.id)
    if (partnershipIds.includes(partnershipId)) throw new InvalidInputError('areaIds', `${organisation.name} is already in this partnership`)
    if ((await Area.count({ where: { partnershipId, id: areaIds } })) !== new Set(areaIds).size) {
      throw new InvalidInputError('areaIds', 'Select areas from this partnership')
    }
    await this.sequelize.transaction(async (transaction) => {
      await this.sequelize.models.organisation_partnerships.create({ organisationId, partnershipId }, { transaction })
      await setAreasInPartnership(this.sequelize, organisationId, partnershipId, areaIds, transaction)
      await this.audit.recordForEach(
        [...partnershipIds, partnershipId],
        { actorUserId, action: 'organisation.joined_partnership', entityType: 'organisation', entityId: organisationId, after: { partnershipId, areaIds } },
        transaction,
      )
    })
    return organisation
  }
}
