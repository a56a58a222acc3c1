import type { Transaction } from 'sequelize'
import type { AuditEventService } from '../../auditEvents/service'
import { AuditCase, AuditDipSample } from '../../db/models'
import type { DipSampleResult } from '../../db/models/auditDipSample.model'
import { todayInEngland } from '../../forms/dates'
import type { CaseContext } from '../grading/queries'

/** Months after the workshop that a case agreed at a grade needing it is dip-sampled again (seeds/003:2167). */
export const DIP_SAMPLE_MONTHS = 3

/** The same day `months` later; a day the month lacks becomes its last day (30 November + 3 months is 28 or 29 February). */
export function addMonths(isoDate: string, months: number): string {
  const [year, month, day] = isoDate.split('-').map(Number)
  const target = new Date(Date.UTC(year, month - 1 + months, 1))
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate()
  target.setUTCDate(Math.min(day, lastDay))
  return target.toISOString().slice(0, 10)
}

export const dipSampleDueOn = (workshopOn: string) => addMonths(workshopOn, DIP_SAMPLE_MONTHS)

/** Whether a case agreed overall at this grade is dip-sampled again: its entry on the tool's scale says so. */
export function needsDipSample(context: Pick<CaseContext, 'tool'>, overallGrade: string | null): boolean {
  return overallGrade !== null && context.tool.gradeScale.some((grade) => grade.key === overallGrade && grade.reaudit)
}

export interface DipSampleSnapshot {
  dueOn: string
  result: DipSampleResult | null
  notes: string | null
}

const snapshot = (sample: AuditDipSample): DipSampleSnapshot => ({ dueOn: sample.dueOn, result: sample.result, notes: sample.notes })

/**
 * Keeps a case's dip sample in step with its agreed overall grade, in the transaction that saves the
 * grade: scheduled three months after the workshop when the grade needs one; removed when the grade
 * no longer does, unless its result is already recorded (a recorded re-audit stays on the record).
 */
export async function syncDipSample(audit: AuditEventService, actorUserId: number, context: CaseContext, overallGrade: string | null, transaction: Transaction): Promise<void> {
  const caseId = context.auditCase.id
  const existing = await AuditDipSample.findByPk(caseId, { transaction })
  const record = (action: string, before: DipSampleSnapshot | null, after: DipSampleSnapshot | null) =>
    audit.record({ actorUserId, partnershipId: context.round.partnershipId, action, entityType: 'audit_case', entityId: caseId, before, after: { ...after, overallGrade } }, transaction)
  if (needsDipSample(context, overallGrade)) {
    const dueOn = dipSampleDueOn(context.round.workshopOn)
    if (!existing) {
      const sample = await AuditDipSample.create({ caseId, dueOn, result: null, notes: null, recordedById: null, recordedAt: null }, { transaction })
      await record('audit_dip_sample.scheduled', null, snapshot(sample))
    } else if (!existing.result && existing.dueOn !== dueOn) {
      const before = snapshot(existing)
      await existing.update({ dueOn }, { transaction })
      await record('audit_dip_sample.rescheduled', before, snapshot(existing))
    }
  } else if (existing && !existing.result) {
    const before = snapshot(existing)
    await existing.destroy({ transaction })
    await record('audit_dip_sample.cancelled', before, null)
  }
}

export interface DipSampleSummary {
  /** Cases of the round with a dip sample scheduled (recorded or not). */
  scheduled: number
  /** Of those, the ones whose due date has arrived (recorded or not). */
  due: number
  /** Of those, the ones with a result recorded. */
  recorded: number
  /** Of those recorded, the ones found improved. */
  improved: number
  /** improved / recorded as a whole percentage; null while nothing is recorded. */
  percentImproved: number | null
}

/** The round's dip samples for its report: "% of dip-sampled cases improved" is over the results recorded. */
export async function dipSampleSummary(roundId: number, today: string = todayInEngland()): Promise<DipSampleSummary> {
  const samples = await AuditDipSample.findAll({ include: [{ model: AuditCase, as: 'case', where: { roundId }, attributes: [] }] })
  const recorded = samples.filter((sample) => sample.result !== null)
  const improved = recorded.filter((sample) => sample.result === 'improved').length
  return {
    scheduled: samples.length,
    due: samples.filter((sample) => sample.dueOn <= today).length,
    recorded: recorded.length,
    improved,
    percentImproved: recorded.length ? Math.round((improved / recorded.length) * 100) : null,
  }
}
