import express, { Request, Response, Router } from 'express'
import { User } from '../../db/models'
import { actionStatusLabels } from '../../db/models/action.model'
import { formatDate, formatDateTime } from '../../forms/dates'
import { FormErrors, orInputErrors, validateForm } from '../../forms/validation'
import type { Services } from '../../services'
import { requireActionPermission } from '../access'
import { escalationSchema, responseSchema } from './schema'
import { escalationReasonLabels } from './service'

const idOf = (value: unknown) => (/^\d{1,9}$/.test(String(value)) ? Number(value) : 0)

/** Escalating an action to the executive, and recording the executive's response. */
export function actionEscalationRoutes({ actionEscalations }: Services): Router {
  const router = express.Router()
  const canEscalate = requireActionPermission('action:escalate')
  // escalations:respond is the partnership admins' grant; on the action it matches the action's partnership.
  const canRespond = requireActionPermission('escalations:respond')
  const actionPage = (actionId: number) => `/actions/${actionId}#escalations`

  async function renderEscalate(req: Request, res: Response, values: Record<string, unknown>, errors?: FormErrors) {
    const action = res.locals.action!
    res.status(errors ? 400 : 200).render('actions/escalations/escalate', {
      pageTitle: 'Escalate to the executive',
      action,
      allowed: await actionEscalations.check(action),
      reasonLabels: escalationReasonLabels,
      statusLabel: actionStatusLabels[action.status],
      formatDate,
      values,
      errors,
      backLink: actionPage(action.id),
    })
  }

  router.get('/actions/:actionId/escalate', canEscalate, (req, res) => renderEscalate(req, res, {}))

  router.post('/actions/:actionId/escalate', canEscalate, async (req, res) => {
    const form = validateForm(escalationSchema, req.body)
    if (!form.ok) return renderEscalate(req, res, req.body, form.errors)
    const done = await orInputErrors(() => actionEscalations.escalate(req.user!.id, res.locals.action!.id, form.data.note))
    if (!done.ok) return renderEscalate(req, res, req.body, done.errors)
    res.flash('Action escalated to the executive: the partnership’s admins have been emailed')
    res.redirect(actionPage(res.locals.action!.id))
  })

  async function renderRespond(req: Request, res: Response, values: Record<string, unknown>, errors?: FormErrors) {
    const action = res.locals.action!
    const escalation = await actionEscalations.find(action.id, idOf(req.params.escalationId))
    const escalatedBy = escalation.escalatedById ? await User.findByPk(escalation.escalatedById, { attributes: ['name'] }) : null
    res.status(errors ? 400 : 200).render('actions/escalations/respond', {
      pageTitle: 'Record the executive’s response',
      action,
      escalation,
      escalatedBy: escalatedBy?.name ?? 'A former user',
      reasonLabel: escalationReasonLabels[escalation.reason],
      formatDateTime,
      values,
      errors,
      backLink: actionPage(action.id),
    })
  }

  router.get('/actions/:actionId/escalations/:escalationId/respond', canRespond, (req, res) => renderRespond(req, res, {}))

  router.post('/actions/:actionId/escalations/:escalationId/respond', canRespond, async (req, res) => {
    const form = validateForm(responseSchema, req.body)
    if (!form.ok) return renderRespond(req, res, req.body, form.errors)
    const done = await orInputErrors(() => actionEscalations.respond(req.user!.id, res.locals.action!.id, idOf(req.params.escalationId), form.data.response))
    if (!done.ok) return renderRespond(req, res, req.body, done.errors)
    res.flash('The executive’s response has been recorded')
    res.redirect(actionPage(res.locals.action!.id))
  })

  return router
}
