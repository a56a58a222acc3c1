import { z } from 'zod'
import { organisationRoleKinds, sizeTiers } from '../db/models/organisationKinds'
import { calendarDate, isoDateFromParts } from '../forms/dates'
import { manyValues, requiredText } from '../forms/validation'

export const selectionSchema = z.object({
  roles: manyValues(z.enum(organisationRoleKinds)),
  sectors: manyValues(z.string().max(50)),
  areaIds: manyValues(z.coerce.number().int().positive()),
  sizeTiers: manyValues(z.enum(sizeTiers)),
})

/** The cycle form: dates arrive as GOV.UK date inputs and are assembled before validation. */
export const cycleSchema = z.preprocess(
  (body) => {
    const fields = (body ?? {}) as Record<string, unknown>
    return { ...fields, opensOn: isoDateFromParts(fields, 'opensOn'), closesOn: isoDateFromParts(fields, 'closesOn') }
  },
  z
    .object({
      name: requiredText('Enter a name for the cycle, like 2025/26', 100),
      frameworkVersionId: z.coerce.number({ error: 'Select a framework version' }).int().positive({ error: 'Select a framework version' }),
      opensOn: calendarDate('opening date'),
      closesOn: calendarDate('closing date'),
    })
    .extend(selectionSchema.shape)
    .refine((cycle) => cycle.closesOn > cycle.opensOn, { path: ['closesOn'], error: 'The closing date must be after the opening date' }),
)

export type CycleInput = z.infer<typeof cycleSchema>
export type SelectionInput = z.infer<typeof selectionSchema>

export const extensionSchema = z.preprocess(
  (body) => ({ dueOn: isoDateFromParts((body ?? {}) as Record<string, unknown>, 'dueOn') }),
  z.object({ dueOn: calendarDate('new deadline') }),
)

export const reminderSchema = z.object({
  scope: z.enum(['overdue', 'chosen'], { error: 'Choose who to remind' }),
  returnIds: manyValues(z.coerce.number().int().positive()),
})
