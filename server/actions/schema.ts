import { z } from 'zod'
import { ACTION_PRIORITIES, ACTION_STATUSES, ActionPriority } from '../db/models/action.model'
import { ACTION_SOURCE_KINDS, ActionSourceKind } from '../db/models/actionSource.model'
import { calendarDate, isoDateFromParts } from '../forms/dates'
import { manyValues, requiredText } from '../forms/validation'

export const TEXT_MAX = 4000
export const NOTE_MAX = 5000

const optionalText = (label: string, max = TEXT_MAX) =>
  z
    .string()
    .trim()
    .max(max, { error: `${label} must be ${max.toLocaleString('en-GB')} characters or fewer` })
    .default('')

/** A select's value: '' (none chosen) is null, anything else a positive id. */
const optionalId = (message: string) =>
  z.preprocess((value) => (value === '' || value === undefined || value === null ? null : value), z.coerce.number({ error: message }).int({ error: message }).positive({ error: message }).nullable())

/**
 * Checkbox values: the body parser (qs) turns more than 20 of one name into an object keyed 0, 1, …
 * and a partnership's theme list can be longer than that, so such an object counts as the list.
 */
const checkedIds = z.preprocess((value) => (value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.values(value) : value), manyValues(z.coerce.number().int().positive()))

const dates = (body: unknown) => {
  const fields = (body ?? {}) as Record<string, unknown>
  return { ...fields, startsOn: isoDateFromParts(fields, 'startsOn'), dueOn: isoDateFromParts(fields, 'dueOn') }
}

/** What an action says it will do, shared by creating and editing it. */
const definition = {
  title: requiredText('Enter a title for the action', 200),
  outcomeSought: requiredText('Enter the outcome sought: what will be different for children', TEXT_MAX),
  whyItMatters: optionalText('Why it matters'),
  deliverable: optionalText('The deliverable'),
  areaId: optionalId('Choose an area from the list'),
  startsOn: calendarDate('start date'),
  dueOn: calendarDate('due date'),
  priority: z.enum(ACTION_PRIORITIES, { error: 'Choose the priority' }),
  themeIds: checkedIds,
  newTheme: z.string().trim().max(100, { error: 'A new theme must be 100 characters or fewer' }).default(''),
}

const owner = {
  ownerOrganisationId: optionalId('Choose the owner organisation from the list'),
  ownerName: requiredText('Enter the name of the person who owns the action', 200),
}

const realDate = calendarDate('date')
// Refinements still run when a date is not a real one: only two real dates are compared.
const dueAfterStart = (input: { startsOn: string; dueOn: string }, context: z.RefinementCtx) => {
  if (!realDate.safeParse(input.startsOn).success || !realDate.safeParse(input.dueOn).success) return
  if (input.dueOn < input.startsOn) context.addIssue({ code: 'custom', path: ['dueOn'], message: 'The due date must be the same as or after the start date' })
}

/** A new action's form; the dates arrive as GOV.UK date inputs. */
export const newActionSchema = z.preprocess(dates, z.object({ ...definition, ...owner }).superRefine(dueAfterStart))
export type NewActionInput = z.infer<typeof newActionSchema>

/**
 * Changing what an action says it will do. The owner is not here: a change of owner is a handover,
 * made with a progress update and its handover note. `version` is the copy the form was made from.
 */
export const editActionSchema = z.preprocess(
  dates,
  z.object({ ...definition, version: z.coerce.number({ error: 'Reload the page and make the change again' }).int().positive() }).superRefine(dueAfterStart),
)
export type EditActionInput = z.infer<typeof editActionSchema>

/** A dated progress update, with a change of status and of owner when there is one. */
export const updateSchema = z.object({
  note: requiredText('Enter a progress note: what has happened since the last update', NOTE_MAX),
  status: z.preprocess((value) => (value === '' || value === undefined ? null : value), z.enum(ACTION_STATUSES, { error: 'Choose a status from the list' }).nullable()),
  ownerOrganisationId: optionalId('Choose the new owner organisation from the list'),
  ownerName: z.string().trim().max(200, { error: 'The new owner’s name must be 200 characters or fewer' }).default(''),
  handoverNote: optionalText('The handover note', NOTE_MAX),
  closedReason: optionalText('The reason for closing', TEXT_MAX),
  /** Only for an action that has none yet: whoever makes a draft active can say what it will deliver. */
  deliverable: optionalText('The deliverable'),
  askSignOff: z.literal('yes').optional().catch(undefined),
  version: z.coerce.number({ error: 'Reload the page and write the update again' }).int().positive(),
})
export type UpdateInput = z.infer<typeof updateSchema>

/** `?source=<kind>:<id>`, or a hidden field of the same form; anything malformed is null. */
export function parseSource(value: unknown): { kind: ActionSourceKind; sourceId: number } | null {
  const match = typeof value === 'string' ? /^([a-z_]+):(\d{1,9})$/.exec(value) : null
  if (!match || !(ACTION_SOURCE_KINDS as readonly string[]).includes(match[1])) return null
  return { kind: match[1] as ActionSourceKind, sourceId: Number(match[2]) }
}

/** An action's definition as its forms show it: the dates split into GOV.UK date input parts. */
export function formValues(action: {
  title: string
  outcomeSought: string
  whyItMatters: string | null
  deliverable: string | null
  ownerOrganisationId?: number | null
  ownerName?: string
  areaId?: number | null
  startsOn?: string | null
  dueOn?: string | null
  priority?: ActionPriority
  themeIds: number[]
}): Record<string, unknown> {
  const parts = (name: string, iso: string | null | undefined) => {
    if (!iso) return {}
    const [year, month, day] = iso.split('-')
    return { [`${name}-day`]: String(Number(day)), [`${name}-month`]: String(Number(month)), [`${name}-year`]: year }
  }
  return {
    title: action.title,
    outcomeSought: action.outcomeSought,
    whyItMatters: action.whyItMatters ?? '',
    deliverable: action.deliverable ?? '',
    ownerOrganisationId: action.ownerOrganisationId ? String(action.ownerOrganisationId) : '',
    ownerName: action.ownerName ?? '',
    areaId: action.areaId ? String(action.areaId) : '',
    ...parts('startsOn', action.startsOn),
    ...parts('dueOn', action.dueOn),
    priority: action.priority ?? '',
    themeIds: action.themeIds.map(String),
  }
}

