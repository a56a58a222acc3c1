import express, { Request, Response, Router } from 'express'
import type { CurrentUser } from '../auth/currentUser'
import { Action } from '../db/models'
import { ACTION_PRIORITIES, actionPriorityLabels, actionStatusLabels } from '../db/models/action.model'
import { InvalidInputError } from '../errors'
import { formatDate } from '../forms/dates'
import { FormErrors, formErrors, validateForm } from '../forms/validation'
import type { Services } from '../services'
import { canOnAction, requireActionPermission } from './access'
import { actionChoices, actionThemeIds, actionView } from './queries'
import { editActionSchema, formValues, updateSchema } from './schema'
import { ActionConflictError, ActionRulesError } from './service'
import { statusTagClass } from './plan/filters'
import { allowedStatuses } from './updateRules'

/** The current copy of an action, shown beside what was typed when a save came from an older copy. */
interface Conflict {
  current: Action
  themes: string[]
}

/** Runs a service call; the plan's rule breaks, input errors and conflicts become what the form shows. */
async function attempt<T>(work: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; errors: FormErrors; conflict?: Conflict }> {
  try {
    return { ok: true, value: await work() }
  } catch (error) {
    if (error instanceof ActionRulesError) return { ok: false, errors: formErrors(error.problems) }
    if (error instanceof InvalidInputError) return { ok: false, errors: formErrors([{ field: error.field, text: error.message }]) }
    if (!(error instanceof ActionConflictError)) throw error
    const { themes } = await actionChoices(error.current.partnershipId)
    const conflict = { current: error.current, themes: themes.filter((theme) => error.currentThemeIds.includes(theme.id)).map((theme) => theme.name) }
    const text = 'Someone else changed this action after you opened this page. Nothing was saved: check their version below against yours, which is still in the form, then save again'
    return { ok: false, errors: formErrors([{ field: 'conflict', text }]), conflict }
  }
}

const writerOf = (user: CurrentUser, action: Action) => ({ userId: user.id, canSignOff: canOnAction(user, 'action:signOff', action), canReopen: canOnAction(user, 'action:edit', action) })

/** Changing an action's definition, and its dated progress updates (status, owner and handover, sign-off, closing, reopening). */
export function actionUpdateRoutes({ actions }: Services): Router {
  const router = express.Router()
  const canEdit = requireActionPermission('action:edit')
  const canUpdate = requireActionPermission('action:update')

  async function renderEdit(res: Response, values: Record<string, unknown>, errors?: FormErrors, conflict?: Conflict) {
    const action = res.locals.action!
    res.status(errors ? (conflict ? 409 : 400) : 200).render('actions/edit', {
      pageTitle: `Change ${action.title}`,
      ...(await actionChoices(action.partnershipId)),
      priorities: ACTION_PRIORITIES.map((value) => ({ value, text: actionPriorityLabels[value] })),
      values: conflict ? { ...values, version: String(conflict.current.version) } : values,
      errors,
      conflict,
      // A completed or closed action's details are the record of what was done: reopen it first.
      finished: ['completed', 'closed'].includes(action.status),
      statusLabels: actionStatusLabels,
      statusTagClass,
      priorityLabels: actionPriorityLabels,
      formatDate,
      backLink: `/actions/${action.id}`,
    })
  }

  router.get('/actions/:actionId/edit', canEdit, async (_req, res) => {
    const action = res.locals.action!
    await renderEdit(res, { ...formValues({ ...action.get({ plain: true }), themeIds: await actionThemeIds(action.id) }), version: String(action.version) })
  })

  router.post('/actions/:actionId/edit', canEdit, async (req, res) => {
    const action = res.locals.action!
    const form = validateForm(editActionSchema, req.body)
    if (!form.ok) return renderEdit(res, req.body, form.errors)
    const done = await attempt(() => actions.edit(req.user!.id, action.id, form.data))
    if (!done.ok) return renderEdit(res, req.body, done.errors, done.conflict)
    res.flash('Action changed')
    res.redirect(`/actions/${action.id}`)
  })

  async function renderUpdate(req: Request, res: Response, values: Record<string, unknown>, errors?: FormErrors, conflict?: Conflict) {
    const action = conflict?.current ?? res.locals.action!
    const writer = writerOf(req.user!, action)
    const { organisations } = await actionChoices(action.partnershipId)
    const view = await actionView(action, req.user)
    res.status(errors ? (conflict ? 409 : 400) : 200).render('actions/update', {
      pageTitle: `Update ${action.title}`,
      ...view,
      organisations,
      statuses: allowedStatuses(action.status, writer).map((value) => ({ value, text: actionStatusLabels[value] })),
      canSignOff: writer.canSignOff,
      values: conflict ? { ...values, version: String(conflict.current.version) } : values,
      errors,
      conflict,
      statusLabels: actionStatusLabels,
      statusTagClass,
      priorityLabels: actionPriorityLabels,
      formatDate,
      backLink: `/actions/${action.id}`,
    })
  }

  router.get('/actions/:actionId/update', canUpdate, async (req, res) => {
    await renderUpdate(req, res, { version: String(res.locals.action!.version) })
  })

  router.post('/actions/:actionId/update', canUpdate, async (req, res) => {
    const action = res.locals.action!
    const form = validateForm(updateSchema, req.body)
    if (!form.ok) return renderUpdate(req, res, req.body, form.errors)
    const done = await attempt(() => actions.update(writerOf(req.user!, action), action.id, form.data))
    if (!done.ok) return renderUpdate(req, res, req.body, done.errors, done.conflict)
    const to = form.data.status !== action.status ? form.data.status : null
    res.flash(to === 'completed' ? 'Action signed off as completed' : to ? `Update added: the action is now ${actionStatusLabels[to]}` : 'Update added')
    res.redirect(`/actions/${action.id}`)
  })

  return router
}
