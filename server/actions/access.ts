import type { NextFunction, Request, RequestHandler, Response } from 'express'
import type { CurrentUser } from '../auth/currentUser'
import { Action as Permission, can, Resource } from '../auth/permissions'
import { ForbiddenError } from '../auth/requirePermission'
import { Action } from '../db/models'
import { NotFoundError } from '../errors'

/**
 * What a permission on one action is checked against: its owner organisation, in its partnership.
 * Organisation users match on the owner; the partnership's admins, QA reviewers and auditors match
 * on the partnership. An action with no owner organisation yet (a draft from a source) belongs to
 * no organisation, so only the partnership's people reach it.
 */
export function actionResource(action: Pick<Action, 'ownerOrganisationId' | 'partnershipId'>): Resource {
  return { organisationId: action.ownerOrganisationId ?? 0, partnershipIds: [action.partnershipId] }
}

/** May this user do this to this action? */
export function canOnAction(user: CurrentUser | undefined, permission: Permission, action: Pick<Action, 'ownerOrganisationId' | 'partnershipId'>): boolean {
  return can(user, permission, actionResource(action))
}

declare module 'express-serve-static-core' {
  interface Locals {
    /** The action named by `:actionId`, loaded by requireActionPermission. */
    action?: Action
  }
}

/** The action named by `:actionId`, or 404. */
export async function actionOfRequest(req: Request): Promise<Action> {
  const raw = String(req.params.actionId ?? '')
  const action = /^\d{1,9}$/.test(raw) ? await Action.findByPk(Number(raw)) : null
  if (!action) throw new NotFoundError('Action not found')
  return action
}

/**
 * Route guard for an action's pages: signed-out users go to sign in; the action is loaded into
 * res.locals.action; anyone without the permission on it gets the 403 page (the error handler logs
 * each refusal, so attempts on another organisation's actions can be traced).
 */
export function requireActionPermission(permission: Permission): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    if (!req.user) {
      if (req.method === 'GET') req.session.returnTo = req.originalUrl
      return res.redirect('/sign-in')
    }
    const action = await actionOfRequest(req)
    if (!canOnAction(req.user, permission, action)) throw new ForbiddenError(`${permission} refused on action ${action.id}`)
    res.locals.action = action
    next()
  }
}
