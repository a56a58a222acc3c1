import { expect } from 'chai'
import { reviewDueCutoff, reviewStatus } from '../../server/statements/reviewStatus'

describe('a published statement’s review status', () => {
  it('is Current more than 60 days before the review date', () => {
    expect(reviewStatus('2026-08-01', '2026-06-01')).to.equal('current')
    expect(reviewStatus('2028-01-01', '2026-06-01')).to.equal('current')
  })
  it('is Review due from 60 days before, up to and including the day', () => {
    expect(reviewStatus('2026-07-31', '2026-06-01')).to.equal('review_due')
    expect(reviewStatus('2026-06-01', '2026-06-01')).to.equal('review_due')
  })
  it('is Review overdue from the day after', () => {
    expect(reviewStatus('2026-05-31', '2026-06-01')).to.equal('review_overdue')
    expect(reviewStatus('2020-01-01', '2026-06-01')).to.equal('review_overdue')
  })
  it('counts across a month and a leap day', () => {
    expect(reviewDueCutoff('2028-01-01')).to.equal('2028-03-01')
    expect(reviewStatus('2028-03-01', '2028-01-01')).to.equal('review_due')
    expect(reviewStatus('2028-03-02', '2028-01-01')).to.equal('current')
  })
})
