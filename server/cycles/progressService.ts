import { Sequelize } from 'sequelize'
import { AuditEventService } from '../auditEvents/service'
import { Area, AssessmentReturn, Cycle, CycleReturn, FrameworkVersion, Organisation, Sector } from '../db/models'
import { ReturnStatus, respondedStatuses } from '../db/models/assessmentReturn.model'
import { organisationRoleKindLabels } from '../db/models/organisationKinds'
import { InvalidInputError, NotFoundError } from '../errors'
import { daysBetween, formatDate } from '../forms/dates'
import { queueEmails } from '../mail/outbox'
import type { CycleIssueService } from './issueService'

export interface RateRow {
  label: string
  invited: number
  responded: number
  rate: number
}

export interface CycleReturnRow {
  returnId: number
  organisationId: number
  organisationName: string
  status: ReturnStatus
  dueOn: string
  daysOverdue: number
  lastRemindedAt: Date | null
  withdrawn: boolean
}

export interface CycleProgress {
  cycle: Cycle
  counts: Record<ReturnStatus | 'invited', number>
  responseRate: number
  bySector: RateRow[]
  byRole: RateRow[]
  byArea: RateRow[]
  outstanding: CycleReturnRow[]
  withdrawn: CycleReturnRow[]
}

function percentage(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 1000) / 10
}

function rateRows(rows: { labels: string[]; responded: boolean }[]): RateRow[] {
  const totals = new Map<string, { invited: number; responded: number }>()
  for (const row of rows) {
    for (const label of row.labels) {
      const total = totals.get(label) ?? { invited: 0, responded: 0 }
      total.invited++
      if (row.responded) total.responded++
      totals.set(label, total)
    }
  }
  return [...totals.entries()]
    .map(([label, total]) => ({ label, ...total, rate: percentage(total.responded, total.invited) }))
    .sort((a, b) => a.label.localeCompare(b.label))
}

/** What a cycle page shows, computed live from the returns, and the admin's actions on it. */
export class CycleProgressService {
  constructor(
    private readonly sequelize: Sequelize,
    private readonly audit: AuditEventService,
    private readonly issuing: CycleIssueService,
  ) {}

  list(partnershipId: number): Promise<Cycle[]> {
    return Cycle.findAll({ where: { partnershipId }, include: [{ model: FrameworkVersion, as: 'frameworkVersion', attributes: ['key', 'version', 'title'] }], order: [['opensOn', 'DESC'], ['id', 'DESC']] })
  }

  async get(partnershipId: number, cycleId: number): Promise<Cycle> {
    const cycle = await Cycle.findOne({ where: { id: cycleId, partnershipId }, include: [{ model: FrameworkVersion, as: 'frameworkVersion', attributes: ['id', 'key', 'version', 'title'] }] })
    if (!cycle) throw new NotFoundError(`Cycle ${cycleId} not found`)
    return cycle
  }

  async progress(partnershipId: number, cycleId: number, today: string): Promise<CycleProgress> {
    const cycle = await this.get(partnershipId, cycleId)
    const links = await CycleReturn.findAll({
      where: { cycleId },
      include: [
        {
          model: AssessmentReturn,
          as: 'assessmentReturn',
          attributes: ['id', 'status', 'organisationId'],
          include: [
            {
              model: Organisation,
              as: 'organisation',
              attributes: ['id', 'name', 'role', 'sectorKey'],
              include: [
                { model: Sector, as: 'sector', attributes: ['label'] },
                { model: Area, as: 'areas', attributes: ['name', 'partnershipId'], through: { attributes: [] } },
              ],
            },
          ],
        },
      ],
    })
    const rows = links.map((link) => {
      const assessment = link.assessmentReturn!
      const organisation = assessment.organisation!
      return {
        link,
        organisation,
        row: {
          returnId: assessment.id,
          organisationId: organisation.id,
          organisationName: organisation.name,
          status: assessment.status,
          dueOn: link.dueOn,
          daysOverdue: Math.max(0, daysBetween(link.dueOn, today)),
          lastRemindedAt: link.lastRemindedAt,
          withdrawn: link.withdrawnAt !== null,
        } satisfies CycleReturnRow,
      }
    })
    const active = rows.filter(({ row }) => !row.withdrawn)
    const responded = (status: ReturnStatus) => respondedStatuses.includes(status)
    const counts = { invited: active.length, not_started: 0, in_progress: 0, submitted: 0, under_review: 0, returned: 0, accepted: 0 }
    for (const { row } of active) counts[row.status]++
    const breakdown = (labelsOf: (organisation: Organisation) => string[]) =>
      rateRows(active.map(({ organisation, row }) => ({ labels: labelsOf(organisation), responded: responded(row.status) })))
    return {
      cycle,
      counts,
      responseRate: percentage(active.filter(({ row }) => responded(row.status)).length, active.length),
      bySector: breakdown((organisation) => [organisation.sector?.label ?? organisation.sectorKey]),
      byRole: breakdown((organisation) => [organisationRoleKindLabels[organisation.role]]),
      byArea: breakdown((organisation) => (organisation.areas ?? []).filter((area) => area.partnershipId === partnershipId).map((area) => area.name)),
      outstanding: active
        .filter(({ row }) => !responded(row.status))
        .map(({ row }) => row)
        .sort((a, b) => b.daysOverdue - a.daysOverdue || a.organisationName.localeCompare(b.organisationName)),
      withdrawn: rows.filter(({ row }) => row.withdrawn).map(({ row }) => row),
    }
  }

