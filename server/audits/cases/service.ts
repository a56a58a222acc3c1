import { Sequelize, Transaction, UniqueConstraintError } from 'sequelize'
import type { AuditEventService } from '../../auditEvents/service'
import { AuditCase, AuditGrading, AuditRound, Organisation } from '../../db/models'
import { InvalidInputError, NotFoundError } from '../../errors'
import { caseChoices } from './queries'
import { CaseInput, casePersonalData, PERSONAL_DATA_REFUSAL } from './schema'

const FIELDS = ['reference', 'ageBand', 'sex', 'ethnicity', 'areaId', 'whyChosen'] as const

/**
 * A round's cases. The audit trail names the fields that changed but keeps no values beyond the
 * pseudonymised reference and the agencies involved: the activity page is read by admins who may
 * not be the round's members, and case data is for members only.
 */
export class AuditCaseService {
  constructor(
    private readonly sequelize: Sequelize,
    private readonly audit: AuditEventService,
  ) {}

  private async check(round: AuditRound, input: CaseInput, caseId: number | null): Promise<number[]> {
    if (round.status !== 'open') throw new InvalidInputError('reference', 'This round is closed, so its cases can no longer be added or changed')
    if (casePersonalData(input).length && !input.confirmPersonalData) throw new InvalidInputError('confirmPersonalData', PERSONAL_DATA_REFUSAL)
    const choices = await caseChoices(round)
    if (!choices.areas.some((area) => area.id === input.areaId)) throw new InvalidInputError('areaId', 'Choose one of the round’s areas')
    if (input.agencyIds.some((id) => !choices.agencies.some((agency) => agency.id === id))) throw new InvalidInputError('agencyIds', 'Choose agencies taking part in the round')
    const others = await AuditCase.findAll({ where: { roundId: round.id }, attributes: ['id', 'reference'] })
    if (others.some((other) => other.id !== caseId && other.reference.toLowerCase() === input.reference.toLowerCase())) {
      throw new InvalidInputError('reference', `The round already has a case called ${input.reference}: give this one another reference`)
    }
    return [...new Set(input.agencyIds)].sort((a, b) => a - b)
  }

  private record(actorUserId: number, round: AuditRound, entry: AuditCase, action: string, before: object | null, after: object, transaction: Transaction) {
    return this.audit.record({ actorUserId, partnershipId: round.partnershipId, action, entityType: 'audit_case', entityId: entry.id, before, after: { roundId: round.id, ...after } }, transaction)
  }

  /** A unique index backs the check on the reference: two people adding "Case A" at once get a clear message, not a 500. */
  private async saving<T>(reference: string, write: () => Promise<T>): Promise<T> {
    try {
      return await write()
    } catch (error) {
      if (error instanceof UniqueConstraintError) throw new InvalidInputError('reference', `The round already has a case called ${reference}: give this one another reference`)
      throw error
    }
  }

  async create(actorUserId: number, round: AuditRound, input: CaseInput): Promise<AuditCase> {
    const agencyIds = await this.check(round, input, null)
    return this.saving(input.reference, () =>
      this.sequelize.transaction(async (transaction) => {
        const { reference, ageBand, sex, ethnicity, areaId, whyChosen } = input
        const entry = await AuditCase.create({ roundId: round.id, reference, ageBand, sex, ethnicity, areaId, whyChosen, createdById: actorUserId }, { transaction })
        await this.sequelize.models.audit_case_agencies.bulkCreate(agencyIds.map((organisationId) => ({ caseId: entry.id, organisationId })), { transaction })
        await this.record(actorUserId, round, entry, 'audit_case.created', null, { reference, agencyIds, personalDataConfirmed: input.confirmPersonalData && casePersonalData(input).length > 0 }, transaction)
        return entry
      }),
    )
  }

  /** Changes a case; an agency that has started grading it stays involved. */
  async update(actorUserId: number, round: AuditRound, caseId: number, input: CaseInput): Promise<void> {
    const agencyIds = await this.check(round, input, caseId)
    await this.saving(input.reference, () =>
      this.sequelize.transaction(async (transaction) => {
        const entry = await AuditCase.findOne({ where: { id: caseId, roundId: round.id }, transaction, lock: transaction.LOCK.UPDATE })
        if (!entry) throw new NotFoundError('Case not found in this round')
        const links = this.sequelize.models.audit_case_agencies
        const beforeAgencyIds = (await links.findAll({ where: { caseId }, transaction })).map((link) => link.get('organisationId') as number).sort((a, b) => a - b)
        const graded = await AuditGrading.findAll({ where: { caseId }, attributes: ['organisationId'], transaction })
        const dropped = graded.find((grading) => !agencyIds.includes(grading.organisationId))
        if (dropped) {
          const agency = await Organisation.findByPk(dropped.organisationId, { attributes: ['name'], transaction })
          throw new InvalidInputError('agencyIds', `${agency?.name ?? 'An agency'} has started grading ${entry.reference}, so it stays involved`)
        }
        const changed = FIELDS.filter((field) => entry[field] !== input[field])
        const before = { reference: entry.reference, agencyIds: beforeAgencyIds }
        await entry.update(Object.fromEntries(FIELDS.map((field) => [field, input[field]])), { transaction })
        await links.destroy({ where: { caseId }, transaction })
        await links.bulkCreate(agencyIds.map((organisationId) => ({ caseId, organisationId })), { transaction })
        await this.record(actorUserId, round, entry, 'audit_case.updated', before, { reference: input.reference, agencyIds, changed, personalDataConfirmed: input.confirmPersonalData && casePersonalData(input).length > 0 }, transaction)
      }),
    )
  }

  /** Every view of a case is on the record: who opened which case, when. */
  async recordView(actorUserId: number, round: AuditRound, caseId: number, reference: string): Promise<void> {
    await this.audit.record({ actorUserId, partnershipId: round.partnershipId, action: 'audit_case.viewed', entityType: 'audit_case', entityId: caseId, before: null, after: { roundId: round.id, reference } })
  }
}
