import { z } from 'zod'
import { EVIDENCE_TAGS, EvidenceTag } from '../../db/models/actionEvidence.model'
import { requiredText } from '../../forms/validation'

export const DESCRIPTION_MAX = 5000

/** What each tag is for, as the radios' hints: City & Hackney's headings (seeds/003:94-100) put into words. */
export const evidenceTagHints: Record<EvidenceTag, string> = {
  impact: 'What is now different for children and families because of this action',
  evidence: 'Documents, data or findings that show the action was delivered',
  assurance: 'Checks, audits or reports that show the change is working and will last',
  learning: 'What was learned along the way, and how it has been shared',
  challenge: 'Where partners were challenged, held to account, or something got in the way',
}

/** An evidence item's form; the file, if any, arrives separately (multipart). */
export const evidenceSchema = z.object({
  tag: z.enum(EVIDENCE_TAGS, { error: 'Choose what kind of evidence this is' }),
  description: requiredText('Describe the evidence: what it shows and where it came from', DESCRIPTION_MAX),
})

export type EvidenceInput = z.infer<typeof evidenceSchema>
