import { calendarDate, isoDateFromParts } from '../forms/dates'

export const IMPROVEMENT_ACTION_MAX = 1000
export const IMPROVEMENT_OWNER_MAX = 200
/** Rows a criterion can hold; the form always offers one empty row below the saved ones. */
export const IMPROVEMENTS_PER_CRITERION = 10

export interface ImprovementInput {
  /** The saved row this edits; null for a new row. */
  id: number | null
  action: string
  owner: string
  targetOn: string
}

export const improvementField = (criterion: string, row: number, part: 'id' | 'action' | 'owner' | 'target' | 'remove') => `${criterion}-improvement-${row}-${part}`

const text = (body: Record<string, unknown>, name: string) => {
  const value = body[name]
  return typeof value === 'string' ? value.trim() : ''
}

/**
 * Reads a criterion's "areas for improvement" rows. An empty row, or one marked for removal, is
 * dropped. A target date must not be in the past, unless it is a saved row's unchanged date (a plan
 * that has run late is still saved as it was).
 */
export function readImprovements(
  body: Record<string, unknown>,
  criterionKey: string,
  context: { today: string; savedTargets: Map<number, string> },
  problems: { field: string; text: string }[],
): ImprovementInput[] {
  const rows: ImprovementInput[] = []
  for (let row = 0; row < IMPROVEMENTS_PER_CRITERION; row++) {
    const field = (part: Parameters<typeof improvementField>[2]) => improvementField(criterionKey, row, part)
    if (body[field('remove')] === 'yes') continue
    const action = text(body, field('action'))
    const owner = text(body, field('owner'))
    const targetOn = isoDateFromParts(body, field('target'))
    if (!action && !owner && !targetOn) continue
    const which = `area for improvement ${row + 1} of ${criterionKey}`
    if (!action) problems.push({ field: field('action'), text: `Enter what will be done for ${which}` })
    else if (action.length > IMPROVEMENT_ACTION_MAX) problems.push({ field: field('action'), text: `What will be done for ${which} must be ${IMPROVEMENT_ACTION_MAX} characters or fewer` })
    if (!owner) problems.push({ field: field('owner'), text: `Enter who owns ${which}` })
    else if (owner.length > IMPROVEMENT_OWNER_MAX) problems.push({ field: field('owner'), text: `The owner of ${which} must be ${IMPROVEMENT_OWNER_MAX} characters or fewer` })
    const savedId = Number(text(body, field('id')))
    const id = Number.isInteger(savedId) && context.savedTargets.has(savedId) ? savedId : null
    if (!targetOn) problems.push({ field: field('target'), text: `Enter a target date for ${which}` })
    else if (!calendarDate('target date').safeParse(targetOn).success) problems.push({ field: field('target'), text: `The target date for ${which} must be a real date, like 31 3 2027` })
    else if (targetOn < context.today && !(id !== null && context.savedTargets.get(id) === targetOn)) {
      problems.push({ field: field('target'), text: `The target date for ${which} must be today or in the future` })
    }
    rows.push({ id, action, owner, targetOn: targetOn ?? '' })
  }
  return rows
}
