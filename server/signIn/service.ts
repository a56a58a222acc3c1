import { Op } from 'sequelize'
import type { CurrentUser } from '../auth/currentUser'
import { UNMATCHABLE_HASH, verifyPassword } from '../auth/password'
import { SignInAttempt, SignInLock, User } from '../db/models'
import { loadCurrentUser } from './currentUserQuery'

export const LOCKOUT_WINDOW_MINUTES = 15
export const MAX_FAILURES_PER_ACCOUNT = 5
export const MAX_FAILURES_PER_ADDRESS = 20

export type SignInResult = { outcome: 'signed-in'; user: CurrentUser } | { outcome: 'invalid' } | { outcome: 'locked' }

/**
 * Checks credentials, with lock-out: 5 failures for an account, or 20 from one address, within
 * 15 minutes lock it for 15 minutes from the last of them. Each attempt is recorded as a failure
 * before its password is checked and counts against its account while in flight, so parallel
 * guesses at one account cannot get past the limit; an address counts only checked failures, so
 * many people signing in at once from one office network are not refused. Attempts and locks live
 * in the database, shared by every instance.
 */
export class SignInService {
  constructor(private readonly now: () => Date = () => new Date()) {}

  async signIn(email: string, password: string, ip: string): Promise<SignInResult> {
    const normalisedEmail = email.trim().toLowerCase()
    const subjects = { account: `email:${normalisedEmail}`, address: `ip:${ip}` }
    if (await this.isLocked(Object.values(subjects))) return { outcome: 'locked' }

    const attempt = await SignInAttempt.create({ email: normalisedEmail, ip, succeeded: false, createdAt: this.now() })
    const [forAccount, forAddress] = await Promise.all([
      this.recentFailures({ email: normalisedEmail }, true),
      this.recentFailures({ ip, checkedAt: { [Op.ne]: null } }, false),
    ])
    if (forAccount > MAX_FAILURES_PER_ACCOUNT || forAddress >= MAX_FAILURES_PER_ADDRESS) return { outcome: 'locked' }

    const user = await User.findOne({ where: { email: normalisedEmail } })
    const passwordMatches = await verifyPassword(password, user?.passwordHash ?? UNMATCHABLE_HASH)
    const succeeded = Boolean(user && user.active && user.passwordHash && passwordMatches)
    await attempt.update({ succeeded, checkedAt: this.now() })
    if (succeeded && user) {
      return { outcome: 'signed-in', user: (await this.currentUser(user.id))! }
    }
    if (forAccount >= MAX_FAILURES_PER_ACCOUNT) await this.lock(subjects.account)
    if (forAddress + 1 >= MAX_FAILURES_PER_ADDRESS) await this.lock(subjects.address)
    await this.forgetOldAttempts()
    return { outcome: 'invalid' }
  }

  private windowStart(): Date {
    return new Date(this.now().getTime() - LOCKOUT_WINDOW_MINUTES * 60 * 1000)
  }

  private async isLocked(subjects: string[]): Promise<boolean> {
    return (await SignInLock.count({ where: { subject: subjects, lockedUntil: { [Op.gt]: this.now() } } })) > 0
  }

  /** Failures in the window (for an account, only those since its last successful sign-in). */
  private async recentFailures(where: { email: string } | { ip: string; checkedAt: object }, sinceLastSuccess: boolean): Promise<number> {
    let since = this.windowStart()
    if (sinceLastSuccess) {
      const lastSuccess = (await SignInAttempt.max('createdAt', { where: { ...where, succeeded: true, createdAt: { [Op.gt]: since } } })) as Date | null
      if (lastSuccess) since = new Date(lastSuccess)
    }
    return SignInAttempt.count({ where: { ...where, succeeded: false, createdAt: { [Op.gt]: since } } })
  }

  private async lock(subject: string): Promise<void> {
    await SignInLock.upsert({ subject, lockedUntil: new Date(this.now().getTime() + LOCKOUT_WINDOW_MINUTES * 60 * 1000) })
  }

  /** Attempts are kept a day, long enough for any lock-out question, then deleted. */
  private async forgetOldAttempts(): Promise<void> {
    await SignInAttempt.destroy({ where: { createdAt: { [Op.lt]: new Date(this.now().getTime() - 24 * 60 * 60 * 1000) } } })
  }

  /** The user as a request sees them, or undefined when they no longer exist or are deactivated. */
  currentUser(id: number): Promise<CurrentUser | undefined> {
    return loadCurrentUser(User.sequelize!, id)
  }
}
