import type { CurrentUser } from '../../auth/currentUser'
import { can } from '../../auth/permissions'
import { roundAccess } from '../../audits/access'
import {
  AcceptedAction,
  AuditCase,
  AuditRound,
  Challenge,
  ChallengeEvent,
  ChallengeEventAction,
  ChallengeEventOutcome,
  ImprovementArea,
  Organisation,
  PlanReview,
  PlanReviewRecommendation,
} from '../../db/models'
import type { ActionSourceKind } from '../../db/models/actionSource.model'
import { planReviewKindLabels } from '../../db/models/planReview.model'
import { returnsInfo, ReturnInfo } from './returnInfo'
import type { SourceLink, SourcePrefill } from './sourceLinks'

/** A source record found and checked to be the partnership's: its label, and its link for a viewer. */
interface Resolved {
  label: string
  href: (viewer?: CurrentUser) => Promise<string | null> | string | null
  prefill: () => Promise<SourcePrefill> | SourcePrefill
}

type Resolver = (ids: number[], partnershipId: number) => Promise<Map<number, Resolved>>

const unavailableLabels: Record<ActionSourceKind, string> = {
  improvement_area: 'Self-assessment area for improvement',
  accepted_action: 'Accepted suggested action',
  challenge: 'QA challenge',
  challenge_event_action: 'Challenge event action',
  audit_case: 'Case audit',
  review_recommendation: 'Review recommendation',
}

/** A title fits the plan's 200 characters; longer source text is cut at a word with an ellipsis. */
export function titleFrom(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  if (flat.length <= 200) return flat
  const cut = flat.slice(0, 199)
  return `${cut.slice(0, cut.lastIndexOf(' ') > 150 ? cut.lastIndexOf(' ') : 199)}…`
}

const blankPrefill = (fields: Partial<SourcePrefill>): SourcePrefill => ({ title: '', outcomeSought: '', ownerOrganisationId: null, ownerName: '', dueOn: null, themeIds: [], ...fields })

/**
 * A return's page for a source on it: the QA review's (for the partnership's reviewers), the
 * organisation's own (for its users), or none. Without a viewer, the QA review's.
 */
function returnHref(info: ReturnInfo, viewer: CurrentUser | undefined, reviewerPath: string, organisationPath: string): string | null {
  const resource = { organisationId: info.organisationId, partnershipIds: info.partnershipIds }
  if (!viewer || can(viewer, 'returns:review', resource)) return reviewerPath
  return can(viewer, 'return:view', resource) ? organisationPath : null
}

const improvementAreas: Resolver = async (ids, partnershipId) => {
  const rows = await ImprovementArea.findAll({ where: { id: ids } })
  const returns = await returnsInfo(rows.map((row) => row.returnId), partnershipId)
  return new Map(
    rows.flatMap((row) => {
      const info = returns.get(row.returnId)
      if (!info) return []
      const standardKey = info.standardOf(row.criterionKey)
      const resolved: Resolved = {
        label: `Self-assessment: ${info.organisationName}, area for improvement on ${row.criterionKey} (${info.versionTitle})`,
        href: (viewer) => returnHref(info, viewer, `/reviews/${row.returnId}/standards/${encodeURIComponent(standardKey ?? '')}#${row.criterionKey}`, `/returns/${row.returnId}#in-the-action-plan`),
        prefill: () => blankPrefill({ title: titleFrom(row.action), outcomeSought: row.action, ownerOrganisationId: info.organisationId, ownerName: row.owner, dueOn: row.targetOn }),
      }
      return [[row.id, resolved]]
    }),
  )
}

const acceptedActions: Resolver = async (ids, partnershipId) => {
  const rows = await AcceptedAction.findAll({ where: { id: ids } })
  const returns = await returnsInfo(rows.map((row) => row.returnId), partnershipId)
  return new Map(
    rows.flatMap((row) => {
      const info = returns.get(row.returnId)
      if (!info) return []
      const path = `/returns/${row.returnId}/scores#actions`
      const resolved: Resolved = {
        label: `Self-assessment: ${info.organisationName}, suggested action accepted (${info.versionTitle})`,
        href: (viewer) => returnHref(info, viewer, path, path),
        prefill: () => blankPrefill({ title: titleFrom(row.outcome), outcomeSought: row.outcome, ownerOrganisationId: info.organisationId, ownerName: row.owner, dueOn: row.dueOn }),
      }
      return [[row.id, resolved]]
    }),
  )
}

const challenges: Resolver = async (ids, partnershipId) => {
  const rows = await Challenge.findAll({ where: { id: ids } })
  const returns = await returnsInfo(rows.map((row) => row.returnId), partnershipId)
  return new Map(
    rows.flatMap((row) => {
      const info = returns.get(row.returnId)
      if (!info) return []
      const resolved: Resolved = {
        label: `QA challenge: ${info.organisationName}, ${row.criterionKey ?? row.standardKey} (${info.versionTitle})`,
        href: (viewer) => returnHref(info, viewer, `/reviews/${row.returnId}#challenge-${row.id}`, `/returns/${row.returnId}/challenges`),
        prefill: () => blankPrefill({ title: titleFrom(`Answer the QA challenge on ${row.criterionKey ?? row.standardKey}: ${row.question}`), outcomeSought: row.question, ownerOrganisationId: info.organisationId }),
      }
      return [[row.id, resolved]]
    }),
  )
}

