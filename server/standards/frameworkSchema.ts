import { z } from 'zod'
import { organisationRoleKinds, sizeTiers } from '../db/models/organisationKinds'
import { SECTOR_KEYS } from '../organisations/sectors'

const key = z
  .string()
  .trim()
  .min(1)
  .max(60)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { error: 'Keys use letters, digits, dots, dashes and underscores only' })

const text = (max = 4000) => z.string().trim().min(1, { error: 'Must not be empty' }).max(max)

const scoreLevel = z.object({
  value: z.number().int().min(0).max(10),
  label: text(60),
  descriptor: text(600),
})

const rating = z.object({
  key,
  label: text(60),
  colour: z.enum(['green', 'amber', 'red', 'grey', 'blue'], { error: 'Colour must be green, amber, red, grey or blue' }),
})

const appliesTo = z
  .object({
    roles: z.array(z.enum(organisationRoleKinds, { error: `Role must be one of: ${organisationRoleKinds.join(', ')}` })).min(1).optional(),
    sectors: z
      .array(z.string().refine((sector) => SECTOR_KEYS.includes(sector), { error: (issue) => `Unknown sector "${String(issue.input)}"; known: ${SECTOR_KEYS.join(', ')}` }))
      .min(1)
      .optional(),
    sizeTiers: z.array(z.enum(sizeTiers, { error: `Size tier must be one of: ${sizeTiers.join(', ')}` })).min(1).optional(),
  })
  .strict()

const question = z.discriminatedUnion('type', [
  z.object({ key, type: z.literal('yesNo'), text: text(600) }).strict(),
  z
    .object({ key, type: z.literal('number'), text: text(600), unit: z.string().max(20).optional(), min: z.number().optional(), max: z.number().optional() })
    .strict(),
  z.object({ key, type: z.literal('date'), text: text(600) }).strict(),
  z.object({ key, type: z.literal('text'), text: text(600), maxLength: z.number().int().positive().max(10000).optional() }).strict(),
])

const criterion = z
  .object({
    key,
    text: text(1000),
    guidance: text().optional(),
    evidencePrompts: z.array(text(300)).default([]),
    essential: z.boolean().default(false),
    allowNotApplicable: z.boolean().default(false),
    appliesTo: appliesTo.optional(),
    questions: z.array(question).default([]),
  })
  .strict()

const standard = z
  .object({
    key,
    title: text(200),
    guidance: text().optional(),
    criteria: z.array(criterion).min(1, { error: 'A standard needs at least one criterion' }),
  })
  .strict()

/** How a criterion of the previous version became this one's, so answers compare across years. */
const lineageEntry = z.discriminatedUnion('change', [
  z.object({ change: z.literal('renamed'), from: key, to: key, note: text(300).optional() }).strict(),
  z.object({ change: z.literal('split'), from: key, into: z.array(key).min(2), note: text(300).optional() }).strict(),
  z.object({ change: z.literal('merged'), from: z.array(key).min(2), into: key, note: text(300).optional() }).strict(),
  z.object({ change: z.literal('retired'), key, note: text(300).optional() }).strict(),
  z.object({ change: z.literal('new'), key, note: text(300).optional() }).strict(),
])

export const frameworkSchema = z
  .object({
    key,
    title: text(200),
    version: key,
    description: text(),
    scoreScale: z.object({ levels: z.array(scoreLevel).min(2, { error: 'A score scale needs at least two levels' }) }).strict(),
    ratingScale: z.array(rating).min(2, { error: 'A rating scale needs at least two ratings' }),
    standards: z.array(standard).min(1, { error: 'A framework needs at least one standard' }),
    previousVersion: key.optional(),
    lineage: z.array(lineageEntry).default([]),
  })
  .strict()

export type Framework = z.infer<typeof frameworkSchema>
export type Standard = Framework['standards'][number]
export type Criterion = Standard['criteria'][number]
export type Question = Criterion['questions'][number]
export type LineageEntry = Framework['lineage'][number]
