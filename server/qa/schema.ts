import { z } from 'zod'
import { organisationRoleKinds, sizeTiers } from '../db/models/organisationKinds'
import { returnStatuses } from '../db/models/assessmentReturn.model'
import { requiredText } from '../forms/validation'
import { SECTOR_KEYS } from '../organisations/sectors'

const optionalId = z.preprocess((value) => (value === '' || value === undefined ? undefined : Number(value)), z.number().int().positive().optional()).catch(undefined)

/** The review queue's filters from the query string; anything unrecognised is ignored rather than an error. */
export const queueFiltersSchema = z.object({
  cycleId: optionalId,
  areaId: optionalId,
  sector: z.string().refine((value) => SECTOR_KEYS.includes(value)).optional().catch(undefined),
  role: z.enum(organisationRoleKinds).optional().catch(undefined),
  status: z.enum(returnStatuses).optional().catch(undefined),
  flagged: z.literal('yes').optional().catch(undefined),
})

/** The comparison and heatmap's query: which cycles, and which organisations count; anything unrecognised is ignored. */
export const comparisonQuery = z.object({
  cycleId: optionalId,
  earlierCycleId: optionalId,
  areaId: optionalId,
  sector: z.string().refine((value) => SECTOR_KEYS.includes(value)).optional().catch(undefined),
  role: z.enum(organisationRoleKinds).optional().catch(undefined),
  tier: z.enum(sizeTiers).optional().catch(undefined),
})

export const moderationSchema = z.object({
  score: z.string({ error: 'Choose a moderated score, or no moderated score' }).regex(/^(none|\d+)$/, { error: 'Choose a moderated score, or no moderated score' }),
  reason: z.string().trim().max(2000, { error: 'The reason must be 2,000 characters or fewer' }).default(''),
}).refine((form) => form.score === 'none' || form.reason.length > 0, { error: 'Give the reason for the moderated score', path: ['reason'] })

export const challengeSchema = z.object({
  criterionKey: z.string().default(''),
  question: requiredText('Enter the question for the organisation', 2000),
})

export const decisionSchema = z.object({ decision: z.enum(['close', 'keep'], { error: 'Choose whether to close the challenge or keep it open' }) })

export const returnForChangesSchema = z.object({ reason: requiredText('Enter why the return needs changes: the organisation will see it', 2000) })

export const answerSchema = z.object({
  answer: requiredText('Enter your answer', 4000),
  evidenceFileId: z.preprocess((value) => (value === '' || value === undefined ? null : Number(value)), z.number().int().positive().nullable()),
})
