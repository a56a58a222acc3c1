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

const standardsByFramework = new WeakMap<Framework, Map<string, readonly Standard[]>>()

/**
 * The standards an organisation sees: only criteria that apply, and only standards left with any.
 * Worked out once for each framework and kind of organisation (every page of a return asks), and
 * frozen, since every caller shares them.
 */
export function standardsFor(framework: Framework, organisation: OrganisationProfile): Standard[] {
  const byProfile = standardsByFramework.get(framework) ?? new Map<string, readonly Standard[]>()
  standardsByFramework.set(framework, byProfile)
  const profile = `${organisation.role}|${organisation.sectorKey}|${organisation.sizeTier}`
  let standards = byProfile.get(profile)
  if (!standards) {
    standards = Object.freeze(
      framework.standards
        .map((standard) => Object.freeze({ ...standard, criteria: Object.freeze(standard.criteria.filter((criterion) => criterionApplies(criterion, organisation))) as Standard['criteria'] }))
        .filter((standard) => standard.criteria.length > 0),
    )
    byProfile.set(profile, standards)
  }
  return standards as Standard[]
}
