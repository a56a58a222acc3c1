import { z } from 'zod'
import type { Path } from '../standards/parseYaml'

const key = z
  .string()
  .trim()
  .min(1)
  .max(60)
  .regex(/^[a-z0-9][a-z0-9-]*$/, { error: 'Keys use lower-case letters, digits and dashes only' })

const text = (max = 2000) => z.string().trim().min(1, { error: 'Must not be empty' }).max(max)

const grade = z
  .object({
    key,
    label: text(60),
    colour: z.enum(['green', 'amber', 'red', 'grey', 'blue'], { error: 'Colour must be green, amber, red, grey or blue' }),
    /** A case agreed at this grade is dip-sampled again three months later. */
    reaudit: z.boolean().default(false),
  })
  .strict()

/** What an auditor records for each domain: exactly one grade, and text fields such as strengths and areas for development. */
const field = z.discriminatedUnion('type', [
  z.object({ key, type: z.literal('grade'), label: text(100) }).strict(),
  z.object({ key, type: z.literal('text'), label: text(100), hint: text(300).optional(), required: z.boolean().default(false), maxLength: z.number().int().positive().max(10000).default(2000) }).strict(),
])

const domain = z
  .object({
    key,
    title: text(200),
    /** Questions that guide the auditor's reading of the case for this domain. */
    prompts: z.array(text(400)).min(1, { error: 'A domain needs at least one prompt for the auditor' }),
  })
  .strict()

export const auditToolSchema = z
  .object({
    key,
    title: text(200),
    description: text(),
    /** Best grade first. */
    gradeScale: z.array(grade).min(2, { error: 'A grade scale needs at least two grades' }),
    fields: z.array(field).min(1),
    domains: z.array(domain).min(1, { error: 'An audit tool needs at least one domain' }),
  })
  .strict()

export type AuditTool = z.infer<typeof auditToolSchema>
export type AuditDomain = AuditTool['domains'][number]
export type AuditField = AuditTool['fields'][number]
export type AuditGrade = AuditTool['gradeScale'][number]

/** What the schema cannot say: unique keys, and exactly one grade field. */
export function auditToolProblems(tool: AuditTool): { path: Path; message: string }[] {
  const problems: { path: Path; message: string }[] = []
  const unique = (items: { key: string }[], at: string, what: string) => {
    const seen = new Set<string>()
    items.forEach((item, index) => {
      if (seen.has(item.key)) problems.push({ path: [at, index, 'key'], message: `Duplicate ${what} key "${item.key}"` })
      seen.add(item.key)
    })
  }
  unique(tool.gradeScale, 'gradeScale', 'grade')
  unique(tool.fields, 'fields', 'field')
  unique(tool.domains, 'domains', 'domain')
  const grades = tool.fields.filter((candidate) => candidate.type === 'grade').length
  if (grades !== 1) problems.push({ path: ['fields'], message: `The fields need exactly one of type "grade" (found ${grades})` })
  return problems
}
