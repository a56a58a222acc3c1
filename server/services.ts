import type { Sequelize } from 'sequelize'
import { AuditEventService } from './auditEvents/service'
import type { Config } from './config'
import type { Logger } from './logger'
import { Mailer, createMailer } from './mail/mailer'
import { CycleIssueService } from './cycles/issueService'
import { CycleProgressService } from './cycles/progressService'
import { OutboxDispatcher } from './mail/outbox'
import { OrganisationJoinService } from './organisations/joinService'
import { OrganisationService } from './organisations/service'
import { EvidenceService } from './evidence/service'
import { CarryForwardService } from './returns/carryForwardService'
import { ReturnService } from './returns/service'
import { ReturnSubmitService } from './returns/submitService'
import { RuleSetService } from './scoring/ruleSetService'
import { ScoringJobService } from './scoring/jobService'
import { RuleSetPreviewService } from './scoring/previewService'
import { ScoringService } from './scoring/service'
import { ChallengeEventService } from './qa/panels/service'
import { AuditGradingService } from './audits/grading/service'
import { AuditRoundClosingService } from './audits/workshop/closeService'
import { AuditWorkshopService } from './audits/workshop/service'
import { AuditRoundService } from './audits/rounds/service'
import { AuditCaseService } from './audits/cases/service'
import { AreaPopulationService } from './areas/service'
import { ReviewService } from './qa/reviewService'
import { ActionService } from './actions/service'
import { ActionMeasureService } from './actions/measures/service'
import { ActionEvidenceService } from './actions/evidence/service'
import { ActionEscalationService } from './actions/escalations/service'
import { PlanReviewService } from './actions/reviews/service'
import { StatementService } from './statements/service'
import { SignInService } from './signIn/service'
import { FrameworkService } from './standards/service'
import { UserService } from './users/service'

export interface Services {
  sequelize: Sequelize
  logger: Logger
  mailer: Mailer
  auditEvents: AuditEventService
  signIn: SignInService
  organisations: OrganisationService
  organisationJoin: OrganisationJoinService
  users: UserService
  frameworks: FrameworkService
  returns: ReturnService
  returnSubmit: ReturnSubmitService
  carryForward: CarryForwardService
  evidence: EvidenceService
  cycleIssue: CycleIssueService
  cycleProgress: CycleProgressService
  outbox: OutboxDispatcher
  ruleSets: RuleSetService
  scoring: ScoringService
  scoringJobs: ScoringJobService
  ruleSetPreview: RuleSetPreviewService
  reviews: ReviewService
  challengeEvents: ChallengeEventService
  auditGrading: AuditGradingService
  auditWorkshop: AuditWorkshopService
  auditRoundClosing: AuditRoundClosingService
  auditRounds: AuditRoundService
  auditCases: AuditCaseService
  areaPopulations: AreaPopulationService
  actions: ActionService
  actionMeasures: ActionMeasureService
  actionEvidence: ActionEvidenceService
  actionEscalations: ActionEscalationService
  planReviews: PlanReviewService
  statements: StatementService
  /** The clock every service reads: tests move it. */
  now: () => Date
}

/** Builds every service once; tests pass their own mailer (or clock) through `overrides`. */
export function createServices(
  sequelize: Sequelize,
  config: Config,
  logger: Logger,
  overrides: { mailer?: Mailer; now?: () => Date } = {},
): Services {
  const mailer = overrides.mailer ?? createMailer(config.smtp, logger)
  const auditEvents = new AuditEventService()
  const now = overrides.now ?? (() => new Date())
  const frameworks = new FrameworkService(sequelize, auditEvents)
  const cycleIssue = new CycleIssueService(sequelize, auditEvents, frameworks, config.publicUrl)
  const returns = new ReturnService(sequelize, auditEvents)
  const ruleSets = new RuleSetService(sequelize, auditEvents)
  const scoring = new ScoringService(sequelize, auditEvents, ruleSets, logger)
  const reviews = new ReviewService(sequelize, auditEvents, cycleIssue, scoring, config.publicUrl)
  return {
    sequelize,
    logger,
    mailer,
    auditEvents,
    signIn: new SignInService(now),
    organisations: new OrganisationService(sequelize, auditEvents),
    organisationJoin: new OrganisationJoinService(sequelize, auditEvents),
    users: new UserService(sequelize, auditEvents, mailer, config.publicUrl, now),
    frameworks,
    returns,
    carryForward: new CarryForwardService(sequelize, auditEvents, returns),
    evidence: new EvidenceService(sequelize, auditEvents, returns),
    returnSubmit: new ReturnSubmitService(sequelize, auditEvents, returns, cycleIssue, scoring, logger, config.publicUrl),
    cycleIssue,
    cycleProgress: new CycleProgressService(sequelize, auditEvents, cycleIssue),
    outbox: new OutboxDispatcher(mailer, logger),
    ruleSets,
    scoring,
    scoringJobs: new ScoringJobService(sequelize, auditEvents, ruleSets, scoring, logger),
    ruleSetPreview: new RuleSetPreviewService(ruleSets, scoring),
    reviews,
    challengeEvents: new ChallengeEventService(sequelize, auditEvents, returns, reviews, config.publicUrl, now),
    auditGrading: new AuditGradingService(sequelize, auditEvents, now),
    auditWorkshop: new AuditWorkshopService(sequelize, auditEvents, now),
    auditRoundClosing: new AuditRoundClosingService(sequelize, auditEvents, now),
    auditRounds: new AuditRoundService(sequelize, auditEvents),
    auditCases: new AuditCaseService(sequelize, auditEvents),
    areaPopulations: new AreaPopulationService(sequelize, auditEvents),
    actions: new ActionService(sequelize, auditEvents, config.publicUrl, now),
    actionMeasures: new ActionMeasureService(sequelize, auditEvents, config.publicUrl, now),
    actionEvidence: new ActionEvidenceService(sequelize, auditEvents, config.publicUrl, now),
    actionEscalations: new ActionEscalationService(sequelize, auditEvents, config.publicUrl, now),
    planReviews: new PlanReviewService(sequelize, auditEvents, config.publicUrl, now),
    statements: new StatementService(sequelize, auditEvents, config.publicUrl, now),
    now,
  }
}
