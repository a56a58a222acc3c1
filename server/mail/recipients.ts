import type { Transaction } from 'sequelize'
import { Membership, User } from '../db/models'

/** The active users holding any of these roles in an organisation or a partnership, each once: who an email goes to. */
export async function membersWithRoles(where: { organisationId: number | number[] } | { partnershipId: number | number[] }, roles: string[], transaction?: Transaction): Promise<User[]> {
  const memberships = await Membership.findAll({ where: { ...where, role: roles }, include: [{ model: User, as: 'user', where: { active: true } }], transaction })
  const users = new Map<number, User>()
  for (const membership of memberships) users.set(membership.userId, (membership as Membership & { user: User }).user)
  return [...users.values()]
}
