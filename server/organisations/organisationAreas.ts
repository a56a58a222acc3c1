import type { Sequelize, Transaction } from 'sequelize'
import { Area } from '../db/models'

/** Replaces an organisation's areas in one partnership; its areas in other partnerships stay. */
export async function setAreasInPartnership(
  sequelize: Sequelize,
  organisationId: number,
  partnershipId: number,
  areaIds: number[],
  transaction: Transaction,
): Promise<void> {
  const link = sequelize.models.organisation_areas
  const partnershipAreaIds = (await Area.findAll({ where: { partnershipId }, attributes: ['id'], transaction })).map((area) => area.id)
  await link.destroy({ where: { organisationId, areaId: partnershipAreaIds }, transaction })
  await link.bulkCreate(
    [...new Set(areaIds)].map((areaId) => ({ organisationId, areaId })),
    { transaction },
  )
}
