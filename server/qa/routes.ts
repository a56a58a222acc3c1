import express, { Request, Response, Router } from 'express'
import { sourcePanels } from '../actions/sources/actionsForSource'
import { can } from '../auth/permissions'
import { currentPartnershipId, requirePermission } from '../auth/requirePermission'
import { Cycle } from '../db/models'
import { returnStatusLabels, returnStatusTagClasses, respondedStatuses } from '../db/models/assessmentReturn.model'
import { NotFoundError } from '../errors'
import { formatDate, formatDateTime } from '../forms/dates'
import { FormErrors, orInputErrors, validateForm } from '../forms/validation'
import { loadedReturn, returnResource } from '../returns/loadedReturn'
import type { Services } from '../services'
import { chartForPage } from '../reports/charts'
import { EXPORT_FORMATS, fileNameOf, sendTable } from '../reports/tableExport'
import { historyTable } from './exportTables'
import { OVER_RATING_MEAN, standardMovesInWords } from './calibration'
import { calibrationChart } from './charts'
import { calibrationRequest, filterOptions } from './qaRequests'
import { organisationHistory } from './organisationHistory'
import { reviewQueue } from './reviewQueue'
import { challengeSchema, decisionSchema, moderationSchema, queueFiltersSchema, returnForChangesSchema } from './schema'

