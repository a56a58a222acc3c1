import express, { Request, Response, Router } from 'express'
import type { Action } from '../../db/models'
import { formatDate } from '../../forms/dates'
import { FormErrors, orInputErrors, validateForm } from '../../forms/validation'
import type { Services } from '../../services'
import { canOnAction, requireActionPermission } from '../access'
import { withUnit } from './chart'
import { measureSchema, readingSchema } from './schema'

const numberText = (value: number) => String(value)
const idOf = (value: unknown) => (/^\d{1,9}$/.test(String(value)) ? Number(value) : 0)

/**
 * An action's measures (how we will know we are making a difference) and their dated readings.
 * Whoever may update the action (its owner organisation's users, the partnership's QA reviewers and
 * admins) defines its measures and records readings; once a measure has readings, only QA
 * reviewers and admins (action:edit) may move its baseline or target, or remove it or others' readings.
 */
export function actionMeasureRoutes({ actionMeasures }: Services): Router {
  const router = express.Router()
  const canUpdate = requireActionPermission('action:update')
  const maySettle = (req: Request, res: Response) => canOnAction(req.user, 'action:edit', res.locals.action!)
  const actionPage = (action: Action) => `/actions/${action.id}#measures`

  function renderMeasureForm(res: Response, values: Record<string, unknown>, measureId: number | null, errors?: FormErrors) {
    const action = res.locals.action!
    res.status(errors ? 400 : 200).render('actions/measures/form', {
      pageTitle: measureId ? 'Change a measure' : 'Add a measure',
      action,
      measureId,
      values,
      errors,
      backLink: actionPage(action),
    })
  }

  router.get('/actions/:actionId/measures/new', canUpdate, (_req, res) => renderMeasureForm(res, {}, null))

  router.post('/actions/:actionId/measures/new', canUpdate, async (req, res) => {
    const form = validateForm(measureSchema, req.body)
    if (!form.ok) return renderMeasureForm(res, req.body, null, form.errors)
    const done = await orInputErrors(() => actionMeasures.add(req.user!.id, res.locals.action!.id, form.data))
    if (!done.ok) return renderMeasureForm(res, req.body, null, done.errors)
    res.flash(`Measure “${done.value.name}” added`)
    res.redirect(actionPage(res.locals.action!))
  })

  router.get('/actions/:actionId/measures/:measureId/edit', canUpdate, async (req, res) => {
    const measure = await actionMeasures.find(res.locals.action!, idOf(req.params.measureId))
    renderMeasureForm(res, { name: measure.name, unit: measure.unit ?? '', baseline: numberText(measure.baseline), target: numberText(measure.target) }, measure.id)
  })

  router.post('/actions/:actionId/measures/:measureId/edit', canUpdate, async (req, res) => {
    const measure = await actionMeasures.find(res.locals.action!, idOf(req.params.measureId))
    const form = validateForm(measureSchema, req.body)
    if (!form.ok) return renderMeasureForm(res, req.body, measure.id, form.errors)
    const done = await orInputErrors(() => actionMeasures.change(req.user!.id, res.locals.action!.id, measure.id, form.data, maySettle(req, res)))
    if (!done.ok) return renderMeasureForm(res, req.body, measure.id, done.errors)
    res.flash(`Measure “${form.data.name}” changed`)
    res.redirect(actionPage(res.locals.action!))
  })

  async function renderRemove(req: Request, res: Response, errors?: FormErrors) {
    const measure = await actionMeasures.find(res.locals.action!, idOf(req.params.measureId))
    res.status(errors ? 400 : 200).render('actions/measures/remove', {
      pageTitle: `Remove the measure ${measure.name}`,
      action: res.locals.action,
      measure,
      readingCount: (await actionMeasures.readings(measure.id)).length,
      errors,
      backLink: actionPage(res.locals.action!),
    })
  }

  router.get('/actions/:actionId/measures/:measureId/remove', canUpdate, (req, res) => renderRemove(req, res))

  router.post('/actions/:actionId/measures/:measureId/remove', canUpdate, async (req, res) => {
    const measure = await actionMeasures.find(res.locals.action!, idOf(req.params.measureId))
    const done = await orInputErrors(() => actionMeasures.remove(req.user!.id, res.locals.action!.id, measure.id, maySettle(req, res)))
    if (!done.ok) return renderRemove(req, res, done.errors)
    res.flash(`Measure “${done.value}” removed`)
    res.redirect(actionPage(res.locals.action!))
  })

  async function renderReadings(req: Request, res: Response, values: Record<string, unknown>, errors?: FormErrors) {
    const action = res.locals.action!
    const measure = await actionMeasures.find(action, idOf(req.params.measureId))
    const readings = await actionMeasures.readings(measure.id)
    res.status(errors ? 400 : 200).render('actions/measures/readings', {
      pageTitle: `Readings: ${measure.name}`,
      action,
      measure,
      readings: [...readings].reverse(),
      mayRemove: (reading: { recordedById: number | null }) => reading.recordedById === req.user!.id || maySettle(req, res),
      withUnit,
      formatDate,
      values,
      errors,
      backLink: actionPage(action),
    })
  }

  router.get('/actions/:actionId/measures/:measureId/readings', canUpdate, (req, res) => renderReadings(req, res, {}))

  router.post('/actions/:actionId/measures/:measureId/readings', canUpdate, async (req, res) => {
    const measure = await actionMeasures.find(res.locals.action!, idOf(req.params.measureId))
    const form = validateForm(readingSchema, req.body)
    if (!form.ok) return renderReadings(req, res, req.body, form.errors)
    const done = await orInputErrors(() => actionMeasures.addReading(req.user!.id, res.locals.action!.id, measure.id, form.data))
    if (!done.ok) return renderReadings(req, res, req.body, done.errors)
    res.flash(`Reading of ${withUnit(form.data.value, measure.unit)} for ${formatDate(form.data.readOn)} recorded`)
    res.redirect(`/actions/${res.locals.action!.id}/measures/${measure.id}/readings`)
  })

  router.post('/actions/:actionId/measures/:measureId/readings/:readingId/remove', canUpdate, async (req, res) => {
    const measureId = idOf(req.params.measureId)
    const done = await orInputErrors(() => actionMeasures.removeReading(req.user!.id, res.locals.action!.id, measureId, idOf(req.params.readingId), maySettle(req, res)))
    if (!done.ok) return renderReadings(req, res, {}, done.errors)
    res.flash(`Reading for ${formatDate(done.value.readOn)} removed`)
    res.redirect(`/actions/${res.locals.action!.id}/measures/${measureId}/readings`)
  })

  return router
}
