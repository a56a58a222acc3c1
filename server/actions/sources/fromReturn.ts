import { Op, Transaction } from 'sequelize'
import type { AuditEventService } from '../../auditEvents/service'
import { AcceptedAction, Action, ActionSource, AssessmentReturn, Cycle, CycleReturn, ImprovementArea } from '../../db/models'
import { editableStatuses } from '../../db/models/assessmentReturn.model'
import type { ActionSourceKind } from '../../db/models/actionSource.model'
import { todayInEngland } from '../../forms/dates'
import { titleFrom } from './sourceRecords'
import { queriesInTransaction } from '../../db/queriesInTransaction'

interface Draft {
  kind: ActionSourceKind
  sourceId: number
  text: string
  ownerName: string
  dueOn: string
}

/**
 * Brings a submitted return's areas for improvement and accepted suggested actions into the plan
 * as Draft actions owned by the return's organisation (the named owner as the organisation wrote
 * it), each with its source recorded. A return goes to one cycle per partnership, so each source
 * becomes one action in each partnership whose cycle receives the return: every partnership's plan
 * is its own. Idempotent: a source already in a partnership's plan is not added again, so a
 * resubmission after "returned for changes" adds only what is new. A return still being edited
 * brings nothing: its sources join when it is submitted.
 *
 * Called inside the transaction that submits the return or accepts a suggested action, so the
 * drafts exist exactly when the submission (or acceptance) does.
 */
export async function bringReturnIntoPlan(audit: AuditEventService, returnId: number, actorUserId: number | null, transaction: Transaction, now = new Date()): Promise<number[]> {
  const assessment = await AssessmentReturn.findByPk(returnId, { attributes: ['id', 'organisationId', 'status'], transaction })
  if (!assessment || editableStatuses.includes(assessment.status)) return []
  const links = (await CycleReturn.findAll({ where: { returnId, withdrawnAt: null }, include: [{ model: Cycle, as: 'cycle', attributes: ['partnershipId'] }], transaction })) as (CycleReturn & { cycle: Cycle })[]
  const partnershipIds = [...new Set(links.map((link) => link.cycle.partnershipId))]
  const [areas, accepted] = await queriesInTransaction(transaction, [
    () => ImprovementArea.findAll({ where: { returnId }, order: [['criterionKey', 'ASC'], ['position', 'ASC']], transaction }),
    () => AcceptedAction.findAll({ where: { returnId }, order: [['id', 'ASC']], transaction }),
  ])
  const drafts: Draft[] = [
    ...areas.map((area) => ({ kind: 'improvement_area' as const, sourceId: area.id, text: area.action, ownerName: area.owner, dueOn: area.targetOn })),
    ...accepted.map((action) => ({ kind: 'accepted_action' as const, sourceId: action.id, text: action.outcome, ownerName: action.owner, dueOn: action.dueOn })),
  ]
  if (!drafts.length || !partnershipIds.length) return []

  const existing = (await ActionSource.findAll({
    where: { [Op.or]: (['improvement_area', 'accepted_action'] as const).map((kind) => ({ kind, sourceId: drafts.filter((draft) => draft.kind === kind).map((draft) => draft.sourceId) })) },
    include: [{ model: Action, as: 'action', attributes: ['partnershipId'] }],
    attributes: ['kind', 'sourceId'],
    transaction,
  })) as (ActionSource & { action: Action })[]
  const inPlan = new Set(existing.map((source) => `${source.action.partnershipId}:${source.kind}:${source.sourceId}`))

  const today = todayInEngland(now)
  const created: number[] = []
  for (const partnershipId of partnershipIds) {
    const added: number[] = []
    for (const draft of drafts) {
      if (inPlan.has(`${partnershipId}:${draft.kind}:${draft.sourceId}`)) continue
      const action = await Action.create(
        {
          partnershipId,
          title: titleFrom(draft.text),
          outcomeSought: draft.text,
          whyItMatters: null,
          deliverable: null,
          ownerOrganisationId: assessment.organisationId,
          ownerName: draft.ownerName,
          areaId: null,
          // A target already past stays as the organisation set it: the plan shows it overdue.
          startsOn: draft.dueOn < today ? draft.dueOn : today,
          dueOn: draft.dueOn,
          status: 'draft',
          priority: 'medium',
          createdById: actorUserId,
        },
        { transaction },
      )
      await ActionSource.create({ actionId: action.id, kind: draft.kind, sourceId: draft.sourceId }, { transaction })
      added.push(action.id)
    }
    if (added.length) {
      await audit.record({ actorUserId, partnershipId, action: 'plan.drafts_from_return', entityType: 'return', entityId: returnId, after: { actionIds: added } }, transaction)
    }
    created.push(...added)
  }
  return created
}
