import type { NextFunction, Request, Response } from 'express'
import type { CurrentUser } from '../../auth/currentUser'
import { can } from '../../auth/permissions'
import { ForbiddenError } from '../../auth/requirePermission'
import type { AuditRound } from '../../db/models'
import { requireRoundAccess } from '../access'

/** The partnership's QA sub-group: sees every round's cases and gradings, records nothing. */
export function oversees(user: CurrentUser | undefined, round: AuditRound): boolean {
  return can(user, 'audits:oversee', { partnershipId: round.partnershipId })
}

/** Who sees every agency's grading and the workshop record of a round: its facilitators and the QA sub-group. */
export const requireFacilitatorOrOverseer = [
  requireRoundAccess((access) => access.seesCases),
  (req: Request, res: Response, next: NextFunction) => {
    if (!res.locals.roundAccess!.facilitates && !oversees(req.user, res.locals.round!)) throw new ForbiddenError('audit round: facilitators and the QA sub-group only')
    next()
  },
]

/** Who records the workshop, dip samples and the round's closing: its facilitators. */
export const requireFacilitator = requireRoundAccess((access) => access.facilitates)
