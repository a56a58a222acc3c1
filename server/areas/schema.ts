import { FormErrors, formErrors } from '../forms/validation'

/** The shares must add up to 100, give or take rounding in the published figures. */
export const TOTAL_TOLERANCE = 0.5

export const percentField = (groupKey: string) => `percent-${groupKey}`

export type PopulationInput = Record<string, number>

/** Reads one percentage per group (0 to 100, at most two decimal places) and checks that they add up to 100 ±0.5. */
export function readPopulation(body: Record<string, unknown>, groups: { key: string; label: string }[]): { ok: true; data: PopulationInput } | { ok: false; errors: FormErrors } {
  const problems: { field: string; text: string }[] = []
  const data: PopulationInput = {}
  for (const group of groups) {
    const field = percentField(group.key)
    const raw = typeof body[field] === 'string' ? (body[field] as string).trim().replace(/%$/, '').trim() : ''
    if (!raw) problems.push({ field, text: `Enter the percentage of children who are ${group.label}, or 0` })
    else if (!/^\d{1,3}(\.\d{1,2})?$/.test(raw) || Number(raw) > 100) problems.push({ field, text: `The percentage for ${group.label} must be a number from 0 to 100, with at most two decimal places` })
    else data[group.key] = Number(raw)
  }
  if (!problems.length) {
    const total = Object.values(data).reduce((sum, value) => sum + value, 0)
    if (Math.abs(total - 100) > TOTAL_TOLERANCE) {
      problems.push({ field: percentField(groups[0].key), text: `The percentages must add up to 100 (they add up to ${Math.round(total * 100) / 100})` })
    }
  }
  return problems.length ? { ok: false, errors: formErrors(problems) } : { ok: true, data }
}
