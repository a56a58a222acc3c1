import { z } from 'zod'
import { calendarDate, isoDateFromParts } from '../../forms/dates'
import { FormErrors, formErrors, manyValues, requiredText } from '../../forms/validation'

export const SUMMARY_MAX = 5000
export const QUESTION_MAX = 2000
export const ACTION_MAX = 1000
export const OWNER_MAX = 200
/** Action rows an outcome can hold; the form offers two empty rows below the filled ones. */
export const ACTIONS_PER_OUTCOME = 10
/** New challenges one recording can raise; the form offers two empty rows. */
export const CHALLENGES_PER_RECORDING = 5

/**
 * Checkbox values: the body parser (qs) turns more than 20 of one name into an object keyed 0, 1, …
 * and a panel may well discuss more organisations than that, so such an object counts as the list.
 */
function checked<T extends z.ZodType>(item: T, message: string) {
  return z
    .preprocess((value) => (value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.values(value) : value), manyValues(item))
    .refine((values) => values.length > 0, { error: message })
}

/** The form to schedule or change a challenge event; the date arrives as a GOV.UK date input. */
export const eventSchema = z.preprocess(
  (body) => {
    const fields = (body ?? {}) as Record<string, unknown>
    return { ...fields, heldOn: isoDateFromParts(fields, 'heldOn') }
  },
  z.object({
    title: requiredText('Enter a title for the challenge event, like Panel 1: statutory partners', 200),
    heldOn: calendarDate('date of the event'),
    cycleId: z.coerce.number({ error: 'Choose the cycle the panel will discuss' }).int().positive({ error: 'Choose the cycle the panel will discuss' }),
    memberIds: checked(z.coerce.number().int().positive(), 'Choose at least one panel member'),
    organisationIds: checked(z.coerce.number().int().positive(), 'Choose at least one organisation to discuss'),
    standardKeys: checked(z.string().max(60), 'Choose at least one standard to discuss'),
    notes: z.string().trim().max(4000, { error: 'The notes must be 4,000 characters or fewer' }).default(''),
  }),
)

export type EventInput = z.infer<typeof eventSchema>

/** The cycle chosen before the rest of the form, from the query string; anything else is ignored. */
export const cycleChoiceSchema = z.object({
  cycleId: z.preprocess((value) => (value === '' || value === undefined ? undefined : Number(value)), z.number().int().positive().optional()).catch(undefined),
})

export interface ActionInput {
  /** The agreed action's id when it was recorded before (null for a new one). */
  id: number | null
  action: string
  owner: string
  targetOn: string
}

export interface OutcomeInput {
  summary: string
  /** Per standard discussed: the agreed score, or null for no change. */
  scores: { standardKey: string; agreedScore: number | null }[]
  actions: ActionInput[]
  /** New challenges to raise on the organisation's return. */
  challenges: { standardKey: string; question: string }[]
}

export const outcomeField = {
  score: (standardKey: string) => `score-${standardKey}`,
  action: (row: number, part: 'action' | 'owner' | 'target' | 'id') => `action-${row}-${part}`,
  challenge: (row: number, part: 'standard' | 'question') => `challenge-${row}-${part}`,
}

const NO_CHANGE = 'none'
const summarySchema = requiredText('Enter a summary of the discussion', SUMMARY_MAX)

const text = (body: Record<string, unknown>, name: string) => {
  const value = body[name]
  return typeof value === 'string' ? value.trim() : ''
}

/**
 * Reads an outcome form: an agreed score (or no change) for each standard discussed, the summary,
 * the action rows (an empty row is dropped; a target date must not be before the event) and the
 * new challenges (a row without a question is dropped). Problems are listed in the order of the page.
 */
export function readOutcome(
  body: Record<string, unknown>,
  context: { standardKeys: string[]; scale: number[]; heldOn: string },
): { ok: true; data: OutcomeInput } | { ok: false; errors: FormErrors } {
  const problems: { field: string; text: string }[] = []
  const scores = context.standardKeys.map((standardKey) => {
    const raw = text(body, outcomeField.score(standardKey)) || NO_CHANGE
    if (raw === NO_CHANGE) return { standardKey, agreedScore: null }
    const value = Number(raw)
    if (!/^\d+$/.test(raw) || !context.scale.includes(value)) {
      problems.push({ field: outcomeField.score(standardKey), text: `Choose an agreed score for ${standardKey} from the scale, or no change` })
      return { standardKey, agreedScore: null }
    }
    return { standardKey, agreedScore: value }
  })
  const summary = summarySchema.safeParse(body.summary ?? '')
  if (!summary.success) problems.push({ field: 'summary', text: summary.error.issues[0].message })

  const actions: ActionInput[] = []
  for (let row = 0; row < ACTIONS_PER_OUTCOME; row++) {
    const field = (part: 'action' | 'owner' | 'target') => outcomeField.action(row, part)
    const action = text(body, field('action'))
    const owner = text(body, field('owner'))
    const targetOn = isoDateFromParts(body, field('target'))
    if (!action && !owner && !targetOn) continue
    const which = `action ${row + 1}`
    if (!action) problems.push({ field: field('action'), text: `Enter what will be done for ${which}` })
    else if (action.length > ACTION_MAX) problems.push({ field: field('action'), text: `What will be done for ${which} must be ${ACTION_MAX} characters or fewer` })
    if (!owner) problems.push({ field: field('owner'), text: `Enter who owns ${which}` })
    else if (owner.length > OWNER_MAX) problems.push({ field: field('owner'), text: `The owner of ${which} must be ${OWNER_MAX} characters or fewer` })
    if (!targetOn) problems.push({ field: field('target'), text: `Enter a target date for ${which}` })
    else if (!calendarDate('target date').safeParse(targetOn).success) problems.push({ field: field('target'), text: `The target date for ${which} must be a real date, like 31 3 2027` })
    else if (targetOn < context.heldOn) problems.push({ field: field('target'), text: `The target date for ${which} must be on or after the date of the event` })
    // The row's saved id (a hidden field), so re-recording keeps the agreed action an action in the plan was made from.
    const id = /^\d{1,9}$/.test(text(body, outcomeField.action(row, 'id'))) ? Number(text(body, outcomeField.action(row, 'id'))) : null
    actions.push({ id, action, owner, targetOn: targetOn ?? '' })
  }

  const challenges: OutcomeInput['challenges'] = []
  for (let row = 0; row < CHALLENGES_PER_RECORDING; row++) {
    const question = text(body, outcomeField.challenge(row, 'question'))
    if (!question) continue
    const standardKey = text(body, outcomeField.challenge(row, 'standard'))
    if (!context.standardKeys.includes(standardKey)) problems.push({ field: outcomeField.challenge(row, 'standard'), text: `Choose which standard discussed challenge ${row + 1} is about` })
    if (question.length > QUESTION_MAX) problems.push({ field: outcomeField.challenge(row, 'question'), text: `Challenge ${row + 1} must be ${QUESTION_MAX} characters or fewer` })
    challenges.push({ standardKey, question })
  }
  if (problems.length) return { ok: false, errors: formErrors(problems) }
  return { ok: true, data: { summary: summary.data!, scores, actions, challenges } }
}
