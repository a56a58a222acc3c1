import type { ChartSpec } from '../reports/charts'
import type { Calibration } from './calibration'
import type { Comparison } from './comparison'
import type { ResponseRateTrend } from './responseRates'

/** Per standard, the share of organisations given the best rating then and now (a new or retired standard has one bar). */
export function comparisonChart(comparison: Comparison): ChartSpec {
  const best = comparison.ratingLabels[0]
  return {
    kind: 'bar',
    horizontal: true,
    title: `Percentage of organisations rated ${best} per standard: ${comparison.earlier.name} and ${comparison.cycle.name}`,
    categories: comparison.rows.map((row) => `${row.standardKey} ${row.title}`),
    series: [
      { name: comparison.earlier.name, values: comparison.rows.map((row) => (row.then?.total ? row.then.percentBest : null)), colour: '#505a5f' },
      { name: comparison.cycle.name, values: comparison.rows.map((row) => (row.now?.total ? row.now.percentBest : null)), colour: '#1d70b8' },
    ],
    valueAxis: { unit: '%', min: 0, max: 100 },
  }
}

/** Each group's response rate across the cycles, oldest first, with all organisations as the last line. */
export function responseRateChart(trend: ResponseRateTrend, grouping: string): ChartSpec {
  return {
    kind: 'line',
    title: `Response rate by ${grouping} across cycles, oldest first`,
    categories: trend.cycles.map((cycle) => cycle.name),
    series: [
      ...trend.rows.map((row) => ({ name: row.group, values: row.cells.map((cell) => cell.rate) })),
      { name: 'All organisations', values: trend.overall.map((cell) => cell.rate), colour: '#0b0c0c' },
    ],
    valueAxis: { unit: '%', min: 0, max: 100 },
    height: 380,
  }
}

/** Per standard, the share of self-scores reviewers lowered and raised (organisations that over-rate themselves show as long "lowered" bars). */
export function calibrationChart(calibration: Calibration): ChartSpec {
  const percent = (count: number, of: number) => (of ? Math.round((100 * count) / of) : 0)
  return {
    kind: 'bar',
    horizontal: true,
    title: 'Percentage of self-scores that reviewers lowered and raised, per standard',
    categories: calibration.byStandard.map((row) => row.label),
    series: [
      { name: 'Lowered', values: calibration.byStandard.map((row) => percent(row.lowered, row.scored)), colour: '#d4351c' },
      { name: 'Raised', values: calibration.byStandard.map((row) => percent(row.raised, row.scored)), colour: '#00703c' },
    ],
    valueAxis: { unit: '%', min: 0 },
  }
}
