import express, { Router } from 'express'
import { can } from '../auth/permissions'
import { currentPartnershipId, requirePermission } from '../auth/requirePermission'
import { roleLabels } from '../auth/roles'

export function dashboardRoutes(): Router {
  const router = express.Router()

  router.get('/', (req, res) => res.redirect(req.user ? '/dashboard' : '/sign-in'))

  router.get('/dashboard', requirePermission('dashboard:view'), (req, res) => {
    const user = req.user!
    const here = user.partnershipIds.length ? { partnershipId: currentPartnershipId(req) } : { partnershipId: 0 }
    const roles = user.memberships.map((membership) => ({
      role: roleLabels[membership.role],
      where: membership.organisationName ?? membership.partnershipName ?? '',
      organisationId: membership.organisationId,
    }))
    res.render('dashboard/dashboard', {
      pageTitle: 'Dashboard',
      roles,
      canManageOrganisations: can(user, 'organisations:manage', here),
      canListOrganisations: can(user, 'organisations:list', here),
      canManageUsers: can(user, 'users:manage', here),
      canViewAuditEvents: can(user, 'auditEvents:view', here),
      isReviewer: user.memberships.some((membership) => membership.role === 'qa_reviewer'),
      isAuditor: user.memberships.some((membership) => membership.role === 'auditor'),
    })
  })

  return router
}
