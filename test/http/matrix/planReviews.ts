import { Partnership, PlanReview, PlanReviewRecommendation } from '../../../server/db/models'
import { MatrixModule, partnershipRoles } from './routeCase'

/** Reviews entered by the business unit: the partnership's people read them, its admins write them. */
export const planReviewsMatrix: MatrixModule = {
  async setUp() {
    const partnership = (await Partnership.findOne({ where: { slug: 'riverside' } }))!
    const review = await PlanReview.create({ partnershipId: partnership.id, kind: 'cspr', name: 'Matrix review', heldOn: '2026-01-15', summary: null, createdById: null })
    await PlanReviewRecommendation.create({ reviewId: review.id, number: 1, text: 'A recommendation' })
    return { reviewId: String(review.id) }
  },
  routes: [
    { method: 'get', path: '/plan-reviews', allowed: partnershipRoles },
    { method: 'get', path: '/plan-reviews/new', allowed: { admin: 200 } },
    { method: 'post', path: '/plan-reviews/new', allowed: { admin: 400 }, body: { name: '' } },
    { method: 'get', path: '/plan-reviews/:reviewId', allowed: partnershipRoles },
    { method: 'get', path: '/plan-reviews/:reviewId/edit', allowed: { admin: 200 } },
    { method: 'post', path: '/plan-reviews/:reviewId/edit', allowed: { admin: 400 }, body: { name: '' } },
  ],
}
