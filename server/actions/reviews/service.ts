import { Op, Sequelize, Transaction } from 'sequelize'
import type { AuditEventService } from '../../auditEvents/service'
import { ActionSource, PlanReview, PlanReviewRecommendation } from '../../db/models'
import { InvalidInputError, NotFoundError } from '../../errors'
import { todayInEngland } from '../../forms/dates'
import { reviewField, ReviewInput } from './schema'

/** A review as the audit trail keeps it. */
interface ReviewSnapshot {
  kind: string
  name: string
  heldOn: string
  summary: string | null
  recommendations: { number: number; text: string }[]
}

/** Which of these recommendations have actions in the plan. */
export async function recommendationsWithActions(recommendationIds: number[], transaction?: Transaction): Promise<Set<number>> {
  if (!recommendationIds.length) return new Set()
  const sources = await ActionSource.findAll({ where: { kind: 'review_recommendation', sourceId: { [Op.in]: recommendationIds } }, attributes: ['sourceId'], transaction })
  return new Set(sources.map((source) => source.sourceId))
}

/**
 * Reviews the business unit enters (Rapid Review, CSPR, thematic review, inspection) with their
 * numbered recommendations. Actions answer a recommendation by its id and the review page shows it
 * by its number, so once any recommendation of a review has an action the numbers are frozen:
 * new recommendations are numbered after the highest, and one with actions cannot be removed.
 * Before that, the numbers simply follow the order of the form.
 */
export class PlanReviewService {
  constructor(
    private readonly sequelize: Sequelize,
    private readonly audit: AuditEventService,
    // Kept for the services' wiring; reviews send no email.
    _publicUrl: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private checkDate(input: ReviewInput): void {
    if (input.heldOn > todayInEngland(this.now())) throw new InvalidInputError('heldOn', 'The date of the review must be today or in the past')
  }

  async create(actorUserId: number, partnershipId: number, input: ReviewInput): Promise<PlanReview> {
    this.checkDate(input)
    return this.sequelize.transaction(async (transaction) => {
      const review = await PlanReview.create({ partnershipId, kind: input.kind, name: input.name, heldOn: input.heldOn, summary: input.summary, createdById: actorUserId }, { transaction })
      const texts = input.recommendations.map((row) => row.text).filter(Boolean)
      await PlanReviewRecommendation.bulkCreate(texts.map((text, index) => ({ reviewId: review.id, number: index + 1, text })), { transaction })
      await this.record(actorUserId, review, 'plan_review.created', null, await this.snapshot(review, transaction), transaction)
      return review
    })
  }

  async update(actorUserId: number, reviewId: number, input: ReviewInput): Promise<void> {
    this.checkDate(input)
    await this.sequelize.transaction(async (transaction) => {
      const review = await PlanReview.findByPk(reviewId, { transaction, lock: transaction.LOCK.UPDATE })
      if (!review) throw new NotFoundError('Review not found')
      const before = await this.snapshot(review, transaction)
      const saved = await PlanReviewRecommendation.findAll({ where: { reviewId }, order: [['number', 'ASC']], transaction })
      const linked = await recommendationsWithActions(saved.map((row) => row.id), transaction)
      const byId = new Map(saved.map((row) => [row.id, row]))
      for (const row of input.recommendations) {
        if (row.id === null) continue
        const existing = byId.get(row.id)
        if (!existing) throw new InvalidInputError(reviewField.recommendation(row.row, 'text'), 'This recommendation is not part of the review: reload the page and try again')
        if (!row.text && linked.has(existing.id)) {
          throw new InvalidInputError(reviewField.recommendation(row.row, 'text'), `Recommendation ${existing.number} has actions in the plan, so it cannot be removed: change its wording, or close its actions first`)
        }
      }
      await review.update({ kind: input.kind, name: input.name, heldOn: input.heldOn, summary: input.summary }, { transaction })
      const removed = input.recommendations.filter((row) => row.id !== null && !row.text).map((row) => row.id!)
      if (removed.length) await PlanReviewRecommendation.destroy({ where: { id: removed }, transaction })
      // Saved recommendations the form left out are kept as they are: nothing is lost to a stale page.
      const kept = saved.filter((row) => !removed.includes(row.id))
      const order = [...input.recommendations.filter((row) => row.text), ...kept.filter((row) => !input.recommendations.some((sent) => sent.id === row.id)).map((row) => ({ id: row.id, text: row.text, row: -1 }))]
      if (linked.size) await this.appendFrozen(reviewId, kept, order, transaction)
      else await this.renumber(reviewId, kept, order, transaction)
      await this.record(actorUserId, review, 'plan_review.updated', before, await this.snapshot(review, transaction), transaction)
    })
  }

  /** Numbers are frozen: saved recommendations keep theirs, new ones follow the highest. */
  private async appendFrozen(reviewId: number, kept: PlanReviewRecommendation[], order: { id: number | null; text: string }[], transaction: Transaction) {
    let next = Math.max(0, ...kept.map((row) => row.number)) + 1
    for (const row of order) {
      const existing = kept.find((candidate) => candidate.id === row.id)
      if (existing) {
        if (existing.text !== row.text) await existing.update({ text: row.text }, { transaction })
      } else await PlanReviewRecommendation.create({ reviewId, number: next++, text: row.text }, { transaction })
    }
  }

  /** No recommendation has actions yet: number them 1, 2, 3… in the order of the form. */
  private async renumber(reviewId: number, kept: PlanReviewRecommendation[], order: { id: number | null; text: string }[], transaction: Transaction) {
    // Out of the way first: (review, number) is unique, and two rows may swap numbers.
    for (const row of kept) await row.update({ number: -row.id }, { transaction })
    for (const [index, row] of order.entries()) {
      const existing = kept.find((candidate) => candidate.id === row.id)
      if (existing) await existing.update({ number: index + 1, text: row.text }, { transaction })
      else await PlanReviewRecommendation.create({ reviewId, number: index + 1, text: row.text }, { transaction })
    }
  }

  private async snapshot(review: PlanReview, transaction: Transaction): Promise<ReviewSnapshot> {
    const recommendations = await PlanReviewRecommendation.findAll({ where: { reviewId: review.id }, order: [['number', 'ASC']], transaction })
    return { kind: review.kind, name: review.name, heldOn: review.heldOn, summary: review.summary, recommendations: recommendations.map(({ number, text }) => ({ number, text })) }
  }

  private record(actorUserId: number, review: PlanReview, action: string, before: ReviewSnapshot | null, after: ReviewSnapshot, transaction: Transaction) {
    return this.audit.record({ actorUserId, partnershipId: review.partnershipId, action, entityType: 'plan_review', entityId: review.id, before, after }, transaction)
  }
}
