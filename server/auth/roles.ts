/** Roles held through a partnership membership. */
export const partnershipRoles = ['partnership_admin', 'qa_reviewer', 'auditor'] as const
/** Roles held through an organisation membership. */
export const organisationRoles = ['organisation_lead', 'organisation_contributor'] as const

export type PartnershipRole = (typeof partnershipRoles)[number]
export type OrganisationRole = (typeof organisationRoles)[number]
export type Role = PartnershipRole | OrganisationRole

export const roles: readonly Role[] = [...partnershipRoles, ...organisationRoles]

export const roleLabels: Record<Role, string> = {
  partnership_admin: 'Partnership admin',
  qa_reviewer: 'QA reviewer',
  auditor: 'Auditor',
  organisation_lead: 'Organisation lead',
  organisation_contributor: 'Organisation contributor',
}

export function isPartnershipRole(role: string): role is PartnershipRole {
  return (partnershipRoles as readonly string[]).includes(role)
}

export function isRole(role: string): role is Role {
  return (roles as readonly string[]).includes(role)
}
