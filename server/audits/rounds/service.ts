import { Sequelize, Transaction } from 'sequelize'
import type { AuditEventService } from '../../auditEvents/service'
import { AuditCase, AuditDipSample, AuditRound, AuditRoundMember, Area } from '../../db/models'
import { InvalidInputError, NotFoundError } from '../../errors'
import { canAuditFor, canFacilitate, roundChoices, RoundChoices } from './queries'
import { auditorField, RoundInput } from './schema'
import { dipSampleDueOn } from '../workshop/dipSamples'

/** A round's set-up as the audit trail keeps it. */
interface RoundSnapshot {
  title: string
  theme: string
  whyNow: string
  toolKey: string
  gradingOpensOn: string
  gradingDueOn: string
  workshopOn: string
  delivery: string
  commissionedFrom: string | null
  areaIds: number[]
  agencyIds: number[]
  facilitatorIds: number[]
  auditors: { organisationId: number; userId: number }[]
}

const sorted = (values: number[]) => [...new Set(values)].sort((a, b) => a - b)

/**
 * Audit rounds: setting one up (the tool's definition copied onto it) and changing the set-up while
 * it is open. The tool cannot change once a case exists; an area or agency a case uses cannot be removed.
 */
export class AuditRoundService {
  constructor(
    private readonly sequelize: Sequelize,
    private readonly audit: AuditEventService,
  ) {}

  /** Values a tampered form could send that the schema cannot know: areas, tool, people and agencies must be the partnership's. */
  private async check(partnershipId: number, input: RoundInput): Promise<{ choices: RoundChoices; snapshot: RoundSnapshot }> {
    const choices = await roundChoices(partnershipId)
    if (input.areaIds.some((id) => !choices.areas.some((area) => area.id === id))) throw new InvalidInputError('areaIds', 'Choose areas of the partnership')
    if (!choices.tools.some((tool) => tool.key === input.toolKey)) throw new InvalidInputError('toolKey', 'Choose one of the audit tools listed')
    if (input.agencyIds.some((id) => !choices.agencies.some((agency) => agency.id === id))) throw new InvalidInputError('agencyIds', 'Choose agencies from the partnership’s organisations')
    const person = (id: number) => choices.people.find((candidate) => candidate.id === id)
    if (input.facilitatorIds.some((id) => !person(id) || !canFacilitate(person(id)!))) {
      throw new InvalidInputError('facilitatorIds', 'Choose facilitators from the partnership’s admins, QA reviewers and auditors')
    }
    for (const { organisationId, userId } of input.auditors) {
      const candidate = person(userId)
      const agency = choices.agencies.find((entry) => entry.id === organisationId)!
      if (!candidate) throw new InvalidInputError(auditorField(organisationId), `Choose the auditor for ${agency.name} from the list`)
      if (!canAuditFor(candidate, organisationId)) {
        throw new InvalidInputError(auditorField(organisationId), `${candidate.name} cannot audit for ${agency.name}: people from an organisation audit only for their own`)
      }
    }
    return {
      choices,
      snapshot: {
        title: input.title,
        theme: input.theme,
        whyNow: input.whyNow,
        toolKey: input.toolKey,
        gradingOpensOn: input.gradingOpensOn,
        gradingDueOn: input.gradingDueOn,
        workshopOn: input.workshopOn,
        delivery: input.delivery,
        commissionedFrom: input.delivery === 'commissioned' ? input.commissionedFrom : null,
        areaIds: sorted(input.areaIds),
        agencyIds: sorted(input.agencyIds),
        facilitatorIds: sorted(input.facilitatorIds),
        auditors: input.auditors.map(({ organisationId, userId }) => ({ organisationId, userId })).sort((a, b) => a.organisationId - b.organisationId),
      },
    }
  }

  private async writeLinks(roundId: number, snapshot: RoundSnapshot, transaction: Transaction): Promise<void> {
    const { audit_round_areas: areas, audit_round_agencies: agencies } = this.sequelize.models
    await areas.bulkCreate(snapshot.areaIds.map((areaId) => ({ roundId, areaId })), { transaction })
    await agencies.bulkCreate(snapshot.agencyIds.map((organisationId) => ({ roundId, organisationId })), { transaction })
    await AuditRoundMember.bulkCreate(
      [
        ...snapshot.facilitatorIds.map((userId) => ({ roundId, userId, role: 'facilitator' as const, organisationId: null })),
        ...snapshot.auditors.map(({ organisationId, userId }) => ({ roundId, userId, role: 'auditor' as const, organisationId })),
      ],
      { transaction },
    )
  }

  private record(actorUserId: number, round: AuditRound, action: string, before: object | null, after: object, transaction: Transaction) {
    return this.audit.record({ actorUserId, partnershipId: round.partnershipId, action, entityType: 'audit_round', entityId: round.id, before, after }, transaction)
  }

