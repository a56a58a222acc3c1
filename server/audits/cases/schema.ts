import { z } from 'zod'
import { manyValues, requiredText } from '../../forms/validation'
import { describePersonalData, findPersonalData, PersonalDataKind } from '../personalDataWarnings'
import { AGE_BANDS, ethnicityGroups, SEXES } from './reference'

export const REFERENCE_MAX = 40
export const WHY_CHOSEN_MAX = 4000

const keys = <T extends readonly { key: string }[]>(list: T) => list.map((entry) => entry.key) as [string, ...string[]]

/** The case form. The ethnicity must be a category of the configured list, or "not known". */
export const caseSchema = z.object({
  reference: requiredText('Enter a pseudonymised reference, like Case A', REFERENCE_MAX),
  ageBand: z.enum(keys(AGE_BANDS), { error: 'Choose the child’s age band' }),
  sex: z.enum(keys(SEXES), { error: 'Choose the child’s sex' }),
  ethnicity: z
    .string({ error: 'Choose the child’s ethnicity' })
    .refine((value) => {
      const list = ethnicityGroups()
      return value === list.notKnown.key || list.groups.some((group) => group.categories.some((category) => category.key === value))
    }, { error: 'Choose the child’s ethnicity' }),
  areaId: z.coerce.number({ error: 'Choose the area the child lives in' }).int({ error: 'Choose the area the child lives in' }).positive({ error: 'Choose the area the child lives in' }),
  agencyIds: z
    .preprocess((value) => (value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.values(value) : value), manyValues(z.coerce.number().int().positive()))
    .refine((values) => values.length > 0, { error: 'Choose at least one agency involved with the child' }),
  whyChosen: requiredText('Enter why the case was chosen', WHY_CHOSEN_MAX),
  /** Ticked on the warning: the text that looked personal is not. */
  confirmPersonalData: z.preprocess((value) => [value].flat().includes('yes'), z.boolean()),
})

export type CaseInput = z.infer<typeof caseSchema>

/** The free-text fields checked for personal data, with their labels on the page. */
export const FREE_TEXT_FIELDS = [
  { field: 'reference', label: 'Reference' },
  { field: 'whyChosen', label: 'Why it was chosen' },
] as const

export interface PersonalDataWarning {
  field: (typeof FREE_TEXT_FIELDS)[number]['field']
  kinds: PersonalDataKind[]
  text: string
}

/** What in the case's free text looks personal, per field; empty when nothing does. */
export function casePersonalData(input: Pick<CaseInput, 'reference' | 'whyChosen'>): PersonalDataWarning[] {
  return FREE_TEXT_FIELDS.flatMap(({ field, label }) => {
    const matches = findPersonalData(input[field])
    return matches.length ? [{ field, kinds: [...new Set(matches.map((match) => match.kind))], text: describePersonalData(label, matches) }] : []
  })
}

export const PERSONAL_DATA_REFUSAL = 'Some of what you entered looks like personal data: remove it, or confirm it is not personal data to save anyway'
