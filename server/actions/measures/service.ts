import type { Sequelize, Transaction } from 'sequelize'
import type { AuditEventService } from '../../auditEvents/service'
import { Action, ActionMeasure, ActionMeasureReading } from '../../db/models'
import { actionStatusLabels } from '../../db/models/action.model'
import { InvalidInputError, NotFoundError } from '../../errors'
import { formatDate, todayInEngland } from '../../forms/dates'
import type { MeasureInput, ReadingInput } from './schema'

/** A completed or closed action's measures are its record: they no longer change. */
export const isFinished = (action: Pick<Action, 'status'>) => action.status === 'completed' || action.status === 'closed'

const snapshotOf = (measure: Pick<ActionMeasure, 'name' | 'unit' | 'baseline' | 'target'>) => ({ name: measure.name, unit: measure.unit, baseline: measure.baseline, target: measure.target })

/**
 * How we will know we are making a difference: an action's measures and their dated readings.
 * The owner organisation defines its measures; once a measure has readings, only the partnership's
 * QA reviewers and admins (action:edit, `maySettle`) can move its baseline or target or remove it,
 * so the goalposts cannot quietly move after the results are in.
 */
export class ActionMeasureService {
  constructor(
    private readonly sequelize: Sequelize,
    private readonly audit: AuditEventService,
    _publicUrl: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private record(actorUserId: number, action: Action, name: string, before: object | null, after: object | null, transaction: Transaction) {
    return this.audit.record({ actorUserId, partnershipId: action.partnershipId, action: name, entityType: 'action', entityId: action.id, before, after }, transaction)
  }

  /** The action locked for the change (two changes at once take turns), refused once it is finished. */
  private async lockedOpenAction(actionId: number, field: string, transaction: Transaction): Promise<Action> {
    const action = await Action.findByPk(actionId, { transaction, lock: transaction.LOCK.UPDATE })
    if (!action) throw new NotFoundError('Action not found')
    if (isFinished(action)) throw new InvalidInputError(field, `This action is ${actionStatusLabels[action.status].toLowerCase()}, so its measures can no longer change`)
    return action
  }

  private async measureOf(action: Action, measureId: number, transaction?: Transaction): Promise<ActionMeasure> {
    const measure = await ActionMeasure.findOne({ where: { id: measureId, actionId: action.id }, transaction })
    if (!measure) throw new NotFoundError(`Measure ${measureId} is not one of action ${action.id}’s`)
    return measure
  }

  /** The measure, only if it belongs to the action. */
  async find(action: Action, measureId: number): Promise<ActionMeasure> {
    return this.measureOf(action, measureId)
  }

  /** The measure's readings, oldest first. */
  async readings(measureId: number): Promise<ActionMeasureReading[]> {
    return ActionMeasureReading.findAll({ where: { measureId }, order: [['readOn', 'ASC'], ['id', 'ASC']] })
  }

  async add(actorUserId: number, actionId: number, input: MeasureInput): Promise<ActionMeasure> {
    return this.sequelize.transaction(async (transaction) => {
      const action = await this.lockedOpenAction(actionId, 'name', transaction)
      const position = ((await ActionMeasure.max<number, ActionMeasure>('position', { where: { actionId }, transaction })) ?? -1) + 1
      const measure = await ActionMeasure.create({ actionId, position, name: input.name, unit: input.unit || null, baseline: input.baseline, target: input.target }, { transaction })
      await this.record(actorUserId, action, 'action.measure_added', null, { measureId: measure.id, ...snapshotOf(measure) }, transaction)
      return measure
    })
  }

  async change(actorUserId: number, actionId: number, measureId: number, input: MeasureInput, maySettle: boolean): Promise<void> {
    await this.sequelize.transaction(async (transaction) => {
      const action = await this.lockedOpenAction(actionId, 'name', transaction)
      const measure = await this.measureOf(action, measureId, transaction)
      const before = snapshotOf(measure)
      if (!maySettle && (input.baseline !== measure.baseline || input.target !== measure.target) && (await ActionMeasureReading.count({ where: { measureId }, transaction }))) {
        throw new InvalidInputError(
          input.baseline !== measure.baseline ? 'baseline' : 'target',
          'Readings have been recorded against this measure, so only the partnership’s QA reviewers or admins can change its baseline or target',
        )
      }
      await measure.update({ name: input.name, unit: input.unit || null, baseline: input.baseline, target: input.target }, { transaction })
      await this.record(actorUserId, action, 'action.measure_changed', { measureId, ...before }, { measureId, ...snapshotOf(measure) }, transaction)
    })
  }

  /** Removes a measure with its readings; the audit event keeps what was removed. */
  async remove(actorUserId: number, actionId: number, measureId: number, maySettle: boolean): Promise<string> {
    return this.sequelize.transaction(async (transaction) => {
      const action = await this.lockedOpenAction(actionId, 'measure', transaction)
      const measure = await this.measureOf(action, measureId, transaction)
      const readings = await ActionMeasureReading.findAll({ where: { measureId }, order: [['readOn', 'ASC']], transaction })
      if (readings.length && !maySettle) {
        throw new InvalidInputError('measure', 'Readings have been recorded against this measure, so only the partnership’s QA reviewers or admins can remove it')
      }
      await measure.destroy({ transaction })
      await this.record(actorUserId, action, 'action.measure_removed', { measureId, ...snapshotOf(measure), readings: readings.map(({ readOn, value }) => ({ readOn, value })) }, null, transaction)
      return measure.name
    })
  }

  /**
   * Records a dated reading. A reading dated in the future, or a second one on a date that already
   * has one, is refused: the chart and the table show one value per date. Readings go on after an
   * action is completed (the difference often shows later) but not once it is closed without completion.
   */
  async addReading(actorUserId: number, actionId: number, measureId: number, input: ReadingInput): Promise<ActionMeasureReading> {
    const today = todayInEngland(this.now())
    if (input.readOn > today) throw new InvalidInputError('readOn', `The date of the reading must be today or in the past (today is ${formatDate(today)})`)
    return this.sequelize.transaction(async (transaction) => {
      const action = await Action.findByPk(actionId, { transaction, lock: transaction.LOCK.UPDATE })
      if (!action) throw new NotFoundError('Action not found')
      if (action.status === 'closed') throw new InvalidInputError('readOn', 'This action was closed without completion, so no more readings can be recorded')
      const measure = await this.measureOf(action, measureId, transaction)
      if (await ActionMeasureReading.count({ where: { measureId, readOn: input.readOn }, transaction })) {
        throw new InvalidInputError('readOn', `There is already a reading for ${formatDate(input.readOn)}: remove it first if it was wrong`)
      }
      const reading = await ActionMeasureReading.create({ measureId, readOn: input.readOn, value: input.value, note: input.note || null, recordedById: actorUserId }, { transaction })
      await this.record(actorUserId, action, 'action.reading_recorded', null, { measureId, measure: measure.name, readingId: reading.id, readOn: input.readOn, value: input.value, note: reading.note }, transaction)
      return reading
    })
  }

  /** Removes a mistaken reading: by who recorded it, or the partnership's QA reviewers and admins. */
  async removeReading(actorUserId: number, actionId: number, measureId: number, readingId: number, maySettle: boolean): Promise<ActionMeasureReading> {
    return this.sequelize.transaction(async (transaction) => {
      const action = await Action.findByPk(actionId, { transaction, lock: transaction.LOCK.UPDATE })
      if (!action) throw new NotFoundError('Action not found')
      const measure = await this.measureOf(action, measureId, transaction)
      const reading = await ActionMeasureReading.findOne({ where: { id: readingId, measureId }, transaction })
      if (!reading) throw new NotFoundError(`Reading ${readingId} is not one of measure ${measureId}’s`)
      if (!maySettle && reading.recordedById !== actorUserId) throw new InvalidInputError('readings', 'Only the person who recorded a reading, or the partnership’s QA reviewers or admins, can remove it')
      if (action.status === 'closed') throw new InvalidInputError('readings', 'This action was closed without completion, so its readings can no longer change')
      await reading.destroy({ transaction })
      await this.record(actorUserId, action, 'action.reading_removed', { measureId, measure: measure.name, readingId, readOn: reading.readOn, value: reading.value, note: reading.note }, null, transaction)
      return reading
    })
  }
}
