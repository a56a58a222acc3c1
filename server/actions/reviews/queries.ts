import { PlanReview, PlanReviewRecommendation } from '../../db/models'
import { NotFoundError } from '../../errors'
import { actionsForSources, SourceAction } from '../sources/actionsForSource'

export interface ReviewRow {
  id: number
  kind: PlanReview['kind']
  name: string
  heldOn: string
  recommendations: number
  actions: number
}

/** The partnership's reviews, the latest first, with how many recommendations and actions each has. */
export async function listReviews(partnershipId: number): Promise<ReviewRow[]> {
  const reviews = await PlanReview.findAll({ where: { partnershipId }, order: [['heldOn', 'DESC'], ['id', 'DESC']] })
  const recommendations = await PlanReviewRecommendation.findAll({ where: { reviewId: reviews.map((review) => review.id) }, attributes: ['id', 'reviewId'] })
  const actions = await actionsForSources('review_recommendation', recommendations.map((row) => row.id))
  return reviews.map((review) => {
    const own = recommendations.filter((row) => row.reviewId === review.id)
    return {
      id: review.id,
      kind: review.kind,
      name: review.name,
      heldOn: review.heldOn,
      recommendations: own.length,
      actions: new Set(own.flatMap((row) => (actions.get(row.id) ?? []).map((action) => action.id))).size,
    }
  })
}

export interface ReviewView {
  review: PlanReview
  recommendations: (PlanReviewRecommendation & { actions: SourceAction[] })[]
}

/** A review with its recommendations in number order, each with the plan's actions that answer it. */
export async function reviewView(reviewId: number, today?: string): Promise<ReviewView> {
  const review = Number.isInteger(reviewId) ? await PlanReview.findByPk(reviewId) : null
  if (!review) throw new NotFoundError('Review not found')
  const recommendations = await PlanReviewRecommendation.findAll({ where: { reviewId }, order: [['number', 'ASC']] })
  const actions = await actionsForSources('review_recommendation', recommendations.map((row) => row.id), { today })
  return { review, recommendations: recommendations.map((row) => Object.assign(row, { actions: actions.get(row.id) ?? [] })) }
}

/** The partnership a review belongs to, for the permission check; a review that does not exist is a 404. */
export async function partnershipOfReview(reviewId: number): Promise<number> {
  const review = Number.isInteger(reviewId) ? await PlanReview.findByPk(reviewId, { attributes: ['partnershipId'] }) : null
  if (!review) throw new NotFoundError('Review not found')
  return review.partnershipId
}

