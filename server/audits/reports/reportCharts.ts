import type { ChartSpec } from '../../reports/charts'
import { NOT_YET_AGREED, RoundReport } from './roundReport'

/** Two shades per colour the audit tools name, each with at least 3:1 contrast against white; a scale may use a colour twice (Outstanding and Good are both green). */
const SHADES: Record<string, string[]> = {
  green: ['#00703c', '#28a197'],
  amber: ['#f47738', '#b58840'],
  red: ['#d4351c', '#912b88'],
  blue: ['#1d70b8', '#003078'],
  grey: ['#505a5f', '#0b0c0c'],
}

export function gradeColours(grades: RoundReport['grades']): string[] {
  const used = new Map<string, number>()
  return grades.map((grade) => {
    const index = used.get(grade.colour) ?? 0
    used.set(grade.colour, index + 1)
    const shades = SHADES[grade.colour] ?? SHADES.grey
    return shades[Math.min(index, shades.length - 1)]
  })
}

/** The number of cases at each agreed grade per domain and overall, with those not yet agreed; a grade no case has is left out of its row. */
export function distributionChart(report: RoundReport): ChartSpec {
  const colours = gradeColours(report.grades)
  const orNothing = (count: number) => (count ? count : null)
  return {
    kind: 'bar',
    horizontal: true,
    title: `Number of cases at each agreed grade, per domain and overall, of ${report.caseCount} cases in ${report.round.title}`,
    categories: report.distribution.map((row) => row.title),
    series: [
      ...report.grades.map((grade, index) => ({ name: grade.label, values: report.distribution.map((row) => orNothing(row.grades[index].count)), colour: colours[index] })),
      { name: NOT_YET_AGREED, values: report.distribution.map((row) => orNothing(row.notAgreed.count)), colour: '#505a5f' },
    ],
    valueAxis: { min: 0, max: Math.max(1, report.caseCount) },
  }
}
