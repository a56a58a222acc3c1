import type { CurrentUser } from './currentUser'
import { Role, roles } from './roles'

/**
 * Which roles may do what. Every route asks `can` through `requirePermission`;
 * the authorisation matrix test walks every route with every role.
 */
const grants = {
  'dashboard:view': roles,
  'organisations:list': ['partnership_admin', 'qa_reviewer', 'auditor'],
  'organisation:view': roles,
  'organisations:manage': ['partnership_admin'],
  'users:manage': ['partnership_admin'],
  'auditEvents:view': ['partnership_admin'],
  'frameworks:view': ['partnership_admin', 'qa_reviewer'],
  'frameworks:manage': ['partnership_admin'],
  'cycles:view': ['partnership_admin', 'qa_reviewer'],
  'cycles:manage': ['partnership_admin'],
  'returns:list': ['organisation_lead', 'organisation_contributor'],
  'return:view': ['organisation_lead', 'organisation_contributor', 'partnership_admin', 'qa_reviewer'],
  'return:edit': ['organisation_lead', 'organisation_contributor'],
  'return:submit': ['organisation_lead'],
  'return:acceptActions': ['organisation_lead'],
  'return:answerChallenges': ['organisation_lead', 'organisation_contributor'],
  'reviews:list': ['partnership_admin', 'qa_reviewer'],
  'returns:review': ['partnership_admin', 'qa_reviewer'],
  'organisation:history': ['partnership_admin', 'qa_reviewer', 'organisation_lead', 'organisation_contributor'],
  'challengeEvents:view': ['partnership_admin', 'qa_reviewer'],
  'challengeEvents:manage': ['partnership_admin', 'qa_reviewer'],
  // Case audits: anyone may be a round's member (checked per round, server/audits/access.ts); admins and
  // QA reviewers set rounds up; the QA sub-group oversees every round's cases.
  'audits:list': roles,
  'audits:manage': ['partnership_admin', 'qa_reviewer'],
  'audits:oversee': ['qa_reviewer'],
  // Each area's child population by ethnic group, for the case audits' sample check.
  'areas:manage': ['partnership_admin'],
  // The action plan: the partnership's people see the whole plan; an organisation's users see and
  // update only the actions their organisation owns (checked per action with its owner as resource).
  'plan:view': ['partnership_admin', 'qa_reviewer', 'auditor'],
  'actions:create': ['partnership_admin', 'qa_reviewer'],
  'action:view': roles,
  'action:edit': ['partnership_admin', 'qa_reviewer'],
  'action:update': ['partnership_admin', 'qa_reviewer', 'organisation_lead', 'organisation_contributor'],
  'action:signOff': ['partnership_admin', 'qa_reviewer'],
  'action:escalate': ['partnership_admin', 'qa_reviewer', 'organisation_lead'],
  'escalations:respond': ['partnership_admin'],
  'planReviews:view': ['partnership_admin', 'qa_reviewer', 'auditor'],
  'planReviews:manage': ['partnership_admin'],
  // Child Safeguarding Statements: an organisation's users write them, its lead signs and submits;
  // the partnership's admins and QA reviewers approve (publish) or return them.
  'statement:view': ['organisation_lead', 'organisation_contributor', 'partnership_admin', 'qa_reviewer'],
  'statement:edit': ['organisation_lead', 'organisation_contributor'],
  'statement:submit': ['organisation_lead'],
  'statements:review': ['partnership_admin', 'qa_reviewer'],
} satisfies Record<string, readonly Role[]>

export type Action = keyof typeof grants

/** What an action is done to: a partnership, or an organisation (with the partnerships it belongs to). */
export type Resource = { partnershipId: number } | { organisationId: number; partnershipIds: number[] }

export function can(user: CurrentUser | undefined, action: Action, resource?: Resource): boolean {
  if (!user) return false
  const allowed: readonly Role[] = grants[action]
  return user.memberships.some((membership) => {
    if (!allowed.includes(membership.role)) return false
    if (!resource) return true
    if ('partnershipId' in resource) return membership.partnershipId === resource.partnershipId
    if (membership.organisationId !== null) return membership.organisationId === resource.organisationId
    return membership.partnershipId !== null && resource.partnershipIds.includes(membership.partnershipId)
  })
}
