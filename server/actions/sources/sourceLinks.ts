import type { CurrentUser } from '../../auth/currentUser'
import type { ActionSourceKind } from '../../db/models/actionSource.model'
import { describeRecords, prefillOf } from './sourceRecords'

/** One of an action's sources as a page shows it: what it is and where it lives. */
export interface SourceLink {
  kind: ActionSourceKind
  sourceId: number
  /** e.g. "Rapid Review: Child R (2026), recommendation 3" or "Case audit: Infant neglect, Case B". */
  label: string
  /** The source's page, or null when the viewer may not open it. */
  href: string | null
}

/** What a new action created from a source starts with. */
export interface SourcePrefill {
  title: string
  outcomeSought: string
  ownerOrganisationId: number | null
  ownerName: string
  dueOn: string | null
  themeIds: number[]
}

/**
 * The sources' labels and links, in the order given. A source that is not the partnership's (or no
 * longer exists) is labelled as unavailable, without a link. Labels never carry case text: a case
 * audit is named by its round and pseudonym only.
 *
 * `viewer` decides the links: without it, each link is the partnership's own page for the source
 * (the QA review of a return, a case's workshop); with it, a link the viewer could not open is null
 * and an organisation's users are sent to their own return's pages instead.
 */
export async function describeSources(sources: { kind: ActionSourceKind; sourceId: number }[], partnershipId: number, viewer?: CurrentUser): Promise<SourceLink[]> {
  return describeRecords(sources, partnershipId, viewer)
}

/** What an action made from this source starts with, or null when the source is not the partnership's. */
export async function sourcePrefill(kind: ActionSourceKind, sourceId: number, partnershipId: number): Promise<SourcePrefill | null> {
  return prefillOf(kind, sourceId, partnershipId)
}
