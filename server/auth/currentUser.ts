import type { Role } from './roles'

export interface MembershipSummary {
  id: number
  role: Role
  partnershipId: number | null
  partnershipName: string | null
  organisationId: number | null
  organisationName: string | null
}

/** The signed-in user as every request sees it: who they are and what they belong to. */
export interface CurrentUser {
  id: number
  email: string
  name: string
  memberships: MembershipSummary[]
  /** Partnerships the user works in: directly, or through their organisations. */
  partnershipIds: number[]
  /** The same partnerships with their names, for the page header. */
  partnerships: { id: number; name: string }[]
  /** A member of some case audit round (of any partnership): the navigation then asks which. */
  inAuditRounds?: boolean
}
