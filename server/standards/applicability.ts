import type { Criterion, Framework, Standard } from './frameworkSchema'

export interface OrganisationProfile {
  role: string
  sectorKey: string
  sizeTier: string
}

/** A criterion applies unless its appliesTo names roles, sectors or tiers the organisation is not. */
export function criterionApplies(criterion: Criterion, organisation: OrganisationProfile): boolean {
  const rule = criterion.appliesTo
  if (!rule) return true
  return (
    (!rule.roles || (rule.roles as string[]).includes(organisation.role)) &&
    (!rule.sectors || rule.sectors.includes(organisation.sectorKey)) &&
    (!rule.sizeTiers || (rule.sizeTiers as string[]).includes(organisation.sizeTier))
  )
}

/** The standards an organisation sees: only criteria that apply, and only standards left with any. */
export function standardsFor(framework: Framework, organisation: OrganisationProfile): Standard[] {
  return framework.standards
    .map((standard) => ({ ...standard, criteria: standard.criteria.filter((criterion) => criterionApplies(criterion, organisation)) }))
    .filter((standard) => standard.criteria.length > 0)
}
