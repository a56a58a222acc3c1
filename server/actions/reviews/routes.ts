import express, { Request, Response, Router } from 'express'
import { can } from '../../auth/permissions'
import { currentPartnershipId, requirePermission } from '../../auth/requirePermission'
import { PLAN_REVIEW_KINDS, planReviewKindLabels } from '../../db/models/planReview.model'
import { formatDate, todayInEngland } from '../../forms/dates'
import { FormErrors, orInputErrors } from '../../forms/validation'
import type { Services } from '../../services'
import { createFromSourceHref } from '../sources/actionsForSource'
import { listReviews, partnershipOfReview, reviewView, ReviewView } from './queries'
import { EMPTY_ROWS, readReview, RECOMMENDATION_MAX, RECOMMENDATIONS_MAX, reviewField, SUMMARY_MAX } from './schema'

const inCurrentPartnership = (req: Request) => ({ partnershipId: currentPartnershipId(req) })
const reviewResource = async (req: Request) => ({ partnershipId: await partnershipOfReview(Number(req.params.reviewId)) })

/** The form's fields refilled from a saved review: one row per recommendation, with its id so its number is kept. */
function reviewValues({ review, recommendations }: ReviewView): Record<string, unknown> {
  const [year, month, day] = review.heldOn.split('-')
  const values: Record<string, unknown> = { kind: review.kind, name: review.name, summary: review.summary ?? '', 'heldOn-day': String(Number(day)), 'heldOn-month': String(Number(month)), 'heldOn-year': year }
  for (const [row, recommendation] of recommendations.entries()) {
    values[reviewField.recommendation(row, 'id')] = String(recommendation.id)
    values[reviewField.recommendation(row, 'text')] = recommendation.text
  }
  return values
}

/** Reviews the business unit enters (Rapid Reviews, CSPRs, thematic reviews, inspections) and their recommendations, each with its actions. */
export function planReviewRoutes({ planReviews, now }: Services): Router {
  const router = express.Router()
  const canViewHere = requirePermission('planReviews:view', inCurrentPartnership)
  const canManageHere = requirePermission('planReviews:manage', inCurrentPartnership)
  const canView = requirePermission('planReviews:view', reviewResource)
  const canManage = requirePermission('planReviews:manage', reviewResource)
  const today = () => todayInEngland(now())

  router.get('/plan-reviews', canViewHere, async (req, res) => {
    res.render('plan-reviews/list', {
      pageTitle: 'Reviews and inspections',
      reviews: await listReviews(currentPartnershipId(req)),
      kindLabels: planReviewKindLabels,
      canManage: can(req.user, 'planReviews:manage', inCurrentPartnership(req)),
      formatDate,
    })
  })

  function renderForm(res: Response, values: Record<string, unknown>, editing: ReviewView | null, errors?: FormErrors) {
    // Saved rows (they carry an id) and typed rows, then empty ones to add more.
    const used = [...Array(RECOMMENDATIONS_MAX).keys()].filter((row) => values[reviewField.recommendation(row, 'id')] || values[reviewField.recommendation(row, 'text')])
    const numbers = new Map(editing?.recommendations.map((row) => [String(row.id), { number: row.number, linked: row.actions.length > 0 }]) ?? [])
    res.status(errors ? 400 : 200).render('plan-reviews/form', {
      pageTitle: editing ? `Change ${editing.review.name}` : 'Add a review',
      editing,
      values,
      errors,
      kinds: PLAN_REVIEW_KINDS.map((kind) => ({ value: kind, text: planReviewKindLabels[kind] })),
      rows: Math.min(RECOMMENDATIONS_MAX, (used.length ? used[used.length - 1] + 1 : 0) + EMPTY_ROWS),
      numbers,
      frozen: editing?.recommendations.some((row) => row.actions.length > 0) ?? false,
      reviewField,
      summaryMax: SUMMARY_MAX,
      recommendationMax: RECOMMENDATION_MAX,
      backLink: editing ? `/plan-reviews/${editing.review.id}` : '/plan-reviews',
    })
  }

  router.get('/plan-reviews/new', canManageHere, (_req, res) => renderForm(res, {}, null))

  router.post('/plan-reviews/new', canManageHere, async (req, res) => {
    const form = readReview(req.body ?? {}, today())
    if (!form.ok) return renderForm(res, req.body ?? {}, null, form.errors)
    const done = await orInputErrors(() => planReviews.create(req.user!.id, currentPartnershipId(req), form.data))
    if (!done.ok) return renderForm(res, req.body, null, done.errors)
    res.flash(`${planReviewKindLabels[done.value.kind]} “${done.value.name}” added: create actions from its recommendations below`)
    res.redirect(`/plan-reviews/${done.value.id}`)
  })

  router.get('/plan-reviews/:reviewId', canView, async (req, res) => {
    const view = await reviewView(Number(req.params.reviewId), today())
    const partnership = { partnershipId: view.review.partnershipId }
    res.render('plan-reviews/show', {
      pageTitle: `${planReviewKindLabels[view.review.kind]}: ${view.review.name}`,
      ...view,
      kindLabel: planReviewKindLabels[view.review.kind],
      canManage: can(req.user, 'planReviews:manage', partnership),
      createHref: can(req.user, 'actions:create', partnership) ? (id: number) => createFromSourceHref('review_recommendation', id) : null,
      today: today(),
      formatDate,
      backLink: '/plan-reviews',
    })
  })

  router.get('/plan-reviews/:reviewId/edit', canManage, async (req, res) => {
    const view = await reviewView(Number(req.params.reviewId))
    renderForm(res, reviewValues(view), view)
  })

  router.post('/plan-reviews/:reviewId/edit', canManage, async (req, res) => {
    const view = await reviewView(Number(req.params.reviewId))
    const form = readReview(req.body ?? {}, today())
    if (!form.ok) return renderForm(res, req.body ?? {}, view, form.errors)
    const done = await orInputErrors(() => planReviews.update(req.user!.id, view.review.id, form.data))
    if (!done.ok) return renderForm(res, req.body, view, done.errors)
    res.flash('Review changed')
    res.redirect(`/plan-reviews/${view.review.id}`)
  })

  return router
}
