import { expect } from 'chai'
import type { Calibration } from '../../server/qa/calibration'
import type { Comparison, ComparisonRow } from '../../server/qa/comparison'
import type { ResponseRateTrend } from '../../server/qa/responseRates'
import { summarise } from '../../server/qa/reportSummary'

const labels = ['Fully met', 'Partially met', 'Not met']

/** A standard rated Fully met by `then` of `total` organisations then and `now` of `total` now. */
function row(key: string, title: string, then: number, now: number, total = 10): ComparisonRow {
  const share = (best: number) => ({ counts: labels.map((rating, index) => ({ rating, count: index === 0 ? best : index === 2 ? total - best : 0, percent: 0 })), total, percentBest: Math.round((100 * best) / total) })
  const points = share(now).percentBest - share(then).percentBest
  return { standardKey: key, title, status: 'compared', changes: [], then: share(then), now: share(now), change: points > 0 ? 'improved' : points < 0 ? 'declined' : 'same', pointsChange: points }
}

const comparisonOf = (rows: ComparisonRow[]) => ({ cycle: { name: '2025/26' }, earlier: { name: '2024/25' }, ratingLabels: labels, rows }) as unknown as Comparison

describe('the QA report’s automatically worded summary', () => {
  it('counts the standards that improved, stayed the same and declined, and says which cannot be compared', () => {
    const rows = [...Array.from({ length: 7 }, (_, index) => row(`S${index + 1}`, `Standard ${index + 1}`, 3, 6)), row('S8', 'Same one', 5, 5), row('S9', 'Worse one', 6, 4), row('S10', 'Safer recruitment', 8, 2)]
    const retired: ComparisonRow = { standardKey: 'S11', title: 'Old standard', status: 'retired', changes: [], then: rows[0].then }
    const [counts, best, worst] = summarise({ comparison: comparisonOf([...rows, retired]), bySector: [] })
    expect(counts).to.equal('7 of 10 standards improved, 1 stayed the same and 2 declined (organisations rated Fully met, 2025/26 against 2024/25). 1 standard cannot be compared (new or no longer assessed).')
    expect(best).to.equal('The largest improvement: Standard 1 (30% → 60% fully met).')
    expect(worst).to.equal('The largest decline: Safer recruitment (80% → 20% fully met).')
  })

  it('names the sectors where a standard moved by ten points or more, largest first, only with enough organisations both times', () => {
    const sentences = summarise({
      comparison: comparisonOf([row('S1', 'Leadership', 5, 5)]),
      bySector: [
        { sector: 'Voluntary and community', comparison: comparisonOf([row('S1', 'Safer recruitment', 62, 48, 100), row('S2', 'Listening to children', 50, 45, 100)]) },
        { sector: 'Police', comparison: comparisonOf([row('S1', 'Safer recruitment', 1, 0, 2)]) },
        { sector: 'Education', comparison: comparisonOf([row('S3', 'Training', 40, 70, 100)]) },
      ],
    })
    expect(sentences).to.deep.equal([
      '0 of 1 standard improved, 1 stayed the same and 0 declined (organisations rated Fully met, 2025/26 against 2024/25).',
      'Training improved for Education organisations (40% → 70% fully met).',
      'Safer recruitment declined for Voluntary and community organisations (62% → 48% fully met).',
    ])
  })

  it('words the latest response rate against the cycle before, with the least engaged group', () => {
    const cell = (responded: number, invited: number) => ({ responded, invited, rate: Math.round((100 * responded) / invited) })
    const responseRates: ResponseRateTrend = {
      cycles: [{ id: 1, name: '2024/25' }, { id: 2, name: '2025/26' }],
      rows: [
        { group: 'Social housing', cells: [cell(3, 4), cell(2, 5)] },
        { group: 'Faith', cells: [cell(1, 1), cell(0, 1)] },
        { group: 'Education', cells: [cell(8, 8), cell(9, 10)] },
      ],
      overall: [cell(12, 13), cell(11, 16)],
    }
    const sentences = summarise({ comparison: comparisonOf([]), bySector: [], responseRates })
    expect(sentences).to.deep.equal(['11 of 16 organisations responded in 2025/26 (69%; 92% the cycle before); the lowest response was from Social housing (40%).'])
  })

  it('says how many self-scores reviewers moderated and how many organisations over-rate themselves', () => {
    const calibration = { overall: { scored: 200, moderated: 20, lowered: 18, raised: 2 }, byStandard: [], byOrganisation: [{ overRates: true }, { overRates: true }, { overRates: false }] } as unknown as Calibration
    expect(summarise({ comparison: comparisonOf([]), bySector: [], calibration })).to.deep.equal(['Reviewers moderated 20 of 200 self-scores (10%) and lowered 18 of them; 2 organisations stand out as over-rating themselves.'])
  })
})
