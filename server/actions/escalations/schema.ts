import { z } from 'zod'
import { requiredText } from '../../forms/validation'

export const NOTE_MAX = 4000

/** Why the executive should look at the action now, and what is asked of them. */
export const escalationSchema = z.object({
  note: requiredText('Enter a note for the executive: what has gone wrong and what you need from them', NOTE_MAX),
})

/** The executive's response, recorded by the partnership's business unit. */
export const responseSchema = z.object({
  response: requiredText('Enter the executive’s response', NOTE_MAX),
})
