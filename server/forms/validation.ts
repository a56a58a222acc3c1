import { z } from 'zod'
import { InvalidInputError } from '../errors'

export interface FormErrors {
  /** For the GOV.UK error summary: each message links to its field. */
  list: { text: string; href: string }[]
  /** Inline message per field name. */
  fields: Record<string, string>
}

export type Validated<T> = { ok: true; data: T } | { ok: false; errors: FormErrors }

/** Validates a submitted form; the first message per field is shown, in the order of the fields. */
export function validateForm<S extends z.ZodType>(schema: S, body: unknown): Validated<z.infer<S>> {
  const result = schema.safeParse(body ?? {})
  if (result.success) return { ok: true, data: result.data }
  return { ok: false, errors: formErrors(result.error.issues.map((issue) => ({ field: String(issue.path[0] ?? ''), text: issue.message }))) }
}

export function formErrors(messages: { field: string; text: string }[]): FormErrors {
  const fields: Record<string, string> = {}
  for (const { field, text } of messages) fields[field] ??= text
  return { fields, list: Object.entries(fields).map(([field, text]) => ({ text, href: `#${field}` })) }
}

/** Trims a text field and treats an empty one as missing, with a GOV.UK-style message. */
export function requiredText(message: string, max = 200) {
  return z
    .string({ error: message })
    .trim()
    .min(1, { error: message })
    .max(max, { error: `Must be ${max} characters or fewer` })
}

/** Form fields that may arrive as one value or many (checkboxes). */
export function manyValues<T extends z.ZodType>(item: T) {
  return z.preprocess((value) => (value === undefined || value === '' ? [] : Array.isArray(value) ? value : [value]), z.array(item))
}

/** Runs a service call; an InvalidInputError becomes form errors for the page to re-display. */
export async function orInputErrors<T>(action: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; errors: FormErrors }> {
  try {
    return { ok: true, value: await action() }
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error
    return { ok: false, errors: formErrors([{ field: error.field, text: error.message }]) }
  }
}
