import express, { Request, Response, Router } from 'express'
import { can } from '../../auth/permissions'
import { currentPartnershipId, requirePermission } from '../../auth/requirePermission'
import { returnStatusLabels } from '../../db/models/assessmentReturn.model'
import { NotFoundError } from '../../errors'
import { formatDate, formatDateTime, todayInEngland } from '../../forms/dates'
import { FormErrors, formErrors, orInputErrors, validateForm } from '../../forms/validation'
import { sourcePanels } from '../../actions/sources/actionsForSource'
import { EXPORT_FORMATS, sendTable } from '../../reports/tableExport'
import type { Services } from '../../services'
import { challengeEventsTable } from '../exportTables'
import { eventChoices, EventChoices, eventView, EventView, listEvents, partnershipCycles, partnershipOfEvent } from './queries'
import { CHALLENGEABLE } from './service'
import { ACTIONS_PER_OUTCOME, CHALLENGES_PER_RECORDING, cycleChoiceSchema, eventSchema, outcomeField, readOutcome } from './schema'

const inCurrentPartnership = (req: Request) => ({ partnershipId: currentPartnershipId(req) })
const eventResource = async (req: Request) => ({ partnershipId: await partnershipOfEvent(Number(req.params.id)) })

/** The form's fields refilled from a saved event. */
function eventValues(view: EventView): Record<string, unknown> {
  const [year, month, day] = view.event.heldOn.split('-')
  return {
    title: view.event.title,
    'heldOn-day': String(Number(day)),
    'heldOn-month': String(Number(month)),
    'heldOn-year': year,
    cycleId: String(view.event.cycleId),
    memberIds: view.members.map((member) => String(member.id)),
    organisationIds: view.organisations.map((organisation) => String(organisation.organisationId)),
    standardKeys: view.standards.map((standard) => standard.key),
    notes: view.event.notes ?? '',
  }
}

