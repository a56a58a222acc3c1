import { Op, Sequelize, Transaction } from 'sequelize'
import { AuditEventService } from '../auditEvents/service'
import { Area, AssessmentReturn, Cycle, CycleReturn, Membership, Organisation, Partnership, User } from '../db/models'
import { InvalidInputError } from '../errors'
import { formatDate } from '../forms/dates'
import { queueEmails } from '../mail/outbox'
import { FrameworkService } from '../standards/service'
import type { CycleInput, SelectionInput } from './schema'

/**
 * Issuing a cycle: choosing organisations, then creating the cycle, one return per organisation
 * and the emails to their leads, all in one transaction.
 */
export class CycleIssueService {
  constructor(
    private readonly sequelize: Sequelize,
    private readonly audit: AuditEventService,
    private readonly frameworks: FrameworkService,
    private readonly publicUrl: string,
  ) {}

  /** Active organisations of the partnership matching every chosen filter (an empty filter matches all). */
  async matchingOrganisations(partnershipId: number, selection: SelectionInput): Promise<Organisation[]> {
    const organisations = await Organisation.findAll({
      where: {
        active: true,
        ...(selection.roles.length ? { role: selection.roles } : {}),
        ...(selection.sectors.length ? { sectorKey: selection.sectors } : {}),
        ...(selection.sizeTiers.length ? { sizeTier: selection.sizeTiers } : {}),
      },
      include: [
        { model: Partnership, as: 'partnerships', attributes: [], where: { id: partnershipId }, through: { attributes: [] } },
        { model: Area, as: 'areas', attributes: ['id', 'name', 'partnershipId'], where: { partnershipId }, required: false, through: { attributes: [] } },
      ],
      order: [['name', 'ASC']],
    })
    if (!selection.areaIds.length) return organisations
    return organisations.filter((organisation) => organisation.areas?.some((area) => selection.areaIds.includes(area.id)))
  }

  async issue(actorUserId: number, partnershipId: number, input: CycleInput): Promise<{ cycle: Cycle; issued: number; shared: number }> {
    const version = await this.frameworks.get(partnershipId, input.frameworkVersionId)
    const selection = { roles: input.roles, sectors: input.sectors, areaIds: input.areaIds, sizeTiers: input.sizeTiers }
    const organisations = await this.matchingOrganisations(partnershipId, selection)
    if (organisations.length === 0) throw new InvalidInputError('roles', 'No active organisations match these choices: widen them to issue the cycle')
    if (await Cycle.count({ where: { partnershipId, name: input.name } })) {
      throw new InvalidInputError('name', `A cycle called “${input.name}” has already been issued`)
    }
    const organisationIds = organisations.map((organisation) => organisation.id)

    return this.sequelize.transaction(async (transaction) => {
      const cycle = await Cycle.create(
        { partnershipId, frameworkVersionId: version.id, name: input.name, opensOn: input.opensOn, closesOn: input.closesOn, selection, issuedById: actorUserId },
        { transaction },
      )
      // An organisation already answering this version for a cycle whose period overlaps this
      // one (another partnership's round of the same year) shares that return, not a duplicate.
      const running = await AssessmentReturn.findAll({
        attributes: ['id', 'organisationId'],
        where: { organisationId: organisationIds, frameworkVersionId: version.id, status: { [Op.ne]: 'accepted' } },
        include: [{ model: CycleReturn, as: 'cycleReturns', attributes: [], required: true, include: [{ model: Cycle, as: 'cycle', attributes: [], where: { closesOn: { [Op.gte]: input.opensOn }, opensOn: { [Op.lte]: input.closesOn } } }] }],
        transaction,
      })
      const shared = new Map(running.map((found) => [found.organisationId, found.id]))
      await AssessmentReturn.bulkCreate(
        organisationIds
          .filter((id) => !shared.has(id))
          .map((organisationId) => ({ organisationId, frameworkVersionId: version.id, firstCycleId: cycle.id, status: 'not_started' as const, submittedAt: null })),
        { transaction },
      )
      const created = await AssessmentReturn.findAll({ attributes: ['id', 'organisationId'], where: { firstCycleId: cycle.id }, transaction })
      const returnIds = [...created.map((row) => row.id), ...shared.values()]
      await CycleReturn.bulkCreate(
        returnIds.map((returnId) => ({ cycleId: cycle.id, returnId, dueOn: input.closesOn, withdrawnAt: null, lastRemindedAt: null })),
        { transaction },
      )
      const partnership = await Partnership.findByPk(partnershipId, { transaction })
      const leads = await this.leadsOf(organisationIds, transaction)
      await queueEmails(
        leads.map(({ email, name, organisationName }) => ({
          to: email,
          subject: `${partnership!.name}: ${input.name} self-assessment`,
          text: `Hello ${name},\n\n${partnership!.name} has issued its ${input.name} safeguarding self-assessment (${version.title}) to ${organisationName}.\n\nIt opens on ${formatDate(input.opensOn)} and is due by ${formatDate(input.closesOn)}.\n\nSign in to complete it: ${this.publicUrl}/sign-in`,
        })),
        transaction,
      )
      await this.audit.record(
        {
          actorUserId,
          partnershipId,
          action: 'cycle.issued',
          entityType: 'cycle',
          entityId: cycle.id,
          after: { name: input.name, framework: `${version.key} ${version.version}`, organisations: returnIds.length, sharedWithOtherPartnerships: shared.size, selection },
        },
        transaction,
      )
      return { cycle, issued: returnIds.length, shared: shared.size }
    })
  }

  /** Active leads of the given organisations, to notify. */
  async leadsOf(organisationIds: number[], transaction?: Transaction) {
    const memberships = await Membership.findAll({
      where: { role: 'organisation_lead', organisationId: organisationIds },
      include: [
        { model: User, as: 'user', attributes: ['email', 'name'], where: { active: true } },
        { model: Organisation, as: 'organisation', attributes: ['name'] },
      ],
      transaction,
    })
    return memberships.map((membership) => {
      const user = (membership as Membership & { user: User }).user
      return { organisationId: membership.organisationId!, email: user.email, name: user.name, organisationName: membership.organisation?.name ?? '' }
    })
  }
}
