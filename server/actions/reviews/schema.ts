import { calendarDate, isoDateFromParts } from '../../forms/dates'
import { FormErrors, formErrors } from '../../forms/validation'
import { PLAN_REVIEW_KINDS, PlanReviewKind } from '../../db/models/planReview.model'

export const NAME_MAX = 200
export const SUMMARY_MAX = 5000
export const RECOMMENDATION_MAX = 2000
/** Recommendations one review can hold; the form offers three empty rows below the filled ones. */
export const RECOMMENDATIONS_MAX = 40
export const EMPTY_ROWS = 3

export const reviewField = {
  recommendation: (row: number, part: 'id' | 'text') => `recommendation-${row}-${part}`,
}

/** A recommendation as the form sends it: the id of a saved one (its number never changes), or null for a new one. */
export interface RecommendationInput {
  id: number | null
  text: string
  /** The form row, so a refusal can point at it. */
  row: number
}

export interface ReviewInput {
  kind: PlanReviewKind
  name: string
  heldOn: string
  summary: string | null
  recommendations: RecommendationInput[]
}

const text = (body: Record<string, unknown>, name: string) => {
  const value = body[name]
  return typeof value === 'string' ? value.trim() : ''
}

/**
 * Reads the review form: kind, name, date (a GOV.UK date input, not in the future), an optional
 * summary and the recommendation rows (an empty row without an id adds nothing; an emptied saved row
 * asks for that recommendation to be removed). Problems are listed in the order of the page.
 */
export function readReview(body: Record<string, unknown>, today: string): { ok: true; data: ReviewInput } | { ok: false; errors: FormErrors } {
  const problems: { field: string; text: string }[] = []
  const kind = text(body, 'kind')
  if (!(PLAN_REVIEW_KINDS as readonly string[]).includes(kind)) problems.push({ field: 'kind', text: 'Choose the kind of review' })
  const name = text(body, 'name')
  if (!name) problems.push({ field: 'name', text: 'Enter the name of the review, like Child R' })
  else if (name.length > NAME_MAX) problems.push({ field: 'name', text: `The name must be ${NAME_MAX} characters or fewer` })
  const heldOn = isoDateFromParts(body, 'heldOn')
  if (!heldOn) problems.push({ field: 'heldOn', text: 'Enter the date of the review (when it was published or the inspection reported)' })
  else if (!calendarDate('date of the review').safeParse(heldOn).success) problems.push({ field: 'heldOn', text: 'The date of the review must be a real date, like 31 3 2026' })
  else if (heldOn > today) problems.push({ field: 'heldOn', text: 'The date of the review must be today or in the past' })
  const summary = text(body, 'summary')
  if (summary.length > SUMMARY_MAX) problems.push({ field: 'summary', text: `The summary must be ${SUMMARY_MAX.toLocaleString('en-GB')} characters or fewer` })

  const recommendations: RecommendationInput[] = []
  for (let row = 0; row < RECOMMENDATIONS_MAX; row++) {
    const rawId = text(body, reviewField.recommendation(row, 'id'))
    const recommendation = text(body, reviewField.recommendation(row, 'text'))
    const id = /^\d+$/.test(rawId) ? Number(rawId) : null
    if (id === null && !recommendation) continue
    if (recommendation.length > RECOMMENDATION_MAX) problems.push({ field: reviewField.recommendation(row, 'text'), text: `Recommendation ${row + 1} must be ${RECOMMENDATION_MAX.toLocaleString('en-GB')} characters or fewer` })
    recommendations.push({ id, text: recommendation, row })
  }
  if (!recommendations.some((recommendation) => recommendation.text)) problems.push({ field: reviewField.recommendation(0, 'text'), text: 'Enter at least one recommendation' })
  if (problems.length) return { ok: false, errors: formErrors(problems) }
  return { ok: true, data: { kind: kind as PlanReviewKind, name, heldOn: heldOn!, summary: summary || null, recommendations } }
}
