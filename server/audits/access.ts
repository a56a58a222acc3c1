import type { NextFunction, Request, Response } from 'express'
import type { CurrentUser } from '../auth/currentUser'
import { can } from '../auth/permissions'
import { ForbiddenError } from '../auth/requirePermission'
import { AuditRound, AuditRoundMember } from '../db/models'
import { NotFoundError } from '../errors'

/** What one person may do in one round. Case data is confidential: only the round's members and the QA sub-group see it. */
export interface RoundAccess {
  /** Sees the round's cases, gradings and agreements. */
  seesCases: boolean
  /** Runs the workshop: records agreed grades, findings, themes, actions and dip samples; closes the round. */
  facilitates: boolean
  /** The agencies this person grades for in this round. */
  gradesFor: number[]
  /** Changes the round's set-up (dates, members, agencies): the partnership's admins and QA reviewers. */
  manages: boolean
}

export async function roundAccess(user: CurrentUser | undefined, round: AuditRound): Promise<RoundAccess> {
  if (!user) return { seesCases: false, facilitates: false, gradesFor: [], manages: false }
  const memberships = await AuditRoundMember.findAll({ where: { roundId: round.id, userId: user.id } })
  const facilitates = memberships.some((member) => member.role === 'facilitator')
  const gradesFor = memberships.filter((member) => member.role === 'auditor' && member.organisationId !== null).map((member) => member.organisationId!)
  const qaSubGroup = can(user, 'audits:oversee', { partnershipId: round.partnershipId })
  return { seesCases: facilitates || gradesFor.length > 0 || qaSubGroup, facilitates, gradesFor, manages: can(user, 'audits:manage', { partnershipId: round.partnershipId }) }
}

declare module 'express-serve-static-core' {
  interface Locals {
    round?: AuditRound
    roundAccess?: RoundAccess
  }
}

/**
 * Route guard for a round's pages (`:roundId` in the path): loads the round into res.locals with
 * what the user may do in it, and refuses (403, logged) anyone without the access `needs` asks.
 */
export function requireRoundAccess(needs: (access: RoundAccess) => boolean) {
  return async (req: Request, res: Response, next: NextFunction) => {
    if (!req.user) {
      if (req.method === 'GET') req.session.returnTo = req.originalUrl
      return res.redirect('/sign-in')
    }
    const id = Number(req.params.roundId)
    const round = Number.isInteger(id) ? await AuditRound.findByPk(id) : null
    if (!round) throw new NotFoundError('Audit round not found')
    const access = await roundAccess(req.user, round)
    if (!req.user.partnershipIds.includes(round.partnershipId) || !needs(access)) throw new ForbiddenError('audit round refused')
    res.locals.round = round
    res.locals.roundAccess = access
    next()
  }
}
