import { Op } from 'sequelize'
import type { CurrentUser } from '../auth/currentUser'
import { Action, ActionEscalation, ActionEvidence, ActionMeasure, ActionMeasureReading, User } from '../db/models'
import { evidenceTagLabels, EvidenceTag } from '../db/models/actionEvidence.model'
import { EVIDENCE_TYPES, EvidenceTypeKey } from '../evidence/fileType'
import { formatBytes } from '../evidence/service'
import { formatDate, formatDateTime } from '../forms/dates'
import { chartForPage } from '../reports/charts'
import { canOnAction } from './access'
import { Escalability, escalability, escalationReasonLabels } from './escalations/service'
import { measureChart, withUnit } from './measures/chart'
import { isFinished } from './measures/service'

export interface MeasureView {
  id: number
  name: string
  baseline: string
  target: string
  latest: { value: string; readOn: string } | null
  /** Oldest first, as the chart draws them. */
  readings: { readOn: string; value: string; note: string | null }[]
  /** The server-drawn SVG (CSP-safe), when there are readings. */
  chart: string | null
  /** Its baseline and target can move, and it can be removed: no readings yet, or the viewer may settle them. */
  mayChangeTargets: boolean
}

export interface EvidenceView {
  id: number
  tag: EvidenceTag
  tagLabel: string
  description: string
  file: { name: string; typeLabel: string; size: string } | null
  addedBy: string
  addedAt: string
  mayRemove: boolean
}

export interface EscalationView {
  id: number
  reason: string
  note: string
  escalatedBy: string
  escalatedAt: string
  response: string | null
  respondedBy: string | null
  respondedAt: string | null
}

async function namesOf(ids: (number | null)[]): Promise<Map<number, string>> {
  const wanted = [...new Set(ids.filter((id): id is number => id !== null))]
  const users = wanted.length ? await User.findAll({ where: { id: { [Op.in]: wanted } }, attributes: ['id', 'name'] }) : []
  return new Map(users.map((user) => [user.id, user.name]))
}

const nameIn = (names: Map<number, string>, id: number | null) => (id !== null && names.get(id)) || 'A former user'

async function measureViews(action: Action, maySettle: boolean): Promise<MeasureView[]> {
  const measures = await ActionMeasure.findAll({ where: { actionId: action.id }, order: [['position', 'ASC'], ['id', 'ASC']] })
  const readings = measures.length ? await ActionMeasureReading.findAll({ where: { measureId: { [Op.in]: measures.map((measure) => measure.id) } }, order: [['readOn', 'ASC'], ['id', 'ASC']] }) : []
  return measures.map((measure) => {
    const own = readings.filter((reading) => reading.measureId === measure.id)
    const last = own[own.length - 1]
    return {
      id: measure.id,
      name: measure.name,
      baseline: withUnit(measure.baseline, measure.unit),
      target: withUnit(measure.target, measure.unit),
      latest: last ? { value: withUnit(last.value, measure.unit), readOn: formatDate(last.readOn) } : null,
      readings: own.map((reading) => ({ readOn: formatDate(reading.readOn), value: withUnit(reading.value, measure.unit), note: reading.note })),
      chart: own.length ? chartForPage(measureChart(measure, own)) : null,
      mayChangeTargets: maySettle || own.length === 0,
    }
  })
}

async function evidenceViews(action: Action, viewer: CurrentUser, mayChange: boolean, mayEdit: boolean): Promise<EvidenceView[]> {
  const items = await ActionEvidence.findAll({ where: { actionId: action.id }, attributes: { exclude: ['content'] }, order: [['createdAt', 'ASC'], ['id', 'ASC']] })
  const names = await namesOf(items.map((item) => item.addedById))
  return items.map((item) => ({
    id: item.id,
    tag: item.tag,
    tagLabel: evidenceTagLabels[item.tag] ?? item.tag,
    description: item.description,
    file: item.fileName ? { name: item.fileName, typeLabel: EVIDENCE_TYPES[item.fileType as EvidenceTypeKey]?.label ?? 'File', size: formatBytes(item.sizeBytes ?? 0) } : null,
    addedBy: nameIn(names, item.addedById),
    addedAt: formatDateTime(item.createdAt),
    mayRemove: mayChange && (mayEdit || item.addedById === viewer.id),
  }))
}

async function escalationViews(action: Action): Promise<{ views: EscalationView[]; awaiting: ActionEscalation | null }> {
  const escalations = await ActionEscalation.findAll({ where: { actionId: action.id }, order: [['escalatedAt', 'DESC'], ['id', 'DESC']] })
  const names = await namesOf(escalations.flatMap((escalation) => [escalation.escalatedById, escalation.respondedById]))
  return {
    awaiting: escalations.find((escalation) => !escalation.respondedAt) ?? null,
    views: escalations.map((escalation) => ({
      id: escalation.id,
      reason: escalationReasonLabels[escalation.reason] ?? escalation.reason,
      note: escalation.note,
      escalatedBy: nameIn(names, escalation.escalatedById),
      escalatedAt: formatDateTime(escalation.escalatedAt),
      response: escalation.response,
      respondedBy: escalation.respondedAt ? nameIn(names, escalation.respondedById) : null,
      respondedAt: escalation.respondedAt ? formatDateTime(escalation.respondedAt) : null,
    })),
  }
}

/**
 * What the action page's measures, evidence and escalation panels show (views/actions/_measures.ejs,
 * _evidence.ejs, _escalations.ejs), already formatted, with what this viewer may do in each. The
 * action page spreads this into its locals; the names are the panels' own so nothing collides.
 */
export async function actionPanels(action: Action, viewer: CurrentUser, today: string) {
  const mayUpdate = canOnAction(viewer, 'action:update', action)
  const mayEdit = canOnAction(viewer, 'action:edit', action)
  const finished = isFinished(action)
  const [measures, evidence, escalations] = await Promise.all([measureViews(action, mayEdit), evidenceViews(action, viewer, mayUpdate && !finished, mayEdit), escalationViews(action)])
  const escalation: Escalability = escalability(action, today, escalations.awaiting)
  return {
    measurePanel: { measures, mayChange: mayUpdate && !finished, mayRecord: mayUpdate && action.status !== 'closed' },
    evidencePanel: { items: evidence, mayAdd: mayUpdate && !finished },
    escalationPanel: {
      escalations: escalations.views,
      /** Offered to those who may escalate: the link when it can be escalated now, otherwise why not. */
      mayEscalate: canOnAction(viewer, 'action:escalate', action),
      escalability: escalation,
      mayRespond: canOnAction(viewer, 'escalations:respond', action),
    },
  }
}