  /** Emails the leads of outstanding organisations: all those overdue, or the ones chosen. */
  async remind(
    actorUserId: number,
    partnershipId: number,
    cycleId: number,
    choice: { scope: 'overdue' | 'chosen'; returnIds: number[] },
    today: string,
  ): Promise<{ organisations: number; emails: number; withoutLead: string[] }> {
    const { cycle, outstanding } = await this.progress(partnershipId, cycleId, today)
    const targets = outstanding.filter((row) => (choice.scope === 'overdue' ? row.daysOverdue > 0 : choice.returnIds.includes(row.returnId)))
    if (targets.length === 0) {
      throw new InvalidInputError('scope', choice.scope === 'overdue' ? 'No organisation is overdue' : 'Select at least one organisation to remind')
    }
    return this.sequelize.transaction(async (transaction) => {
      const leads = await this.issuing.leadsOf(targets.map((row) => row.organisationId), transaction)
      const dueOf = new Map(targets.map((row) => [row.organisationId, row.dueOn]))
      await queueEmails(
        leads.map((lead) => ({
          to: lead.email,
          subject: `Reminder: ${cycle.name} self-assessment for ${lead.organisationName}`,
          text: `Hello ${lead.name},\n\nThis is a reminder that ${lead.organisationName}'s ${cycle.name} safeguarding self-assessment was due by ${formatDate(dueOf.get(lead.organisationId)!)} and has not been submitted yet.\n\nIf you need more time, contact the partnership's business unit.`,
        })),
        transaction,
      )
      await CycleReturn.update({ lastRemindedAt: new Date() }, { where: { cycleId, returnId: targets.map((row) => row.returnId) }, transaction })
      await this.audit.record(
        { actorUserId, partnershipId, action: 'cycle.reminded', entityType: 'cycle', entityId: cycleId, after: { organisations: targets.map((row) => row.organisationName), emails: leads.length } },
        transaction,
      )
      const led = new Set(leads.map((lead) => lead.organisationId))
      return { organisations: targets.length, emails: leads.length, withoutLead: targets.filter((row) => !led.has(row.organisationId)).map((row) => row.organisationName) }
    })
  }

  private async link(cycleId: number, returnId: number): Promise<CycleReturn> {
    const link = await CycleReturn.findOne({ where: { cycleId, returnId }, include: [{ model: AssessmentReturn, as: 'assessmentReturn', include: [{ model: Organisation, as: 'organisation', attributes: ['name'] }] }] })
    if (!link) throw new NotFoundError(`Return ${returnId} is not in cycle ${cycleId}`)
    return link
  }

  async extend(actorUserId: number, partnershipId: number, cycleId: number, returnId: number, dueOn: string): Promise<void> {
    await this.get(partnershipId, cycleId)
    const link = await this.link(cycleId, returnId)
    if (dueOn <= link.dueOn) throw new InvalidInputError('dueOn', `The new deadline must be after the current one, ${formatDate(link.dueOn)}`)
    await this.sequelize.transaction(async (transaction) => {
      const before = { dueOn: link.dueOn }
      await CycleReturn.update({ dueOn }, { where: { cycleId, returnId }, transaction })
      await this.audit.record(
        { actorUserId, partnershipId, action: 'cycle.deadline_extended', entityType: 'cycle', entityId: cycleId, before: { ...before, organisation: link.assessmentReturn?.organisation?.name }, after: { dueOn } },
        transaction,
      )
    })
  }

  async withdraw(actorUserId: number, partnershipId: number, cycleId: number, returnId: number): Promise<void> {
    await this.get(partnershipId, cycleId)
    const link = await this.link(cycleId, returnId)
    if (link.withdrawnAt) return
    await this.sequelize.transaction(async (transaction) => {
      await CycleReturn.update({ withdrawnAt: new Date() }, { where: { cycleId, returnId }, transaction })
      await this.audit.record(
        { actorUserId, partnershipId, action: 'cycle.organisation_withdrawn', entityType: 'cycle', entityId: cycleId, after: { organisation: link.assessmentReturn?.organisation?.name, returnId } },
        transaction,
      )
    })
  }
}
