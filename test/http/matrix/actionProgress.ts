import { ActionEscalation, ActionEvidence, ActionMeasure, ActionMeasureReading, User } from '../../../server/db/models'
import { newAction } from '../../helpers/actionFixture'
import { MatrixModule, roleEmails } from './routeCase'

/** Those who may update the police's action: the partnership's admins and QA reviewers, and the police lead. */
const updaters = (status: number) => ({ admin: status, qa: status, policeLead: status })

/**
 * An action's measures, readings, evidence and escalations. The action is the police's and closed
 * without completion, so every allowed POST is refused harmlessly (400) and changes nothing the
 * next role's request needs; the escalation is one still awaiting the executive's response.
 */
export const actionProgressMatrix: MatrixModule = {
  async setUp() {
    const policeLead = (await User.findOne({ where: { email: roleEmails.policeLead } }))!
    const action = await newAction({ title: 'Matrix action: progress', status: 'closed' })
    const measure = await ActionMeasure.create({ actionId: action.id, position: 0, name: 'Matrix measure', unit: '%', baseline: 10, target: 20 })
    const reading = await ActionMeasureReading.create({ measureId: measure.id, readOn: '2026-01-10', value: 12, note: null, recordedById: null })
    const evidence = await ActionEvidence.create({ actionId: action.id, tag: 'evidence', description: 'Matrix evidence', fileName: 'matrix.txt', fileType: 'txt', sizeBytes: 6, sha256: null, content: Buffer.from('matrix'), addedById: policeLead.id })
    const escalation = await ActionEscalation.create({ actionId: action.id, reason: 'off_track', note: 'Matrix escalation', escalatedById: policeLead.id, escalatedAt: new Date() })
    return { actionId: String(action.id), measureId: String(measure.id), readingId: String(reading.id), evidenceId: String(evidence.id), escalationId: String(escalation.id) }
  },
  routes: [
    { method: 'get', path: '/actions/:actionId/measures/new', allowed: updaters(200) },
    { method: 'post', path: '/actions/:actionId/measures/new', allowed: updaters(400), body: { name: '' } },
    { method: 'get', path: '/actions/:actionId/measures/:measureId/edit', allowed: updaters(200) },
    { method: 'post', path: '/actions/:actionId/measures/:measureId/edit', allowed: updaters(400), body: { name: '' } },
    { method: 'get', path: '/actions/:actionId/measures/:measureId/remove', allowed: updaters(200) },
    { method: 'post', path: '/actions/:actionId/measures/:measureId/remove', allowed: updaters(400) },
    { method: 'get', path: '/actions/:actionId/measures/:measureId/readings', allowed: updaters(200) },
    { method: 'post', path: '/actions/:actionId/measures/:measureId/readings', allowed: updaters(400), body: { value: '' } },
    { method: 'post', path: '/actions/:actionId/measures/:measureId/readings/:readingId/remove', allowed: updaters(400) },
    { method: 'get', path: '/actions/:actionId/evidence/new', allowed: updaters(200) },
    { method: 'post', path: '/actions/:actionId/evidence/new', allowed: updaters(400), body: { description: '' } },
    { method: 'get', path: '/actions/:actionId/evidence/:evidenceId/file', allowed: { admin: 200, qa: 200, auditor: 200, policeLead: 200 } },
    { method: 'get', path: '/actions/:actionId/evidence/:evidenceId/remove', allowed: updaters(200) },
    { method: 'post', path: '/actions/:actionId/evidence/:evidenceId/remove', allowed: updaters(400) },
    { method: 'get', path: '/actions/:actionId/escalate', allowed: { admin: 200, qa: 200, policeLead: 200 } },
    { method: 'post', path: '/actions/:actionId/escalate', allowed: { admin: 400, qa: 400, policeLead: 400 }, body: { note: '' } },
    { method: 'get', path: '/actions/:actionId/escalations/:escalationId/respond', allowed: { admin: 200 } },
    { method: 'post', path: '/actions/:actionId/escalations/:escalationId/respond', allowed: { admin: 400 }, body: { response: '' } },
  ],
}
