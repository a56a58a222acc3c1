import { z } from 'zod'
import { calendarDate, isoDateFromParts } from '../../forms/dates'
import { requiredText } from '../../forms/validation'

export const NOTE_MAX = 1000

/**
 * A number as people type it: "1,250", " 42.5 ", "-3". Anything else (words, "50%", "1e6") is
 * refused rather than guessed at, so a reading is exactly what was meant.
 */
export function typedNumber(missing: string, notANumber: string) {
  return z.preprocess(
    (value) => (typeof value === 'string' ? value.trim().replace(/,(?=\d{3}\b)/g, '') : value),
    z
      .string({ error: missing })
      .min(1, { error: missing })
      .regex(/^-?\d{1,12}(\.\d{1,6})?$/, { error: notANumber })
      .transform(Number),
  )
}

/** A measure: how we will know we are making a difference. */
export const measureSchema = z.object({
  name: requiredText('Enter what will be measured, like Percentage of referrals with the child’s voice recorded', 200),
  unit: z.string().trim().max(30, { error: 'The unit must be 30 characters or fewer' }).default(''),
  baseline: typedNumber('Enter the baseline: the value when the action started', 'The baseline must be a number, like 40 or 12.5'),
  target: typedNumber('Enter the target: the value that will show the difference has been made', 'The target must be a number, like 75 or 12.5'),
})

export type MeasureInput = z.infer<typeof measureSchema>

/** One dated reading of a measure; the date arrives as a GOV.UK date input. */
export const readingSchema = z.preprocess(
  (body) => {
    const fields = (body ?? {}) as Record<string, unknown>
    return { ...fields, readOn: isoDateFromParts(fields, 'readOn') }
  },
  z.object({
    readOn: calendarDate('date of the reading'),
    value: typedNumber('Enter the value of the reading', 'The value must be a number, like 42 or 3.5'),
    note: z.string().trim().max(NOTE_MAX, { error: `The note must be ${NOTE_MAX.toLocaleString('en-GB')} characters or fewer` }).default(''),
  }),
)

export type ReadingInput = z.infer<typeof readingSchema>
