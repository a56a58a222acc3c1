import { AuditEvent } from '../db/models'
import { asDate, asJson, selectRows } from '../db/rawRows'
import { pageOf } from '../forms/pagination'

export interface HistoryEntry {
  at: Date
  who: string
  what: string
}

/** What the task list shows of a return's history; the rest is on the history page. */
export const RECENT_HISTORY = 10

/** A change to a return as recorded: what it held is still JSON text, parsed only for the changes shown. */
interface RecordedChange {
  action: string
  actorUserId: number | null
  actorName: string | null
  createdAt: Date | string
  before: string | null
  after: string | null
}

// In SQL, as the task list shows it on every visit (see selectRows).
const CHANGES = `
SELECT e.action, e.actor_user_id AS "actorUserId", u.name AS "actorName", e.created_at AS "createdAt", e.before, e.after
FROM audit_events e LEFT JOIN users u ON u.id = e.actor_user_id
WHERE e.entity_type = 'return' AND e.entity_id = :entityId
ORDER BY e.created_at DESC, e.id DESC`

/**
 * A return's changes, newest first, what each holds left as text until it is shown. A change to a
 * return received by two partnerships is recorded once for each, so it is kept once.
 */
async function changesOf(returnId: number, limit?: number): Promise<RecordedChange[]> {
  const sql = limit === undefined ? CHANGES : `${CHANGES} LIMIT :limit`
  const events = await selectRows<RecordedChange>(AuditEvent.sequelize!, sql, { entityId: String(returnId), limit })
  const seen = new Set<string>()
  return events.filter((event) => {
    const key = `${asDate(event.createdAt)!.getTime()}|${event.action}|${event.actorUserId}|${event.after}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

const entryOf = (event: RecordedChange): HistoryEntry => ({
  at: asDate(event.createdAt)!,
  who: event.actorName ?? 'System',
  what: describeReturnEvent(event.action, asJson(event.before), asJson(event.after)),
})

/** The latest `limit` changes, and whether there are more (for the task list). */
export async function recentHistory(returnId: number, limit: number): Promise<{ entries: HistoryEntry[]; more: boolean }> {
  // Read a little beyond the limit: each change may be recorded once for every partnership.
  const read = limit * 4 + 1
  const changes = await changesOf(returnId, read)
  return { entries: changes.slice(0, limit).map(entryOf), more: changes.length > limit || changes.length === read }
}

/** One page of every change, newest first (for the history page): only that page's changes are described. */
export async function historyPage(returnId: number, requestedPage: unknown, pageSize: number) {
  const shown = pageOf(await changesOf(returnId), requestedPage, pageSize)
  return { ...shown, rows: shown.rows.map(entryOf) }
}

interface SavedCriterion {
  score?: number | null
  notApplicable?: boolean
  notApplicableReason?: string | null
  narrative?: string | null
  questions?: Record<string, string>
}

interface SavedAttachment {
  evidenceFiles?: number[]
  improvements?: unknown[]
}

/**
 * What a section save changed, criterion by criterion, from the answers it recorded before and
 * after: ": 1.2 score 1 to 3; 1.4 evidence text, areas for improvement". Empty when nothing changed.
 */
export function describeSectionChanges(beforeValue: unknown, afterValue: unknown): string {
  const before = (beforeValue ?? {}) as Record<string, unknown> & { attachments?: Record<string, SavedAttachment> }
  const after = (afterValue ?? {}) as Record<string, unknown> & { attachments?: Record<string, SavedAttachment> }
  const criteria = Object.keys(after).filter((key) => !['standard', 'status', 'attachments'].includes(key))
  const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null)
  const changes = criteria.flatMap((key) => {
    const was = (before[key] ?? {}) as SavedCriterion
    const now = after[key] as SavedCriterion
    const wasAttached = before.attachments?.[key] ?? {}
    const nowAttached = after.attachments?.[key] ?? wasAttached
    const fields = [
      ...(now.notApplicable && !was.notApplicable ? ['not applicable'] : []),
      ...(now.notApplicable && was.notApplicable && !same(was.notApplicableReason, now.notApplicableReason) ? ['why it does not apply'] : []),
      ...(!now.notApplicable && was.notApplicable && (now.score === null || now.score === undefined) ? ['no longer not applicable'] : []),
      ...(!same(was.score, now.score) && !now.notApplicable ? [was.score === null || was.score === undefined ? `score ${now.score ?? 'removed'}` : `score ${was.score} to ${now.score ?? 'removed'}`] : []),
      ...(!same(was.narrative, now.narrative) ? ['evidence text'] : []),
      ...(!same(was.questions ?? {}, now.questions ?? {}) ? ['extra questions'] : []),
      ...(!same([...(wasAttached.evidenceFiles ?? [])].sort(), [...(nowAttached.evidenceFiles ?? [])].sort()) ? ['evidence files'] : []),
      ...(!same(wasAttached.improvements ?? [], nowAttached.improvements ?? []) ? ['areas for improvement'] : []),
    ]
    return fields.length ? [`${key} ${fields.join(', ')}`] : []
  })
  return changes.length ? `: ${changes.join('; ')}` : ''
}

/** An audit event on a return in words, for the return's history. */
function describeReturnEvent(action: string, beforeValue: unknown, afterValue: unknown): string {
  const after = (afterValue ?? {}) as { standard?: string; status?: string; file?: string; criteria?: string[] }
  const before = (beforeValue ?? {}) as { file?: string }
  switch (action) {
    case 'return.section_saved':
      return `Saved ${after.standard}${after.status === 'completed' ? ' and marked it completed' : ''}${describeSectionChanges(before, after)}`
    case 'return.submitted':
      return 'Submitted the return'
    case 'return.carried_forward':
      return 'Started from the previous return (answers carried forward)'
    case 'return.evidence_uploaded':
      return `Uploaded the evidence file ${after.file}${after.criteria?.length ? ` for ${after.criteria.join(', ')}` : ''}`
    case 'return.evidence_removed':
      return `Removed the evidence file ${before.file}`
    case 'return.action_accepted':
      return `Accepted the suggested action: ${(after as { outcome?: string }).outcome}`
    case 'return.review_started':
      return 'Started the QA review'
    case 'return.moderated': {
      const moderation = after as unknown as { criterion: string; selfScore: number; moderatedScore: number | null; reason: string }
      return moderation.moderatedScore === null ? `Removed the moderated score of ${moderation.criterion}` : `Moderated ${moderation.criterion} from ${moderation.selfScore} to ${moderation.moderatedScore}: ${moderation.reason}`
    }
    case 'return.challenge_raised':
      return `Raised a challenge on ${(after as { about: string }).about}`
    case 'return.challenge_answered':
      return 'Answered a challenge'
    case 'return.challenge_closed':
      return 'Closed a challenge'
    case 'return.challenge_kept':
      return 'Kept a challenge open and asked for more'
    case 'return.accepted':
      return 'Accepted the return'
    case 'return.returned_for_changes':
      return `Sent the return back for changes: ${(after as { reason: string }).reason}`
    default:
      return action
  }
}

