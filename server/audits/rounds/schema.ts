import { z } from 'zod'
import { auditDeliveries } from '../../db/models/auditRound.model'
import { calendarDate, isoDateFromParts } from '../../forms/dates'
import { manyValues, requiredText } from '../../forms/validation'

export const DATE_FIELDS = ['gradingOpensOn', 'gradingDueOn', 'workshopOn'] as const

/** The select naming who audits for one agency. */
export const auditorField = (organisationId: number) => `auditor-${organisationId}`

/** Checkbox values; qs turns more than 20 of one name into an object keyed 0, 1, …, which counts as the list. */
function checked<T extends z.ZodType>(item: T, message: string) {
  return z
    .preprocess((value) => (value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.values(value) : value), manyValues(item))
    .refine((values) => values.length > 0, { error: message })
}

const id = z.coerce.number().int().positive()

/**
 * The set-up of an audit round. Dates arrive as GOV.UK date inputs; the auditors as one select per
 * agency (`auditor-<organisationId>`), read only for the agencies ticked, since a hidden select of an
 * unticked agency still sends its value.
 */
export const roundSchema = z.preprocess(
  (body) => {
    const fields = (body ?? {}) as Record<string, unknown>
    const dates = Object.fromEntries(DATE_FIELDS.map((name) => [name, isoDateFromParts(fields, name)]))
    const ticked = [fields.agencyIds ?? []].flat(2).flatMap((value) => (value !== null && typeof value === 'object' ? Object.values(value) : [value])).map(String)
    const auditors = ticked.flatMap((organisationId) => {
      const userId = fields[`auditor-${organisationId}`]
      return typeof userId === 'string' && userId !== '' ? [{ organisationId, userId }] : []
    })
    return { ...fields, ...dates, auditors }
  },
  z
    .object({
      title: requiredText('Enter a title for the round, like Adolescent neglect audit, spring 2026', 200),
      theme: requiredText('Enter the theme, like adolescent neglect or exploitation', 200),
      whyNow: requiredText('Enter why the partnership is auditing this theme now', 4000),
      areaIds: checked(id, 'Choose at least one area'),
      toolKey: z.string({ error: 'Choose the audit tool' }).trim().min(1, { error: 'Choose the audit tool' }).max(60),
      gradingOpensOn: calendarDate('date grading opens'),
      gradingDueOn: calendarDate('date grading is due'),
      workshopOn: calendarDate('date of the workshop'),
      delivery: z.enum(auditDeliveries, { error: 'Choose whether the audit is run in-house or commissioned' }),
      commissionedFrom: z.string().trim().max(200, { error: 'Who it is commissioned from must be 200 characters or fewer' }).default(''),
      facilitatorIds: checked(id, 'Choose at least one facilitator'),
      agencyIds: checked(id, 'Choose at least one agency taking part'),
      auditors: z.array(z.object({ organisationId: id, userId: z.coerce.number({ error: 'Choose an auditor from the list' }).int().positive({ error: 'Choose an auditor from the list' }) })),
    })
    .superRefine((round, context) => {
      if (round.delivery === 'commissioned' && !round.commissionedFrom) context.addIssue({ code: 'custom', path: ['commissionedFrom'], message: 'Enter who the audit is commissioned from' })
      if (round.gradingDueOn <= round.gradingOpensOn) context.addIssue({ code: 'custom', path: ['gradingDueOn'], message: 'The date grading is due must be after the date grading opens' })
      if (round.workshopOn < round.gradingDueOn) context.addIssue({ code: 'custom', path: ['workshopOn'], message: 'The date of the workshop must be on or after the date grading is due' })
    }),
)

export type RoundInput = z.infer<typeof roundSchema>
