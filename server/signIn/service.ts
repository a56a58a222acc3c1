import { Op } from 'sequelize'
import type { CurrentUser } from '../auth/currentUser'
import { UNMATCHABLE_HASH, verifyPassword } from '../auth/password'
import { Membership, Organisation, Partnership, SignInAttempt, User } from '../db/models'

export const LOCKOUT_WINDOW_MINUTES = 15
export const MAX_FAILURES_PER_ACCOUNT = 5
export const MAX_FAILURES_PER_ADDRESS = 20

export type SignInResult = { outcome: 'signed-in'; user: CurrentUser } | { outcome: 'invalid' } | { outcome: 'locked' }

/**
 * Checks credentials, with lock-out: after 5 failures for an account or 20 from one address within
 * 15 minutes, attempts are refused until the window has passed. Attempts live in the database so
 * every app instance sees the same count.
 */
export class SignInService {
  constructor(private readonly now: () => Date = () => new Date()) {}

  async signIn(email: string, password: string, ip: string): Promise<SignInResult> {
    const normalisedEmail = email.trim().toLowerCase()
    if (await this.isLocked(normalisedEmail, ip)) return { outcome: 'locked' }
    const user = await User.findOne({ where: { email: normalisedEmail } })
    const passwordMatches = await verifyPassword(password, user?.passwordHash ?? UNMATCHABLE_HASH)
    const succeeded = Boolean(user && user.active && user.passwordHash && passwordMatches)
    await SignInAttempt.create({ email: normalisedEmail, ip, succeeded, createdAt: this.now() })
    if (!succeeded || !user) return { outcome: 'invalid' }
    return { outcome: 'signed-in', user: (await this.currentUser(user.id))! }
  }

  private async isLocked(email: string, ip: string): Promise<boolean> {
    const since = new Date(this.now().getTime() - LOCKOUT_WINDOW_MINUTES * 60 * 1000)
    const recentFailures = (where: object) => SignInAttempt.count({ where: { ...where, succeeded: false, createdAt: { [Op.gt]: since } } })
    const [forAccount, forAddress] = await Promise.all([recentFailures({ email }), recentFailures({ ip })])
    return forAccount >= MAX_FAILURES_PER_ACCOUNT || forAddress >= MAX_FAILURES_PER_ADDRESS
  }

  /** The user as a request sees them, or undefined when they no longer exist or are deactivated. */
  async currentUser(id: number): Promise<CurrentUser | undefined> {
    const user = await User.findByPk(id, {
      include: [
        {
          model: Membership,
          as: 'memberships',
          include: [
            { model: Partnership, as: 'partnership', attributes: ['id', 'name'] },
            {
              model: Organisation,
              as: 'organisation',
              attributes: ['id', 'name'],
              include: [{ model: Partnership, as: 'partnerships', attributes: ['id'], through: { attributes: [] } }],
            },
          ],
        },
      ],
    })
    if (!user || !user.active) return undefined
    const memberships = user.memberships ?? []
    const partnershipIds = new Set<number>()
    for (const membership of memberships) {
      if (membership.partnershipId) partnershipIds.add(membership.partnershipId)
      for (const partnership of membership.organisation?.partnerships ?? []) partnershipIds.add(partnership.id)
    }
    return {
      id: user.id,
      email: user.email,
      name: user.name,
      partnershipIds: [...partnershipIds].sort((a, b) => a - b),
      memberships: memberships.map((membership) => ({
        id: membership.id,
        role: membership.role,
        partnershipId: membership.partnershipId,
        partnershipName: membership.partnership?.name ?? null,
        organisationId: membership.organisationId,
        organisationName: membership.organisation?.name ?? null,
      })),
    }
  }
}