const challengeEventActions: Resolver = async (ids, partnershipId) => {
  const rows = await ChallengeEventAction.findAll({ where: { id: ids } })
  const outcomes = await ChallengeEventOutcome.findAll({ where: { id: rows.map((row) => row.outcomeId) } })
  const events = await ChallengeEvent.findAll({ where: { id: outcomes.map((outcome) => outcome.eventId), partnershipId } })
  const organisations = await Organisation.findAll({ where: { id: outcomes.map((outcome) => outcome.organisationId) }, attributes: ['id', 'name'] })
  return new Map(
    rows.flatMap((row) => {
      const outcome = outcomes.find((candidate) => candidate.id === row.outcomeId)
      const event = events.find((candidate) => candidate.id === outcome?.eventId)
      if (!outcome || !event) return []
      const organisationName = organisations.find((candidate) => candidate.id === outcome.organisationId)?.name ?? 'an organisation'
      const resolved: Resolved = {
        label: `Challenge event: ${event.title}, ${organisationName}`,
        href: (viewer) => (!viewer || can(viewer, 'challengeEvents:view', { partnershipId }) ? `/challenge-events/${event.id}#organisation-${outcome.organisationId}` : null),
        prefill: () => blankPrefill({ title: titleFrom(row.action), outcomeSought: row.action, ownerOrganisationId: outcome.organisationId, ownerName: row.owner, dueOn: row.targetOn }),
      }
      return [[row.id, resolved]]
    }),
  )
}

/** A case is named by its round and pseudonym only: case text is confidential to the round. */
const auditCases: Resolver = async (ids, partnershipId) => {
  const cases = await AuditCase.findAll({ where: { id: ids }, attributes: ['id', 'roundId', 'reference'] })
  const rounds = await AuditRound.findAll({ where: { id: cases.map((row) => row.roundId), partnershipId } })
  return new Map(
    cases.flatMap((row) => {
      const round = rounds.find((candidate) => candidate.id === row.roundId)
      if (!round) return []
      const workshop = `/audits/${round.id}/cases/${row.id}/workshop`
      const resolved: Resolved = {
        label: `Case audit: ${round.title}, ${row.reference}`,
        href: async (viewer) => {
          if (!viewer) return workshop
          const access = await roundAccess(viewer, round)
          if (access.facilitates || can(viewer, 'audits:oversee', { partnershipId })) return workshop
          return access.seesCases ? `/audits/${round.id}/cases/${row.id}` : null
        },
        prefill: async () => {
          const links = (await AuditCase.sequelize!.models.audit_case_themes.findAll({ where: { caseId: row.id } })) as unknown as { themeId: number }[]
          return blankPrefill({ themeIds: links.map((link) => link.themeId) })
        },
      }
      return [[row.id, resolved]]
    }),
  )
}

const reviewRecommendations: Resolver = async (ids, partnershipId) => {
  const rows = await PlanReviewRecommendation.findAll({ where: { id: ids } })
  const reviews = await PlanReview.findAll({ where: { id: rows.map((row) => row.reviewId), partnershipId } })
  return new Map(
    rows.flatMap((row) => {
      const review = reviews.find((candidate) => candidate.id === row.reviewId)
      if (!review) return []
      const resolved: Resolved = {
        label: `${planReviewKindLabels[review.kind]}: ${review.name} (${review.heldOn.slice(0, 4)}), recommendation ${row.number}`,
        href: (viewer) => (!viewer || can(viewer, 'planReviews:view', { partnershipId }) ? `/plan-reviews/${review.id}#recommendation-${row.number}` : null),
        prefill: () => blankPrefill({ title: titleFrom(`${review.name} recommendation ${row.number}: ${row.text}`), outcomeSought: row.text }),
      }
      return [[row.id, resolved]]
    }),
  )
}

const resolvers: Record<ActionSourceKind, Resolver> = {
  improvement_area: improvementAreas,
  accepted_action: acceptedActions,
  challenge: challenges,
  challenge_event_action: challengeEventActions,
  audit_case: auditCases,
  review_recommendation: reviewRecommendations,
}

export async function describeRecords(sources: { kind: ActionSourceKind; sourceId: number }[], partnershipId: number, viewer?: CurrentUser): Promise<SourceLink[]> {
  const byKind = new Map<ActionSourceKind, Map<number, Resolved>>()
  for (const kind of new Set(sources.map((source) => source.kind))) {
    if (!(kind in resolvers)) continue
    byKind.set(kind, await resolvers[kind](sources.filter((source) => source.kind === kind).map((source) => source.sourceId), partnershipId))
  }
  return Promise.all(
    sources.map(async ({ kind, sourceId }) => {
      const resolved = byKind.get(kind)?.get(sourceId)
      if (!resolved) return { kind, sourceId, label: `${unavailableLabels[kind] ?? 'Source'} (no longer available)`, href: null }
      return { kind, sourceId, label: resolved.label, href: await resolved.href(viewer) }
    }),
  )
}

export async function prefillOf(kind: ActionSourceKind, sourceId: number, partnershipId: number): Promise<SourcePrefill | null> {
  if (!(kind in resolvers) || !Number.isInteger(sourceId)) return null
  const resolved = (await resolvers[kind]([sourceId], partnershipId)).get(sourceId)
  return resolved ? resolved.prefill() : null
}
