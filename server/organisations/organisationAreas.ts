import type { Sequelize, Transaction } from 'sequelize'
import { Area, Organisation } from '../db/models'

/**
 * Replaces an organisation's areas in one partnership; its areas in other partnerships stay. The
 * organisation counts as changed, so the public directory's Last-Modified moves on with its areas.
 */
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
  // Sequelize's update skips a change of updatedAt alone; marking it changed on the row saves it.
  const organisation = await Organisation.findByPk(organisationId, { attributes: ['id', 'updatedAt'], transaction })
  organisation?.changed('updatedAt', true)
  await organisation?.save({ transaction })
}
