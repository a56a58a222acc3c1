import { daysBetween } from '../forms/dates'

/** How many days before its review date a published statement counts as "Review due". */
export const REVIEW_DUE_WITHIN_DAYS = 60

export type ReviewStatus = 'current' | 'review_due' | 'review_overdue'
export const reviewStatusLabels: Record<ReviewStatus, string> = {
  current: 'Current',
  review_due: 'Review due',
  review_overdue: 'Review overdue',
}
/** GOV.UK tag colour classes for each status. */
export const reviewStatusTagClasses: Record<ReviewStatus, string> = {
  current: 'govuk-tag--green',
  review_due: 'govuk-tag--yellow',
  review_overdue: 'govuk-tag--red',
}

/**
 * A published statement's status from its review date alone (both YYYY-MM-DD, today in England):
 * overdue once the review date has passed, due from 60 days before it up to and including the day.
 */
export function reviewStatus(reviewOn: string, today: string): ReviewStatus {
  const daysLeft = daysBetween(today, reviewOn)
  if (daysLeft < 0) return 'review_overdue'
  if (daysLeft <= REVIEW_DUE_WITHIN_DAYS) return 'review_due'
  return 'current'
}

/** The last review date that still counts as "Review due" or worse on `today`: review_on <= this. */
export function reviewDueCutoff(today: string): string {
  const date = new Date(`${today}T00:00:00Z`)
  date.setUTCDate(date.getUTCDate() + REVIEW_DUE_WITHIN_DAYS)
  return date.toISOString().slice(0, 10)
}
