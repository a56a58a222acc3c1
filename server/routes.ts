import express, { Router } from 'express'
import { auditEventRoutes } from './auditEvents/routes'
import { auditReportRoutes } from './audits/reports/routes'
import { cycleRoutes } from './cycles/routes'
import { dashboardRoutes } from './dashboard/routes'
import { evidenceRoutes } from './evidence/routes'
import { organisationJoinRoutes } from './organisations/joinRoutes'
import { organisationRoutes } from './organisations/routes'
import { partnershipRoutes } from './partnerships/routes'
import type { Services } from './services'
import { returnRoutes } from './returns/routes'
import { returnSubmitRoutes } from './returns/submitRoutes'
import { reviewRoutes } from './qa/routes'
import { challengeAnswerRoutes } from './qa/challengeAnswerRoutes'
import { comparisonRoutes } from './qa/comparisonRoutes'
import { exportRoutes } from './qa/exportRoutes'
import { challengeEventRoutes } from './qa/panels/routes'
import { auditGradingRoutes } from './audits/grading/routes'
import { auditWorkshopRoutes } from './audits/workshop/routes'
import { auditRoundRoutes } from './audits/rounds/routes'
import { auditCaseRoutes } from './audits/cases/routes'
import { areaRoutes } from './areas/routes'
import { planRoutes } from './actions/plan/routes'
import { actionRoutes } from './actions/routes'
import { actionMeasureRoutes } from './actions/measures/routes'
import { actionEvidenceRoutes } from './actions/evidence/routes'
import { actionEscalationRoutes } from './actions/escalations/routes'
import { planReviewRoutes } from './actions/reviews/routes'
import { statementRoutes } from './statements/routes'
import { returnScoreRoutes } from './scoring/returnScoreRoutes'
import { ruleSetRoutes } from './scoring/ruleSetRoutes'
import { signInRoutes } from './signIn/routes'
import { frameworkRoutes } from './standards/routes'
import { invitationRoutes } from './users/invitationRoutes'
import { userRoutes } from './users/routes'

/** Every feature's routes; each route checks its own permission with requirePermission. */
export function routes(services: Services): Router {
  const router = express.Router()
  router.use(signInRoutes(services))
  router.use(invitationRoutes(services))
  router.use(dashboardRoutes(services))
  router.use(partnershipRoutes())
  router.use(organisationJoinRoutes(services))
  router.use(organisationRoutes(services))
  router.use(userRoutes(services))
  router.use(frameworkRoutes(services))
  router.use(cycleRoutes(services))
  router.use(returnRoutes(services))
  router.use(returnSubmitRoutes(services))
  router.use(evidenceRoutes(services))
  router.use(returnScoreRoutes(services))
  router.use(ruleSetRoutes(services))
  router.use(exportRoutes(services))
  router.use(reviewRoutes(services))
  router.use(challengeAnswerRoutes(services))
  router.use(comparisonRoutes(services))
  router.use(challengeEventRoutes(services))
  // Before any /audits/:roundId route, which would take /audits/themes for a round.
  router.use(auditReportRoutes(services))
  router.use(auditGradingRoutes(services))
  router.use(auditWorkshopRoutes(services))
  router.use(auditRoundRoutes(services))
  router.use(auditCaseRoutes(services))
  router.use(areaRoutes(services))
  // The plan's own pages (/actions.csv, /actions/themes…) before an action's (/actions/:actionId).
  router.use(planRoutes(services))
  router.use(planReviewRoutes(services))
  router.use(actionRoutes(services))
  router.use(actionMeasureRoutes(services))
  router.use(actionEvidenceRoutes(services))
  router.use(actionEscalationRoutes(services))
  router.use(statementRoutes(services))
  router.use(auditEventRoutes(services))
  return router
}
