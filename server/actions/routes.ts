import express, { Request, Response, Router } from 'express'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { can } from '../auth/permissions'
import { currentPartnershipId, requirePermission } from '../auth/requirePermission'
import { ACTION_PRIORITIES, actionPriorityLabels, actionStatusLabels, OPEN_STATUSES } from '../db/models/action.model'
import { NotFoundError } from '../errors'
import { formatDate, formatDateTime, todayInEngland } from '../forms/dates'
import { FormErrors, orInputErrors, validateForm } from '../forms/validation'
import { viewsDir } from '../paths'
import type { Services } from '../services'
import { actionOfRequest, canOnAction, requireActionPermission } from './access'
import { actionPanels } from './panels'
import { statusTagClass } from './plan/filters'
import { actionChoices, actionView, similarOpenActions } from './queries'
import { formValues, newActionSchema, parseSource } from './schema'
import { sourcePrefill, describeSources } from './sources/sourceLinks'
import { actionUpdateRoutes } from './updateRoutes'

const inCurrentPartnership = (req: Request) => ({ partnershipId: currentPartnershipId(req) })
const partnershipOfAction = async (req: Request) => ({ partnershipId: (await actionOfRequest(req)).partnershipId })

/** The action page's panels that another part of the plan provides, each shown once its partial exists. */
const PANELS = ['measures', 'evidence', 'escalations'] as const
const panelsReady = () => Object.fromEntries(PANELS.map((panel) => [panel, existsSync(path.join(viewsDir, 'actions', `_${panel}.ejs`))])) as Record<(typeof PANELS)[number], boolean>

/** The form's fields posted again, as hidden inputs of the "similar actions" page (so nothing typed is lost). */
function hiddenFields(body: Record<string, unknown>): { name: string; value: string }[] {
  return Object.entries(body)
    .filter(([name]) => name !== '_csrf' && name !== 'confirm')
    .flatMap(([name, value]) => (Array.isArray(value) ? value : value !== null && typeof value === 'object' ? Object.values(value) : [value]).map((item) => ({ name, value: String(item ?? '') })))
}

/** An action's pages: create (with similar open actions offered), see, define, update (status, owner, sign-off). */
export function actionRoutes(services: Services): Router {
  const { actions, now } = services
  const router = express.Router()
  const canCreateHere = requirePermission('actions:create', inCurrentPartnership)
  const today = () => todayInEngland(now())

  /** The source named by `?source=` or the form's hidden field: its prefill, or 404 when it is not the partnership's. */
  async function sourceOf(value: unknown, partnershipId: number) {
    if (value === undefined || value === '') return null
    const source = parseSource(value)
    const prefill = source ? await sourcePrefill(source.kind, source.sourceId, partnershipId) : null
    if (!source || !prefill) throw new NotFoundError('source not found')
    const [link] = await describeSources([source], partnershipId)
    return { ...source, prefill, label: link?.label ?? '', token: `${source.kind}:${source.sourceId}` }
  }

  async function renderNew(req: Request, res: Response, values: Record<string, unknown>, source: Awaited<ReturnType<typeof sourceOf>>, errors?: FormErrors) {
    res.status(errors ? 400 : 200).render('actions/new', {
      pageTitle: 'Add an action to the plan',
      ...(await actionChoices(currentPartnershipId(req))),
      priorities: ACTION_PRIORITIES.map((value) => ({ value, text: actionPriorityLabels[value] })),
      source,
      values,
      errors,
      backLink: '/actions',
    })
  }

  router.get('/actions/new', canCreateHere, async (req, res) => {
    const source = await sourceOf(req.query.source, currentPartnershipId(req))
    const prefill = source?.prefill
    const values = prefill
      ? formValues({ ...prefill, whyItMatters: null, deliverable: null, startsOn: today() })
      : formValues({ title: '', outcomeSought: '', whyItMatters: null, deliverable: null, startsOn: today(), themeIds: [] })
    await renderNew(req, res, { ...values, priority: values.priority || 'medium' }, source)
  })

  router.post('/actions/new', canCreateHere, async (req, res) => {
    const partnershipId = currentPartnershipId(req)
    const body = (req.body ?? {}) as Record<string, unknown>
    const source = await sourceOf(body.source, partnershipId)
    // "Change what I typed", from the similar actions page: the form again, as it was.
    if (body.confirm === 'change') return renderNew(req, res, body, source)
    const form = validateForm(newActionSchema, body)
    if (!form.ok) return renderNew(req, res, body, source, form.errors)
    if (body.confirm !== 'yes') {
      const similar = await similarOpenActions(partnershipId, { title: form.data.title, outcomeSought: form.data.outcomeSought, themeIds: form.data.themeIds })
      if (similar.length) {
        return res.render('actions/similar', {
          pageTitle: 'Similar open actions already in the plan',
          similar,
          typed: form.data,
          hidden: hiddenFields(body),
          source,
          statusLabels: actionStatusLabels,
          statusTagClass,
          formatDate,
          // No back link: it would lose what was typed. "Change what I typed" brings the form back instead.
        })
      }
    }
    const done = await orInputErrors(() => actions.create(req.user!.id, partnershipId, form.data, source && { kind: source.kind, sourceId: source.sourceId }))
    if (!done.ok) return renderNew(req, res, body, source, done.errors)
    res.flash('Action added to the plan as a draft')
    res.redirect(`/actions/${done.value.id}`)
  })

  // "Link to this action instead": the source is answered by an action already in the plan.
  router.post('/actions/:actionId/link-source', requirePermission('actions:create', partnershipOfAction), async (req, res) => {
    const action = await actionOfRequest(req)
    const source = await sourceOf((req.body ?? {}).source, action.partnershipId)
    if (!source) throw new NotFoundError('source not found')
    const done = await orInputErrors(() => actions.linkSource(req.user!.id, action.id, source))
    res.flash(done.ok ? `Linked to this action: ${source.label}` : done.errors.list[0].text)
    res.redirect(`/actions/${action.id}`)
  })

  router.get('/actions/:actionId', requireActionPermission('action:view'), async (req, res) => {
    const action = res.locals.action!
    const view = await actionView(action, req.user)
    const user = req.user!
    const open = OPEN_STATUSES.includes(action.status)
    res.render('actions/show', {
      pageTitle: action.title,
      ...view,
      ...(await actionPanels(action, user, today())),
      panels: panelsReady(),
      overdue: open && action.dueOn < today(),
      open,
      canUpdate: canOnAction(user, 'action:update', action) && (open || canOnAction(user, 'action:edit', action)),
      canEdit: open && canOnAction(user, 'action:edit', action),
      canSignOff: canOnAction(user, 'action:signOff', action),
      canEscalate: canOnAction(user, 'action:escalate', action),
      statusLabels: actionStatusLabels,
      statusTagClass,
      priorityLabels: actionPriorityLabels,
      formatDate,
      formatDateTime,
      // Organisation users do not see the whole plan: their actions are on their dashboard.
      backLink: can(user, 'plan:view', { partnershipId: action.partnershipId }) ? '/actions' : '/dashboard',
    })
  })

  router.use(actionUpdateRoutes(services))
  return router
}
