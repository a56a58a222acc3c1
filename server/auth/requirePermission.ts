import type { NextFunction, Request, RequestHandler, Response } from 'express'
import { Action, Resource, can } from './permissions'

export class ForbiddenError extends Error {}

/**
 * Route guard: signed-out users go to sign-in (and come back afterwards); signed-in users without
 * the permission get the 403 page. `resource` names what the action is done to, when that matters.
 */
export function requirePermission(action: Action, resource?: (req: Request) => Resource | Promise<Resource>): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    if (!req.user) {
      if (req.method === 'GET') req.session.returnTo = req.originalUrl
      return res.redirect('/sign-in')
    }
    const target = resource ? await resource(req) : undefined
    if (!can(req.user, action, target)) throw new ForbiddenError(`${action} refused`)
    next()
  }
}

/**
 * The partnership the signed-in user is working in: the one they chose (people in more than one
 * partnership switch between them), otherwise their first.
 */
export function currentPartnershipId(req: Request): number {
  const partnershipIds = req.user?.partnershipIds ?? []
  const chosen = req.session?.partnershipId
  const partnershipId = chosen !== undefined && partnershipIds.includes(chosen) ? chosen : partnershipIds[0]
  if (!partnershipId) throw new ForbiddenError('No partnership')
  return partnershipId
}
