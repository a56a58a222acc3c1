export const organisationRoleKinds = ['safeguarding_partner', 'relevant_agency', 'named_organisation'] as const
export type OrganisationRoleKind = (typeof organisationRoleKinds)[number]
export const organisationRoleKindLabels: Record<OrganisationRoleKind, string> = {
  safeguarding_partner: 'Safeguarding partner',
  relevant_agency: 'Relevant agency',
  named_organisation: 'Named organisation',
}

export const sizeTiers = ['small', 'medium', 'large'] as const
export type SizeTier = (typeof sizeTiers)[number]
export const sizeTierLabels: Record<SizeTier, string> = { small: 'Small', medium: 'Medium', large: 'Large' }
