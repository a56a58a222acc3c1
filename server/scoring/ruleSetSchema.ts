import { z } from 'zod'
import { eventTypes, scopes, severities } from './factCatalogue'

const name = z
  .string()
  .min(1)
  .max(80)
  .regex(/^[a-z0-9][a-z0-9-]*$/, { error: 'Rule names use lower-case letters, digits and dashes' })
const text = (max: number) => z.string().trim().min(1, { error: 'Must not be empty' }).max(max)

/** A suggestion the organisation can accept into its improvement actions, worded as an outcome. */
const suggestedAction = z
  .object({
    outcome: text(300),
    owner: text(100),
    dueInDays: z.number().int().min(1).max(730),
  })
  .strict()

const ratingEvent = z
  .object({ type: z.literal('rating'), params: z.object({ rating: text(60), action: suggestedAction.optional() }).strict() })
  .strict()
const flagEvent = z
  .object({
    type: z.literal('flag'),
    params: z
      .object({
        code: name,
        severity: z.enum(severities, { error: `Severity must be one of: ${severities.join(', ')}` }),
        message: text(300),
        action: suggestedAction.optional(),
      })
      .strict(),
  })
  .strict()

const event = z.object({ type: z.string() }).passthrough().superRefine((value, context) => {
  if (!(eventTypes as readonly string[]).includes(value.type)) {
    context.addIssue({ code: 'custom', message: `Unknown event type "${value.type}"; the app knows: ${eventTypes.join(', ')}` })
  }
})

export const ruleSchema = z
  .object({
    name,
    description: text(400),
    scope: z.enum(scopes, { error: `Scope must be one of: ${scopes.join(', ')}` }),
    priority: z.number().int().min(1).max(100).default(1),
    conditions: z.record(z.string(), z.unknown()),
    event,
  })
  .strict()

export const ruleSetSchema = z
  .object({
    framework: z.string().min(1),
    frameworkVersion: z.string().min(1),
    description: text(2000),
    rules: z.array(z.unknown()).min(1, { error: 'A rule set needs at least one rule' }),
  })
  .strict()

export const typedEvent = z.discriminatedUnion('type', [ratingEvent, flagEvent])

export type SuggestedActionTemplate = z.infer<typeof suggestedAction>
export type RuleEvent = z.infer<typeof typedEvent>
export type Rule = Omit<z.infer<typeof ruleSchema>, 'event'> & { event: RuleEvent }
export interface RuleSet {
  framework: string
  frameworkVersion: string
  description: string
  rules: Rule[]
}