/** Challenge events (peer review panels): the partnership's QA sub-group schedules them and records what each agreed. */
export function challengeEventRoutes({ challengeEvents, now }: Services): Router {
  const router = express.Router()
  const canViewHere = requirePermission('challengeEvents:view', inCurrentPartnership)
  const canManageHere = requirePermission('challengeEvents:manage', inCurrentPartnership)
  const canView = requirePermission('challengeEvents:view', eventResource)
  const canManage = requirePermission('challengeEvents:manage', eventResource)
  const today = () => todayInEngland(now())

  router.get('/challenge-events', canViewHere, async (req, res) => {
    res.render('qa/panels/list', {
      pageTitle: 'Challenge events',
      ...(await listEvents(currentPartnershipId(req), today())),
      canManage: can(req.user, 'challengeEvents:manage', inCurrentPartnership(req)),
      formatDate,
      backLink: '/reviews',
    })
  })

  for (const format of EXPORT_FORMATS) {
    router.get(`/challenge-events.${format}`, canViewHere, async (req, res) => {
      const { upcoming, past } = await listEvents(currentPartnershipId(req), today())
      await sendTable(res, format, 'challenge-events', challengeEventsTable([...upcoming, ...past]))
    })
  }

  async function renderCycleChoice(req: Request, res: Response, errors?: FormErrors) {
    res.status(errors ? 400 : 200).render('qa/panels/choose-cycle', {
      pageTitle: 'Which cycle will the panel discuss?',
      cycles: await partnershipCycles(currentPartnershipId(req)),
      errors,
      backLink: '/challenge-events',
    })
  }

  function renderForm(res: Response, choices: EventChoices, values: Record<string, unknown>, editing: EventView | null, errors?: FormErrors) {
    res.status(errors ? 400 : 200).render('qa/panels/form', {
      pageTitle: editing ? `Change ${editing.event.title}` : 'Schedule a challenge event',
      ...choices,
      editing,
      values,
      errors,
      statusLabels: returnStatusLabels,
      backLink: editing ? `/challenge-events/${editing.event.id}` : '/challenge-events',
    })
  }

  router.get('/challenge-events/new', canManageHere, async (req, res) => {
    const { cycleId } = cycleChoiceSchema.parse(req.query)
    const choices = cycleId ? await eventChoices(currentPartnershipId(req), cycleId) : null
    if (!choices) return renderCycleChoice(req, res, 'cycleId' in req.query ? formErrors([{ field: 'cycleId', text: 'Choose the cycle the panel will discuss' }]) : undefined)
    renderForm(res, choices, { cycleId: String(cycleId) }, null)
  })

  router.post('/challenge-events/new', canManageHere, async (req, res) => {
    const { cycleId } = cycleChoiceSchema.parse(req.body ?? {})
    const choices = cycleId ? await eventChoices(currentPartnershipId(req), cycleId) : null
    if (!choices) return renderCycleChoice(req, res, formErrors([{ field: 'cycleId', text: 'Choose the cycle the panel will discuss' }]))
    const form = validateForm(eventSchema, req.body)
    if (!form.ok) return renderForm(res, choices, req.body, null, form.errors)
    const done = await orInputErrors(() => challengeEvents.schedule(req.user!.id, currentPartnershipId(req), form.data))
    if (!done.ok) return renderForm(res, choices, req.body, null, done.errors)
    res.flash('Challenge event scheduled: the panel members have been emailed')
    res.redirect(`/challenge-events/${done.value.id}`)
  })

  router.get('/challenge-events/:id', canView, async (req, res) => {
    const view = await eventView(Number(req.params.id))
    const agreed = view.organisations.flatMap((organisation) => organisation.outcome?.actions ?? [])
    const inThePlan = await sourcePanels(req.user, 'challenge_event_action', agreed.map((action) => action.id), [view.event.partnershipId], now())
    res.render('qa/panels/show', {
      pageTitle: view.event.title,
      ...view,
      planPanel: (actionId: number) => inThePlan.get(actionId),
      held: view.event.heldOn <= today(),
      canManage: can(req.user, 'challengeEvents:manage', { partnershipId: view.event.partnershipId }),
      statusLabels: returnStatusLabels,
      formatDate,
      formatDateTime,
      backLink: '/challenge-events',
    })
  })

  async function editing(req: Request) {
    const view = await eventView(Number(req.params.id))
    return { view, choices: (await eventChoices(view.event.partnershipId, view.event.cycleId))! }
  }

  router.get('/challenge-events/:id/edit', canManage, async (req, res) => {
    const { view, choices } = await editing(req)
    if (view.outcomesRecorded) return res.redirect(`/challenge-events/${view.event.id}`)
    renderForm(res, choices, eventValues(view), view)
  })

  router.post('/challenge-events/:id/edit', canManage, async (req, res) => {
    const { view, choices } = await editing(req)
    const form = validateForm(eventSchema, req.body)
    if (!form.ok) return renderForm(res, choices, req.body, view, form.errors)
    const done = await orInputErrors(() => challengeEvents.update(req.user!.id, view.event.id, form.data))
    if (!done.ok) return renderForm(res, choices, req.body, view, done.errors)
    res.flash('Challenge event changed')
    res.redirect(`/challenge-events/${view.event.id}`)
  })

  async function outcomeContext(req: Request) {
    const view = await eventView(Number(req.params.id))
    const organisation = view.organisations.find((candidate) => candidate.organisationId === Number(req.params.organisationId))
    if (!organisation) throw new NotFoundError('This organisation is not discussed at the event')
    return { view, organisation, scale: view.framework.scoreScale.levels }
  }

  function renderOutcome(res: Response, context: Awaited<ReturnType<typeof outcomeContext>>, values: Record<string, unknown>, errors?: FormErrors) {
    const { view, organisation } = context
    const filledActions = [...Array(ACTIONS_PER_OUTCOME).keys()].filter((row) => ['action', 'owner', 'target-day', 'target-month', 'target-year'].some((part) => values[`action-${row}-${part}`]))
    res.status(errors ? 400 : 200).render('qa/panels/outcome', {
      pageTitle: `Outcome for ${organisation.name}: ${view.event.title}`,
      ...context,
      held: view.event.heldOn <= today(),
      canRaise: CHALLENGEABLE.includes(organisation.status),
      actionRows: Math.min(ACTIONS_PER_OUTCOME, (filledActions.length ? filledActions[filledActions.length - 1] + 1 : 0) + 2),
      challengeRows: CHALLENGES_PER_RECORDING,
      outcomeField,
      values,
      errors,
      statusLabels: returnStatusLabels,
      formatDate,
      formatDateTime,
      backLink: `/challenge-events/${view.event.id}`,
    })
  }

  router.get('/challenge-events/:id/organisations/:organisationId/outcome', canManage, async (req, res) => {
    const context = await outcomeContext(req)
    const outcome = context.organisation.outcome
    const values: Record<string, unknown> = outcome ? { summary: outcome.summary } : {}
    for (const score of outcome?.scores ?? []) values[outcomeField.score(score.standardKey)] = score.agreedScore === null ? 'none' : String(score.agreedScore)
    for (const [row, action] of (outcome?.actions ?? []).entries()) {
      const [year, month, day] = action.targetOn.split('-')
      Object.assign(values, { [outcomeField.action(row, 'id')]: String(action.id), [outcomeField.action(row, 'action')]: action.action, [outcomeField.action(row, 'owner')]: action.owner, [`action-${row}-target-day`]: String(Number(day)), [`action-${row}-target-month`]: String(Number(month)), [`action-${row}-target-year`]: year })
    }
    renderOutcome(res, context, values)
  })

  router.post('/challenge-events/:id/organisations/:organisationId/outcome', canManage, async (req, res) => {
    const context = await outcomeContext(req)
    const scale = context.scale.map((level) => level.value)
    const form = readOutcome(req.body ?? {}, { standardKeys: context.view.standards.map((standard) => standard.key), scale, heldOn: context.view.event.heldOn })
    if (!form.ok) return renderOutcome(res, context, req.body, form.errors)
    const done = await orInputErrors(() => challengeEvents.recordOutcome(req.user!.id, context.view.event.id, context.organisation.organisationId, form.data, scale))
    if (!done.ok) return renderOutcome(res, context, req.body, done.errors)
    const raised = form.data.challenges.length
    res.flash(`Outcome for ${context.organisation.name} recorded${raised ? `; ${raised} challenge${raised === 1 ? '' : 's'} raised on the return and the organisation’s leads emailed` : ''}`)
    res.redirect(`/challenge-events/${context.view.event.id}#organisation-${context.organisation.organisationId}`)
  })

  return router
}