/** The QA sub-group's review queue and review pages; every route checks the reviewer belongs to a partnership the return goes to. */
export function reviewRoutes({ returns, reviews, scoring, evidence, organisations, now }: Services): Router {
  const router = express.Router()
  const canReview = requirePermission('returns:review', returnResource(returns))

  router.get('/reviews', requirePermission('reviews:list', (req) => ({ partnershipId: currentPartnershipId(req) })), async (req, res) => {
    const partnershipId = currentPartnershipId(req)
    const filters = queueFiltersSchema.parse(req.query)
    const [rows, cycles, options] = await Promise.all([
      reviewQueue(partnershipId, { ...filters, flagged: filters.flagged === 'yes' }),
      Cycle.findAll({ where: { partnershipId }, order: [['opensOn', 'DESC']], attributes: ['id', 'name'] }),
      filterOptions(partnershipId),
    ])
    res.render('qa/queue', {
      pageTitle: 'Returns to review',
      rows,
      filters,
      filtered: Object.values(filters).some((value) => value !== undefined),
      cycles,
      areas: options.areas,
      sectors: options.sectors,
      roles: options.roles,
      statuses: respondedStatuses.map((value) => ({ value, text: returnStatusLabels[value] })),
      statusLabels: returnStatusLabels,
      statusTags: returnStatusTagClasses,
      formatDateTime,
    })
  })

  router.get('/reviews/calibration', requirePermission('reviews:list', (req) => ({ partnershipId: currentPartnershipId(req) })), async (req, res) => {
    const { cycles, cycleId, calibration } = await calibrationRequest(req)
    const chart = calibration.overall.moderated ? chartForPage(calibrationChart(calibration)) : undefined
    res.render('qa/calibration', { pageTitle: 'Calibration: how reviewers moved self-scores', cycles, cycleId, calibration, chart, overRatingMean: OVER_RATING_MEAN, standardMovesInWords, backLink: '/reviews' })
  })

  // Read once per request: the permission check asks first, then the page.
  const resources = new WeakMap<Request, Promise<{ organisationId: number; partnershipIds: number[] }>>()
  const organisationResource = (req: Request) => {
    const known = resources.get(req)
    if (known) return known
    const resource = (async () => {
      const organisationId = Number(req.params.id)
      const partnershipIds = Number.isInteger(organisationId) ? await organisations.partnershipIdsOf(organisationId) : []
      if (!partnershipIds.length) throw new NotFoundError('Organisation not found')
      return { organisationId, partnershipIds }
    })()
    resources.set(req, resource)
    return resource
  }

  const historyOf = async (req: Request) => {
    const { partnershipIds } = await organisationResource(req)
    // The partnership the user is working in when the organisation belongs to it, otherwise the organisation's first.
    const working = req.user!.partnershipIds.includes(req.session.partnershipId ?? -1) ? req.session.partnershipId! : req.user!.partnershipIds[0]
    const partnershipId = partnershipIds.includes(working) ? working : (req.user!.partnershipIds.find((id) => partnershipIds.includes(id)) ?? partnershipIds[0])
    return organisationHistory(Number(req.params.id), partnershipId, { challengeEvents: can(req.user, 'challengeEvents:view', { partnershipId }) })
  }

  router.get('/organisations/:id/history', requirePermission('organisation:history', organisationResource), async (req, res) => {
    const history = await historyOf(req)
    res.render('qa/organisation-history', { pageTitle: `History: ${history.organisation.name}`, ...history, statusLabels: returnStatusLabels, formatDate })
  })

  for (const format of EXPORT_FORMATS) {
    router.get(`/organisations/:id/history.${format}`, requirePermission('organisation:history', organisationResource), async (req, res) => {
      const history = await historyOf(req)
      await sendTable(res, format, `history-${fileNameOf(history.organisation.name)}`, historyTable(history.columns, history.standards))
    })
  }

  async function renderReview(req: Request, res: Response, errors?: FormErrors) {
    const loaded = await loadedReturn(returns, req)
    const [result, challenges] = await Promise.all([scoring.latest(loaded.assessment.id), reviews.challenges(loaded.assessment.id)])
    res.status(errors ? 400 : 200).render('qa/review', {
      pageTitle: `Review: ${loaded.organisation.name}`,
      ...loaded,
      result,
      ratings: new Map((result?.outcome?.ratings ?? []).map((rating) => [rating.standardKey, rating])),
      challenges,
      challengeActions: await sourcePanels(req.user, 'challenge', challenges.map((challenge) => challenge.id), loaded.partnershipIds, now()),
      statusLabels: returnStatusLabels,
      values: req.body ?? {},
      errors,
      formatDateTime,
      backLink: '/reviews',
    })
  }

  router.get('/reviews/:id', canReview, (req, res) => renderReview(req, res))

  async function renderStandard(req: Request, res: Response, errors?: FormErrors) {
    const loaded = await loadedReturn(returns, req)
    const standard = loaded.standards.find((candidate) => candidate.key === req.params.standardKey)
    if (!standard) throw new NotFoundError('No such standard in this return')
    const [{ answers, attachments }, result, files, challenges] = await Promise.all([
      returns.section(loaded.assessment.id, standard.key, loaded),
      scoring.latest(loaded.assessment.id),
      evidence.files(loaded.assessment.id),
      reviews.challenges(loaded.assessment.id),
    ])
    // Each area for improvement with the plan's actions from it (drafted on submission, so no "Create an action" here).
    const areas = [...attachments.improvements.values()].flat()
    const areaActions = await sourcePanels(req.user, 'improvement_area', areas.map((area) => area.id), loaded.partnershipIds, now())
    res.status(errors ? 400 : 200).render('qa/standard', {
      pageTitle: `Review ${standard.key}: ${loaded.organisation.name}`,
      ...loaded,
      standard,
      answers,
      attachments,
      areaActions: (areaId: number) => ({ actions: areaActions.get(areaId)?.actions ?? [], createHref: null }),
      files: new Map(files.map((file) => [file.id, file])),
      rating: result?.outcome?.ratings.find((candidate) => candidate.standardKey === standard.key),
      flags: (result?.outcome?.flags ?? []).map((flag, index) => ({ ...flag, index })).filter((flag) => flag.standardKey === standard.key),
      challenges: challenges.filter((challenge) => challenge.standardKey === standard.key),
      scale: loaded.version.definition.scoreScale.levels,
      values: req.body ?? {},
      errors,
      formatDate,
      backLink: `/reviews/${loaded.assessment.id}`,
    })
  }

  router.get('/reviews/:id/standards/:standardKey', canReview, (req, res) => renderStandard(req, res))

  router.post('/reviews/:id/start', canReview, async (req, res) => {
    const done = await orInputErrors(async () => reviews.start(req.user!.id, await loadedReturn(returns, req)))
    if (!done.ok) return renderReview(req, res, done.errors)
    res.flash('The review has started')
    res.redirect(`/reviews/${req.params.id}`)
  })

  router.post('/reviews/:id/standards/:standardKey/criteria/:criterionKey/moderate', canReview, async (req, res) => {
    const form = validateForm(moderationSchema, req.body)
    if (!form.ok) return renderStandard(req, res, form.errors)
    const criterionKey = String(req.params.criterionKey)
    const done = await orInputErrors(async () => reviews.moderate(req.user!.id, await loadedReturn(returns, req), criterionKey, form.data.score === 'none' ? null : Number(form.data.score), form.data.reason))
    if (!done.ok) return renderStandard(req, res, done.errors)
    res.flash(`${criterionKey}: ${form.data.score === 'none' ? 'moderated score removed' : `moderated score ${form.data.score} saved`}, and the return rescored`)
    res.redirect(`/reviews/${req.params.id}/standards/${req.params.standardKey}#${criterionKey}`)
  })

  router.post('/reviews/:id/standards/:standardKey/challenges', canReview, async (req, res) => {
    const form = validateForm(challengeSchema, req.body)
    if (!form.ok) return renderStandard(req, res, form.errors)
    const done = await orInputErrors(async () => reviews.raiseChallenge(req.user!.id, await loadedReturn(returns, req), String(req.params.standardKey), form.data.criterionKey || null, form.data.question))
    if (!done.ok) return renderStandard(req, res, done.errors)
    res.flash('Challenge raised: the organisation’s leads have been emailed')
    res.redirect(`/reviews/${req.params.id}/standards/${req.params.standardKey}#challenges`)
  })

  router.post('/reviews/:id/challenges/:challengeId', canReview, async (req, res) => {
    const form = validateForm(decisionSchema, req.body)
    if (!form.ok) return renderReview(req, res, form.errors)
    const done = await orInputErrors(async () => reviews.decideChallenge(req.user!.id, await loadedReturn(returns, req), Number(req.params.challengeId), form.data.decision))
    if (!done.ok) return renderReview(req, res, done.errors)
    res.flash(form.data.decision === 'close' ? 'Challenge closed' : 'Challenge kept open: the organisation has been asked for more')
    res.redirect(`/reviews/${req.params.id}#challenges`)
  })

  router.post('/reviews/:id/accept', canReview, async (req, res) => {
    const done = await orInputErrors(async () => reviews.accept(req.user!.id, await loadedReturn(returns, req)))
    if (!done.ok) return renderReview(req, res, done.errors)
    res.flash('Return accepted')
    res.redirect(`/reviews/${req.params.id}`)
  })

  router.post('/reviews/:id/return', canReview, async (req, res) => {
    const form = validateForm(returnForChangesSchema, req.body)
    if (!form.ok) return renderReview(req, res, form.errors)
    const done = await orInputErrors(async () => reviews.returnForChanges(req.user!.id, await loadedReturn(returns, req), form.data.reason))
    if (!done.ok) return renderReview(req, res, done.errors)
    res.flash('Return sent back for changes: the organisation’s leads have been emailed')
    res.redirect(`/reviews/${req.params.id}`)
  })

  return router
}
