import express, { Router } from 'express'
import { can } from '../auth/permissions'
import { Partnership } from '../db/models'

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
    const partnershipId = user.partnershipIds[0]
    const partnership = partnershipId ? await Partnership.findByPk(partnershipId, { attributes: ['id', 'name'] }) : null
    if (partnership) res.locals.partnership = { id: partnership.id, name: partnership.name }
    const links: [string, string, boolean][] = [
      ['/dashboard', 'Dashboard', true],
      ['/organisations', 'Organisations', can(user, 'organisations:list')],
      ['/cycles', 'Cycles', can(user, 'cycles:view')],
      ['/frameworks', 'Frameworks', can(user, 'frameworks:view')],
      ['/users', 'Users', can(user, 'users:manage')],
      ['/activity', 'Activity', can(user, 'auditEvents:view')],
    ]
    res.locals.navigation = links
      .filter(([, , allowed]) => allowed)
      .map(([href, text]) => ({ href, text, active: req.path === href || req.path.startsWith(`${href}/`) }))
    next()
  })
  return router
}
