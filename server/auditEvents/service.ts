import { Transaction } from 'sequelize'
import { AuditEvent, User } from '../db/models'
import { changeRows } from '../db/rawRows'

export interface AuditEntry {
  actorUserId: number | null
  partnershipId: number | null
  action: string
  entityType: string
  entityId: string | number | null
  before?: unknown
  after?: unknown
}

/** How each action reads on the activity page; an action missing here shows its code. */
const actionLabels: Record<string, string> = {
  'demo.seeded': 'Demo partnership seeded',
  'organisation.created': 'Organisation added',
  'organisation.updated': 'Organisation changed',
  'organisation.deactivated': 'Organisation deactivated',
  'organisation.reactivated': 'Organisation reactivated',
  'user.invited': 'User invited',
  'user.invitation_accepted': 'Invitation accepted',
  'user.deactivated': 'Account deactivated',
  'user.reactivated': 'Account reactivated',
  'membership.added': 'Role added',
  'membership.removed': 'Role removed',
  'audit_round.created': 'Audit round created',
  'audit_round.updated': 'Audit round changed',
  'audit_case.created': 'Audit case added',
  'audit_case.updated': 'Audit case changed',
  'audit_case.viewed': 'Audit case viewed',
  'audit_grading.saved': 'Case audit grading saved as a draft',
  'audit_grading.submitted': 'Case audit grading submitted',
  'audit_grading.reopened': 'Case audit grading reopened',
  'audit_case.agreement_saved': 'Workshop record saved',
  'theme.created': 'Theme added',
  'audit_dip_sample.scheduled': 'Dip sample scheduled',
  'audit_dip_sample.rescheduled': 'Dip sample rescheduled',
  'audit_dip_sample.cancelled': 'Dip sample no longer needed',
  'audit_dip_sample.recorded': 'Dip sample result recorded',
  'audit_round.closed': 'Audit round closed',
  'area.child_population_set': 'Area child population set',
  'audit_round.report_viewed': 'Case audit report viewed',
  'audit_round.report_downloaded': 'Case audit report downloaded',
  'audit_round.briefing_downloaded': 'Case audit 7-minute briefing downloaded',
  'audit_themes.downloaded': 'Case audit themes downloaded',
  'action.created': 'Action added to the plan',
  'action.edited': 'Action changed',
  'action.updated': 'Action progress update',
  'action.signed_off': 'Action completed and signed off',
  'action.closed': 'Action closed without completion',
  'action.reopened': 'Action reopened',
  'action.source_linked': 'Source linked to an existing action',
  'action.measure_added': 'Measure added',
  'action.measure_changed': 'Measure changed',
  'action.measure_removed': 'Measure removed',
  'action.reading_recorded': 'Measure reading recorded',
  'action.reading_removed': 'Measure reading removed',
  'action.evidence_added': 'Action evidence added',
  'action.evidence_removed': 'Action evidence removed',
  'action.escalated': 'Action escalated to the executive',
  'action.escalation_responded': 'Executive’s response recorded',
  'action.reminder_sent': 'Action reminder emailed',
  'plan_review.created': 'Review added to the plan',
  'plan_review.updated': 'Review changed',
  'statement.started': 'Child Safeguarding Statement started',
  'statement.section_saved': 'Statement section saved',
  'statement.signed': 'Statement signed',
  'statement.submitted': 'Statement submitted for approval',
  'statement.approved': 'Statement approved and published',
  'statement.returned': 'Statement returned',
  'statement.superseded': 'Statement superseded',
  'statement.review_reminder_sent': 'Statement review reminder emailed',
}

export interface AuditEventView {
  id: number
  createdAt: Date
  actorName: string
  action: string
  actionLabel: string
  entityType: string
  entityId: string | null
  changes: { field: string; before: unknown; after: unknown }[]
}

/**
 * Case audit records are confidential to each round's members and the QA sub-group, who see them
 * in the round; the partnership's activity page, read by admins who may be neither, names what
 * changed but never shows the values (they stay in the database, for the record).
 */
export const CONFIDENTIAL_ENTITY_TYPES: readonly string[] = ['audit_case', 'audit_grading']
const WITHHELD = 'withheld: confidential case audit'

/** Fields whose values differ between before and after (all of after when there was no before). */
function changedFields(before: unknown, after: unknown, confidential = false): AuditEventView['changes'] {
  const from = (before ?? {}) as Record<string, unknown>
  const to = (after ?? {}) as Record<string, unknown>
  const fields = [...new Set([...Object.keys(from), ...Object.keys(to)])]
  return fields
    .filter((field) => JSON.stringify(from[field]) !== JSON.stringify(to[field]))
    .map((field) => (confidential ? { field, before: from[field] === undefined ? undefined : WITHHELD, after: to[field] === undefined ? undefined : WITHHELD } : { field, before: from[field], after: to[field] }))
}

function auditEventRow(entry: AuditEntry) {
  return {
    actorUserId: entry.actorUserId,
    partnershipId: entry.partnershipId,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId === null ? null : String(entry.entityId),
    before: entry.before ?? null,
    after: entry.after ?? null,
  }
}

/** Audit events are written in SQL (see changeRows): every save of every form writes one. */
const INSERT_EVENTS = `
INSERT INTO audit_events (actor_user_id, partnership_id, action, entity_type, entity_id, "before", "after", created_at)
VALUES :rows`

const jsonOrNull = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value))

/** Writes the entries in one statement. */
async function insertEvents(entries: AuditEntry[], transaction?: Transaction): Promise<void> {
  if (entries.length === 0) return
  const createdAt = new Date()
  const rows = entries.map(auditEventRow).map((row) => [row.actorUserId, row.partnershipId, row.action, row.entityType, row.entityId, jsonOrNull(row.before), jsonOrNull(row.after), createdAt])
  await changeRows(AuditEvent.sequelize!, INSERT_EVENTS, { rows }, transaction)
}

export class AuditEventService {
  async record(entry: AuditEntry, transaction?: Transaction): Promise<void> {
    await insertEvents([entry], transaction)
  }

  /** The same change, recorded on the activity of every partnership it affects (a shared organisation), in one statement. */
  async recordForEach(partnershipIds: number[], entry: Omit<AuditEntry, 'partnershipId'>, transaction?: Transaction): Promise<void> {
    await insertEvents(
      [...new Set(partnershipIds)].map((partnershipId) => ({ ...entry, partnershipId })),
      transaction,
    )
  }

  async recent(partnershipId: number, page: number, pageSize = 50): Promise<{ events: AuditEventView[]; total: number }> {
    const { rows, count } = await AuditEvent.findAndCountAll({
      where: { partnershipId },
      include: [{ model: User, as: 'actor', attributes: ['name'] }],
      order: [
        ['createdAt', 'DESC'],
        ['id', 'DESC'],
      ],
      limit: pageSize,
      offset: (page - 1) * pageSize,
    })
    return {
      total: count,
      events: rows.map((event) => ({
        id: event.id,
        createdAt: event.createdAt,
        actorName: event.actor?.name ?? 'System',
        action: event.action,
        actionLabel: actionLabels[event.action] ?? event.action,
        entityType: event.entityType,
        entityId: event.entityId,
        changes: changedFields(event.before, event.after, CONFIDENTIAL_ENTITY_TYPES.includes(event.entityType)),
      })),
    }
  }
}
