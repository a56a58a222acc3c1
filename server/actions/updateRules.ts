import { ACTIVE_STATUSES, ActionStatus } from '../db/models/action.model'

/** What the rules of a progress update look at: the action as it is, and who is writing. */
export interface UpdateFacts {
  status: ActionStatus
  deliverable: string | null
  ownerOrganisationId: number | null
  /** At least one evidence item tagged Impact or Evidence. */
  hasCompletionEvidence: boolean
  /** A QA reviewer or admin: only they sign an action off as completed. */
  canSignOff: boolean
  /** May change the action's definition, and so reopen it once completed or closed. */
  canReopen: boolean
}

/** What the update asks for. */
export interface UpdateRequest {
  newStatus: ActionStatus | null
  /** The owner organisation after the update (the current one when it does not change). */
  ownerOrganisationIdAfter: number | null
  ownerChanging: boolean
  /** There was an owner to hand over from. */
  hadOwner: boolean
  handoverNote: string
  closedReason: string
}

const isFinished = (status: ActionStatus) => status === 'completed' || status === 'closed'

/**
 * The statuses an action may move to from `status`, for this writer. Draft becomes active (or is
 * closed); an active action moves between On track / At risk / Off track, is completed or closed
 * (both signed off by a QA reviewer or admin); a completed or closed action is read-only until someone who
 * may edit it reopens it (back to On track).
 */
export function allowedStatuses(status: ActionStatus, writer: { canSignOff: boolean; canReopen: boolean }): ActionStatus[] {
  if (isFinished(status)) return writer.canReopen ? ['on_track'] : []
  const active = ACTIVE_STATUSES.filter((candidate) => candidate !== status)
  // Closing without completion ends the action as surely as completing it, so it takes the same sign-off.
  const closing = writer.canSignOff ? (['closed'] as const) : []
  if (status === 'draft') return [...active, ...closing]
  return [...active, ...(writer.canSignOff ? (['completed'] as const) : []), ...closing]
}

/** A problem with an update: the form field it belongs to and what to do about it. */
export interface UpdateProblem {
  field: string
  text: string
}

/** Why this update may not be made, in the order of the form; empty when it may. */
export function updateProblems(facts: UpdateFacts, request: UpdateRequest): UpdateProblem[] {
  const problems: UpdateProblem[] = []
  const to = request.newStatus && request.newStatus !== facts.status ? request.newStatus : null
  if (isFinished(facts.status) && !(to === 'on_track' && facts.canReopen)) {
    const finished = facts.status === 'completed' ? 'completed' : 'closed'
    problems.push({ field: 'status', text: facts.canReopen ? `This action is ${finished}: to write an update, reopen it (choose Active: On track)` : `This action is ${finished}, so it can no longer be updated` })
    return problems
  }
  if (to) {
    const reopening = isFinished(facts.status)
    if (to === 'completed' && !facts.canSignOff) {
      problems.push({ field: 'status', text: 'Only a QA reviewer or partnership admin can sign an action off as completed: write an update asking for sign-off instead' })
    } else if (to === 'closed' && !facts.canSignOff) {
      problems.push({ field: 'status', text: 'Only a QA reviewer or partnership admin can close an action without completing it: write an update asking for it to be closed instead' })
    } else if (to === 'completed' && facts.status === 'draft') {
      problems.push({ field: 'status', text: 'A draft action cannot be completed: make it active first' })
    } else if (!reopening && !allowedStatuses(facts.status, facts).includes(to)) {
      problems.push({ field: 'status', text: 'Choose a status from the list' })
    }
    if ((ACTIVE_STATUSES as readonly ActionStatus[]).includes(to) && (facts.status === 'draft' || reopening)) {
      if (!facts.deliverable?.trim()) problems.push({ field: 'deliverable', text: 'Enter the deliverable before the action can become active: what will be produced or done' })
      else if (request.ownerOrganisationIdAfter === null) problems.push({ field: 'ownerOrganisationId', text: 'Choose the owner organisation before the action can become active' })
    }
    if (to === 'completed' && facts.canSignOff && facts.status !== 'draft' && !facts.hasCompletionEvidence) {
      problems.push({ field: 'status', text: 'Add at least one evidence item tagged Impact or Evidence before the action can be completed' })
    }
    if (to === 'closed' && !request.closedReason) problems.push({ field: 'closedReason', text: 'Enter the reason for closing the action without completing it' })
  }
  if (request.ownerChanging && request.hadOwner && !request.handoverNote) {
    problems.push({ field: 'handoverNote', text: 'Enter a handover note for the new owner: what they need to know to carry the action on' })
  }
  return problems
}
