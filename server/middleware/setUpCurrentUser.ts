import express, { Router } from 'express'
import { can } from '../auth/permissions'
import { currentPartnershipId } from '../auth/requirePermission'
import { takesPartInRounds } from '../audits/rounds/queries'

/** Puts the signed-in user, their partnership (for the header) and their navigation on res.locals. */
export function setUpCurrentUser(): Router {
  const router = express.Router()
  router.use(async (req, res, next) => {
    res.locals.currentPath = req.path
    res.locals.navigation = []
    const user = req.user
    if (!user) return next()
    res.locals.user = user
    // Pages for a signed-in person must not be kept by the browser or a shared proxy.
    res.setHeader('Cache-Control', 'no-store')
    if (user.partnershipIds.length === 0) {
      res.locals.navigation = [{ href: '/dashboard', text: 'Dashboard', active: req.path === '/dashboard' }]
      return next()
    }
    const partnershipId = currentPartnershipId(req)
    res.locals.partnership = user.partnerships.find((partnership) => partnership.id === partnershipId)
    res.locals.canSwitchPartnership = user.partnershipIds.length > 1
    const here = { partnershipId }
    const links: [string, string, boolean][] = [
      ['/dashboard', 'Dashboard', true],
      ['/returns', 'Your returns', can(user, 'returns:list')],
      ['/organisations', 'Organisations', can(user, 'organisations:list', here)],
      ['/cycles', 'Cycles', can(user, 'cycles:view', here)],
      ['/reviews', 'Reviews', can(user, 'reviews:list', here)],
      ['/audits', 'Case audits', can(user, 'audits:manage', here) || (user.inAuditRounds === true && (await takesPartInRounds(user.id, partnershipId)))],
      ['/actions', 'Action plan', can(user, 'plan:view', here)],
      ['/statements', 'Statements', can(user, 'statements:review', here) || can(user, 'statement:edit')],
      ['/frameworks', 'Frameworks', can(user, 'frameworks:view', here)],
      ['/users', 'Users', can(user, 'users:manage', here)],
      ['/activity', 'Activity', can(user, 'auditEvents:view', here)],
    ]
    res.locals.navigation = links
      .filter(([, , allowed]) => allowed)
      .map(([href, text]) => ({ href, text, active: req.path === href || req.path.startsWith(`${href}/`) }))
    next()
  })
  return router
}
