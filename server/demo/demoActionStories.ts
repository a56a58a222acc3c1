import { createHash } from 'node:crypto'
import type { CreationAttributes, InferCreationAttributes } from 'sequelize'
import { Action, ActionEscalation, ActionEvidence, ActionMeasure, ActionMeasureReading, ActionUpdate, User } from '../db/models'
import type { ActionStatus } from '../db/models/action.model'
import type { EvidenceTag } from '../db/models/actionEvidence.model'
import { DEMO_MEASURES, DEMO_UPDATE_NOTES } from './demoActionContent'

/** What the demo knows about an action before its story is written: when it started, its themes, and whether it has only just arrived. */
export interface ActionStory {
  action: Action
  startsOn: string
  themes: string[]
  /** Arrived in the plan in the last weeks (this year's returns): mostly still drafts. */
  fresh: boolean
}

interface Context {
  partnershipId: number
  admin: User
  qa: User
  themes: Map<string, number>
  now: Date
}

const DAY = 86_400_000
const at = (iso: string, days = 0) => new Date(Date.parse(`${iso}T10:00:00Z`) + days * DAY)
const iso = (date: Date) => date.toISOString().slice(0, 10)
/** A number in [0, 1) fixed by the words given, so the demo is the same on every start. */
const chance = (...words: (string | number)[]) => createHash('sha256').update(words.join('|')).digest().readUInt32BE(0) / 2 ** 32

/** Every status, in proportions a real plan might have: most active, a good number completed, a few stalled or closed. */
const PATTERN: ActionStatus[] = ['on_track', 'completed', 'at_risk', 'on_track', 'off_track', 'completed', 'on_track', 'at_risk', 'completed', 'closed', 'on_track', 'off_track', 'draft']
const PROGRESS: Record<ActionStatus, number> = { draft: 0, on_track: 0.75, at_risk: 0.4, off_track: 0.12, completed: 1, closed: 0.2 }
const EVIDENCE: Record<ActionStatus, [EvidenceTag, string][]> = {
  draft: [],
  on_track: [['learning', 'Learning from the first team briefings: practitioners want worked examples, now added to the guidance.']],
  at_risk: [['assurance', 'Quarterly assurance report to the learning and improvement sub-group, with the audit sample.']],
  off_track: [['challenge', 'The QA sub-group challenged the lack of progress and asked for a recovery plan by the next meeting.']],
  completed: [
    ['evidence', 'Audit of 25 records after the change: the new practice is in place in 22 of them.'],
    ['impact', 'Young people and parents told us what changed for them: “they finally listened to what I said”.'],
  ],
  closed: [],
}

/**
 * Writes each action's story with bulkCreate: its status (drafts stay drafts; the others move along
 * PATTERN), deliverable, priority and themes; a dated update each quarter since it started (some
 * stopping more than 60 days ago), one owner change with its handover note; evidence by status;
 * a measure with readings every quarter from two quarters before it started; and an escalation
 * to the executive for each action off track or long overdue, some answered.
 */
