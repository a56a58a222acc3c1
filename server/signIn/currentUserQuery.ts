import { QueryTypes, Sequelize } from 'sequelize'
import type { CurrentUser, MembershipSummary } from '../auth/currentUser'
import type { Role } from '../auth/roles'

interface Row {
  email: string
  name: string
  active: boolean | number
  membership_id: number | null
  role: Role | null
  partnership_id: number | null
  partnership_name: string | null
  organisation_id: number | null
  organisation_name: string | null
  organisation_partnership_id: number | null
  organisation_partnership_name: string | null
  in_audit_rounds: boolean | number
}

// One row per membership and partnership of its organisation. SQLite gives `active` as 0 or 1.
const SQL = `
SELECT u.email, u.name, u.active,
  m.id AS membership_id, m.role, m.partnership_id, p.name AS partnership_name,
  m.organisation_id, o.name AS organisation_name,
  op.partnership_id AS organisation_partnership_id, opp.name AS organisation_partnership_name,
  EXISTS (SELECT 1 FROM audit_round_members arm WHERE arm.user_id = u.id) AS in_audit_rounds
FROM users u
LEFT JOIN memberships m ON m.user_id = u.id
LEFT JOIN partnerships p ON p.id = m.partnership_id
LEFT JOIN organisations o ON o.id = m.organisation_id
LEFT JOIN organisation_partnerships op ON op.organisation_id = o.id
LEFT JOIN partnerships opp ON opp.id = op.partnership_id
WHERE u.id = :id
ORDER BY m.id, op.partnership_id`

/**
 * The user as a request sees them, or undefined when they no longer exist or are deactivated.
 * Read on every request, so in one plain join: the same read through Sequelize's nested includes
 * cost five times the CPU.
 */
export async function loadCurrentUser(sequelize: Sequelize, id: number): Promise<CurrentUser | undefined> {
  const rows = await sequelize.query<Row>(SQL, { replacements: { id }, type: QueryTypes.SELECT })
  if (rows.length === 0 || !rows[0].active) return undefined
  const memberships = new Map<number, MembershipSummary>()
  const partnerships = new Map<number, string>()
  for (const row of rows) {
    if (row.membership_id === null || row.role === null) continue
    if (!memberships.has(row.membership_id)) {
      memberships.set(row.membership_id, {
        id: row.membership_id,
        role: row.role,
        partnershipId: row.partnership_id,
        partnershipName: row.partnership_name,
        organisationId: row.organisation_id,
        organisationName: row.organisation_name,
      })
    }
    if (row.partnership_id !== null && row.partnership_name !== null) partnerships.set(row.partnership_id, row.partnership_name)
    if (row.organisation_partnership_id !== null && row.organisation_partnership_name !== null) partnerships.set(row.organisation_partnership_id, row.organisation_partnership_name)
  }
  const byId = [...partnerships].map(([partnershipId, name]) => ({ id: partnershipId, name })).sort((a, b) => a.id - b.id)
  return {
    id,
    email: rows[0].email,
    name: rows[0].name,
    partnershipIds: byId.map((partnership) => partnership.id),
    partnerships: byId,
    memberships: [...memberships.values()],
    inAuditRounds: Boolean(rows[0].in_audit_rounds),
  }
}