  async create(actorUserId: number, partnershipId: number, input: RoundInput): Promise<AuditRound> {
    const { choices, snapshot } = await this.check(partnershipId, input)
    const tool = choices.tools.find((candidate) => candidate.key === snapshot.toolKey)!
    return this.sequelize.transaction(async (transaction) => {
      const { areaIds, agencyIds, facilitatorIds, auditors, ...fields } = snapshot
      const round = await AuditRound.create({ ...fields, partnershipId, delivery: input.delivery, toolDefinition: tool, closedAt: null, closedById: null, closedReason: null, createdById: actorUserId }, { transaction })
      await this.writeLinks(round.id, snapshot, transaction)
      await this.record(actorUserId, round, 'audit_round.created', null, snapshot, transaction)
      return round
    })
  }

  /**
   * Changes an open round's set-up. A new tool is copied only when the tool changes, which is
   * refused once the round has a case (its gradings follow the tool's domains).
   */
  async update(actorUserId: number, roundId: number, input: RoundInput): Promise<void> {
    const existing = await AuditRound.findByPk(roundId)
    if (!existing) throw new NotFoundError('Audit round not found')
    const { choices, snapshot } = await this.check(existing.partnershipId, input)
    await this.sequelize.transaction(async (transaction) => {
      const round = await AuditRound.findByPk(roundId, { transaction, lock: transaction.LOCK.UPDATE })
      if (!round) throw new NotFoundError('Audit round not found')
      if (round.status !== 'open') throw new InvalidInputError('title', 'This round is closed, so its set-up can no longer be changed')
      const before = await this.snapshot(round, transaction)
      const cases = await AuditCase.findAll({ where: { roundId }, attributes: ['id', 'reference', 'areaId'], transaction })
      if (snapshot.toolKey !== round.toolKey && cases.length) throw new InvalidInputError('toolKey', 'The audit tool cannot change once the round has a case')
      for (const entry of cases) {
        if (entry.areaId !== null && !snapshot.areaIds.includes(entry.areaId)) {
          const area = await Area.findByPk(entry.areaId, { attributes: ['name'], transaction })
          throw new InvalidInputError('areaIds', `${entry.reference} is in ${area?.name ?? 'an area you removed'}: change the case’s area before removing the area`)
        }
      }
      const involved = await this.sequelize.models.audit_case_agencies.findAll({ where: { caseId: cases.map((entry) => entry.id) }, transaction })
      for (const link of involved) {
        const organisationId = link.get('organisationId') as number
        if (!snapshot.agencyIds.includes(organisationId)) {
          const reference = cases.find((entry) => entry.id === link.get('caseId'))!.reference
          throw new InvalidInputError('agencyIds', `${choices.agencies.find((agency) => agency.id === organisationId)?.name ?? 'An agency you removed'} is involved in ${reference}: remove it from the case before removing it from the round`)
        }
      }
      const { areaIds, agencyIds, facilitatorIds, auditors, ...fields } = snapshot
      const tool = snapshot.toolKey === round.toolKey ? round.toolDefinition : choices.tools.find((candidate) => candidate.key === snapshot.toolKey)!
      const workshopMoved = round.workshopOn !== snapshot.workshopOn
      await round.update({ ...fields, delivery: input.delivery, toolDefinition: tool }, { transaction })
      // Dip samples are due three months after the workshop: a moved workshop moves those not yet done.
      if (workshopMoved && cases.length) {
        await AuditDipSample.update({ dueOn: dipSampleDueOn(snapshot.workshopOn) }, { where: { caseId: cases.map((entry) => entry.id), result: null }, transaction })
      }
      await this.sequelize.models.audit_round_areas.destroy({ where: { roundId }, transaction })
      await this.sequelize.models.audit_round_agencies.destroy({ where: { roundId }, transaction })
      await AuditRoundMember.destroy({ where: { roundId }, transaction })
      await this.writeLinks(roundId, snapshot, transaction)
      await this.record(actorUserId, round, 'audit_round.updated', before, snapshot, transaction)
    })
  }

  private async snapshot(round: AuditRound, transaction: Transaction): Promise<RoundSnapshot> {
    // One after another: a transaction's connection runs one query at a time.
    const areas = await this.sequelize.models.audit_round_areas.findAll({ where: { roundId: round.id }, transaction })
    const agencies = await this.sequelize.models.audit_round_agencies.findAll({ where: { roundId: round.id }, transaction })
    const members = await AuditRoundMember.findAll({ where: { roundId: round.id }, transaction })
    return {
      title: round.title,
      theme: round.theme,
      whyNow: round.whyNow,
      toolKey: round.toolKey,
      gradingOpensOn: round.gradingOpensOn,
      gradingDueOn: round.gradingDueOn,
      workshopOn: round.workshopOn,
      delivery: round.delivery,
      commissionedFrom: round.commissionedFrom,
      areaIds: sorted(areas.map((link) => link.get('areaId') as number)),
      agencyIds: sorted(agencies.map((link) => link.get('organisationId') as number)),
      facilitatorIds: sorted(members.filter((member) => member.role === 'facilitator').map((member) => member.userId)),
      auditors: members
        .filter((member) => member.role === 'auditor' && member.organisationId !== null)
        .map((member) => ({ organisationId: member.organisationId!, userId: member.userId }))
        .sort((a, b) => a.organisationId - b.organisationId),
    }
  }
}