export async function writeStories(stories: ActionStory[], context: Context): Promise<void> {
  const { now, admin, qa } = context
  const today = iso(now)
  const updates: CreationAttributes<ActionUpdate>[] = []
  const evidence: CreationAttributes<ActionEvidence>[] = []
  const escalations: CreationAttributes<ActionEscalation>[] = []
  const themeLinks: { actionId: number; themeId: number }[] = []
  const measured: { story: ActionStory; status: ActionStatus }[] = []
  let settled = 0
  let handovers = 0

  for (const story of stories) {
    const { action } = story
    const status: ActionStatus = story.fresh ? (chance('fresh', action.id) < 0.3 ? 'on_track' : 'draft') : PATTERN[settled++ % PATTERN.length]
    for (const name of new Set(story.themes)) if (context.themes.has(name)) themeLinks.push({ actionId: action.id, themeId: context.themes.get(name)! })
    const fields: Partial<InferCreationAttributes<Action>> = {
      startsOn: story.startsOn,
      status,
      priority: chance('priority', action.id) < 0.3 ? 'high' : chance('low', action.id) < 0.2 ? 'low' : 'medium',
      whyItMatters: status === 'draft' ? null : `${story.themes[0] ?? 'This'} came up again and again across the partnership’s reviews and audits: children were less safe because of it.`,
      deliverable: status === 'draft' ? null : `Revised guidance and practice standard, briefings for every team, and an audit of practice six months on.`,
    }
    if (status === 'draft') {
      await action.update(fields)
      continue
    }
    const writer = (days: number) => (days % 2 ? qa : admin).id
    const activated = at(story.startsOn, 10)
    const push = (when: Date, note: string, extra: Partial<CreationAttributes<ActionUpdate>> = {}) =>
      when <= now && updates.push({ actionId: action.id, note, statusBefore: null, statusAfter: null, previousOwnerOrganisationId: null, previousOwnerName: null, newOwnerOrganisationId: null, newOwnerName: null, handoverNote: null, writtenById: writer(updates.length), createdAt: when, ...extra })
    push(activated, 'Deliverable agreed with the owner; the action is now active.', { statusBefore: 'draft', statusAfter: 'on_track' })
    const finished = status === 'completed' || status === 'closed' ? at(action.dueOn < today ? action.dueOn : today, action.dueOn < today ? 0 : -12) : null
    // One action in eight stops being updated more than 60 days ago: the plan's "no update in 60 days" list.
    const stale = !finished && chance('stale', action.id) < 0.2
    const lastPossible = finished ?? new Date(now.getTime() - (stale ? 75 : 8) * DAY)
    let when = new Date(activated.getTime() + 91 * DAY)
    let quarter = 0
    while (when < lastPossible) {
      const changesOwner = handovers < 2 && quarter === 1 && status !== 'closed'
      if (changesOwner) {
        handovers++
        const newOwnerName = `${action.ownerName.split(',')[0]} (interim)`
        push(when, 'The owner has moved to another role; the interim lead takes the action on.', {
          previousOwnerOrganisationId: action.ownerOrganisationId, previousOwnerName: action.ownerName, newOwnerOrganisationId: action.ownerOrganisationId, newOwnerName,
          handoverNote: 'Handover meeting held: the audit sample, the draft guidance and the contacts in each agency were passed on. Next step: sign-off of the guidance at the practice group.',
        })
        fields.ownerName = newOwnerName
      } else push(when, DEMO_UPDATE_NOTES[(action.id + quarter) % DEMO_UPDATE_NOTES.length])
      when = new Date(when.getTime() + 91 * DAY)
      quarter++
    }
    if (status === 'at_risk' || status === 'off_track') push(lastPossible, status === 'at_risk' ? 'At risk: the audit booked for this quarter has slipped for lack of auditors.' : 'Off track: no agency has released staff for the work; the deliverable will not be met without a decision from the executive.', { statusBefore: 'on_track', statusAfter: status })
    if (finished) {
      push(finished, status === 'completed' ? 'Completed: the audit found the change in place; evidence added.' : 'Closed without completion.', { statusBefore: 'on_track', statusAfter: status })
      if (status === 'completed') Object.assign(fields, { signedOffById: qa.id, signedOffAt: new Date(finished.getTime() + 3 * DAY) })
      else fields.closedReason = 'Superseded: the work is now part of the wider neglect strategy action, which has the same outcome and owner.'
    }
    const own = updates.filter((update) => update.actionId === action.id).map((update) => update.createdAt!.getTime())
    fields.lastUpdateAt = own.length ? new Date(Math.max(...own)) : null
    await action.update(fields)
    for (const [index, [tag, description]] of EVIDENCE[status].entries()) {
      evidence.push({ actionId: action.id, tag, description, fileName: null, fileType: null, sizeBytes: null, sha256: null, addedById: writer(index), createdAt: new Date(Math.min(now.getTime(), (finished ?? lastPossible).getTime() - index * DAY)) })
    }
    const overdueLong = status !== 'completed' && status !== 'closed' && action.dueOn < iso(new Date(now.getTime() - 30 * DAY))
    if (status === 'off_track' || (overdueLong && chance('escalate', action.id) < 0.5)) {
      const escalatedAt = new Date(Math.min(now.getTime() - 20 * DAY, lastPossible.getTime() + 2 * DAY))
      const answered = chance('answered', action.id) < 0.6
      escalations.push({
        actionId: action.id, reason: status === 'off_track' ? 'off_track' : 'overdue', escalatedById: qa.id, escalatedAt,
        note: status === 'off_track' ? 'Escalated to the executive: the action is off track and needs agencies to release staff.' : 'Escalated to the executive: more than 30 days overdue with no agreed new date.',
        response: answered ? 'The executive asked each statutory partner to name a lead by the next meeting and agreed a new date of three months.' : null,
        respondedById: answered ? admin.id : null, respondedAt: answered ? new Date(escalatedAt.getTime() + 14 * DAY) : null,
      })
    }
    if (at(story.startsOn) < new Date(now.getTime() - 120 * DAY)) measured.push({ story, status })
  }
  await ActionUpdate.bulkCreate(updates)
  await ActionEvidence.bulkCreate(evidence)
  await ActionEscalation.bulkCreate(escalations)
  await Action.sequelize!.models.action_themes.bulkCreate(themeLinks)
  await writeMeasures(measured, context)
}

/** One measure per action that has run a while, read every quarter from two quarters before it started. */
async function writeMeasures(measured: { story: ActionStory; status: ActionStatus }[], { now, qa }: Context): Promise<void> {
  const definitions = measured.map(({ story }) => DEMO_MEASURES[(story.themes[0] ?? 'Professional curiosity') as keyof typeof DEMO_MEASURES] ?? DEMO_MEASURES['Professional curiosity'])
  const measures = await ActionMeasure.bulkCreate(measured.map(({ story }, index) => ({ actionId: story.action.id, position: 0, ...definitions[index] })))
  const ids = measures.every((measure) => measure.id) ? measures.map((measure) => measure.id) : (await ActionMeasure.findAll({ where: { actionId: measured.map(({ story }) => story.action.id) }, order: [['id', 'ASC']] })).map((measure) => measure.id)
  const readings: CreationAttributes<ActionMeasureReading>[] = []
  for (const [index, { story, status }] of measured.entries()) {
    const { baseline, target } = definitions[index]
    const first = at(story.startsOn, -182)
    const quarters = Math.floor((now.getTime() - first.getTime()) / (91 * DAY))
    for (let quarter = 0; quarter <= quarters; quarter++) {
      const share = quarter <= 2 ? 0 : PROGRESS[status] * Math.min(1, (quarter - 2) / Math.max(1, quarters - 2))
      const wobble = quarter === 0 ? 0 : (chance('reading', story.action.id, quarter) - 0.5) * Math.abs(target - baseline) * 0.08
      readings.push({ measureId: ids[index], readOn: iso(new Date(first.getTime() + quarter * 91 * DAY)), value: Math.round(baseline + (target - baseline) * share + wobble), note: quarter === 0 ? 'Baseline from the audit before the action started' : null, recordedById: qa.id, createdAt: new Date(first.getTime() + quarter * 91 * DAY) })
    }
  }
  await ActionMeasureReading.bulkCreate(readings)
}
