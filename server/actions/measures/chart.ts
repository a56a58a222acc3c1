import type { ActionMeasure, ActionMeasureReading } from '../../db/models'
import type { ChartSpec } from '../../reports/charts'

const shortDate = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })

/** "3 Mar 2026": short enough for a small chart's axis. */
export const formatShortDate = (isoDate: string) => shortDate.format(new Date(`${isoDate}T00:00:00Z`))

const monthYear = new Intl.DateTimeFormat('en-GB', { month: 'short', year: '2-digit', timeZone: 'UTC' })

/** "Mar 26": what fits under each point of a small chart; the title and the table give the full dates. */
const axisDate = (isoDate: string) => monthYear.format(new Date(`${isoDate}T00:00:00Z`))

/** "42", "42%", "42 children": a measure's value with its unit. */
export function withUnit(value: number, unit: string | null): string {
  const number = value.toLocaleString('en-GB', { maximumFractionDigits: 6 })
  if (!unit) return number
  return unit === '%' ? `${number}%` : `${number} ${unit}`
}

/**
 * A measure's readings over time, oldest first, each labelled with its value, with the target as a
 * level line to read them against. A percentage keeps its sign on the axis; other units are named
 * in the title, which is the picture's accessible name.
 */
export function measureChart(measure: Pick<ActionMeasure, 'name' | 'unit' | 'target'>, readings: Pick<ActionMeasureReading, 'readOn' | 'value'>[]): ChartSpec {
  const percent = measure.unit === '%'
  const unitWords = measure.unit && !percent ? ` (${measure.unit})` : ''
  return {
    kind: 'line',
    title: `${measure.name}${unitWords}: readings from ${formatShortDate(readings[0].readOn)} to ${formatShortDate(readings[readings.length - 1].readOn)} against a target of ${withUnit(measure.target, measure.unit)}`,
    categories: readings.map((reading) => axisDate(reading.readOn)),
    series: [
      { name: 'Reading', values: readings.map((reading) => reading.value), colour: '#1d70b8', labelled: true },
      { name: 'Target', values: readings.map(() => measure.target), colour: '#00703c' },
    ],
    valueAxis: { unit: percent ? '%' : undefined },
    width: 560,
    height: 260,
  }
}
