import express, { Router } from 'express'
import { can } from '../auth/permissions'
import { currentPartnershipId, requirePermission } from '../auth/requirePermission'
import { roleLabels } from '../auth/roles'
import { organisationOpenActions, planSummary } from '../actions/plan/dashboard'
import { statusTagClass } from '../actions/plan/filters'
import { actionStatusLabels } from '../db/models/action.model'
import { formatDate, todayInEngland } from '../forms/dates'
import type { Services } from '../services'

export function dashboardRoutes({ now }: Pick<Services, 'now'>): Router {
  const router = express.Router()

  router.get('/', (req, res) => res.redirect(req.user ? '/dashboard' : '/sign-in'))

  router.get('/dashboard', requirePermission('dashboard:view'), async (req, res) => {
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
      ...(await actionsOnTheDashboard(user, here, todayInEngland(now()))),
    })
  })

  return router
}

/** The action plan's part: an organisation's own open actions, and for the partnership's people a summary of the plan. */
async function actionsOnTheDashboard(user: Express.User, here: { partnershipId: number }, today: string) {
  const organisationIds = [...new Set(user.memberships.flatMap((membership) => (membership.organisationId === null ? [] : [membership.organisationId])))]
  const canViewPlan = can(user, 'plan:view', here)
  return {
    ownActions: organisationIds.length ? await organisationOpenActions(organisationIds, today) : null,
    planSummary: canViewPlan ? await planSummary(here.partnershipId, today) : null,
    actionStatusLabels,
    statusTagClass,
    formatDate,
  }
}
