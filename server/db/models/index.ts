import { Sequelize } from 'sequelize'
import { Area } from './area.model'
import { AssessmentReturn } from './assessmentReturn.model'
import { Cycle } from './cycle.model'
import { CycleReturn } from './cycleReturn.model'
import { EvidenceFile } from './evidenceFile.model'
import { EvidenceLink } from './evidenceLink.model'
import { FrameworkVersion } from './frameworkVersion.model'
import { ImprovementArea } from './improvementArea.model'
import { OutboxEmail } from './outboxEmail.model'
import { AuditEvent } from './auditEvent.model'
import { AcceptedAction } from './acceptedAction.model'
import { Challenge } from './challenge.model'
import { ChallengeEvent } from './challengeEvent.model'
import { ChallengeEventAction } from './challengeEventAction.model'
import { ChallengeEventChallenge } from './challengeEventChallenge.model'
import { ChallengeEventMember } from './challengeEventMember.model'
import { ChallengeEventOrganisation } from './challengeEventOrganisation.model'
import { ChallengeEventOutcome } from './challengeEventOutcome.model'
import { ChallengeEventScore } from './challengeEventScore.model'
import { ChallengeEventStandard } from './challengeEventStandard.model'
import { ReturnRating } from './returnRating.model'
import { RuleSetVersion } from './ruleSet.model'
import { ScoringJob } from './scoringJob.model'
import { ScoringResult } from './scoringResult.model'
import { Invitation } from './invitation.model'
import { Membership } from './membership.model'
import { Organisation } from './organisation.model'
import { Partnership } from './partnership.model'
import { ReturnAnswer } from './returnAnswer.model'
import { ReturnSection } from './returnSection.model'
import { Sector } from './sector.model'
import { SignInAttempt } from './signInAttempt.model'
import { SignInLock } from './signInLock.model'
import { User } from './user.model'
import { associate } from '../associations'

import { AuditRound } from './auditRound.model'
import { AuditRoundMember } from './auditRoundMember.model'
import { AuditCase } from './auditCase.model'
import { AuditGrading } from './auditGrading.model'
import { AuditCaseAgreement } from './auditCaseAgreement.model'
import { Theme } from './theme.model'
import { Action } from './action.model'
import { ActionSource } from './actionSource.model'
import { ActionMeasure } from './actionMeasure.model'
import { ActionMeasureReading } from './actionMeasureReading.model'
import { ActionUpdate } from './actionUpdate.model'
import { ActionEvidence } from './actionEvidence.model'
import { ActionEscalation } from './actionEscalation.model'
import { PlanReview } from './planReview.model'
import { PlanReviewRecommendation } from './planReviewRecommendation.model'
import { AuditDipSample } from './auditDipSample.model'
import { AreaChildPopulation } from './areaChildPopulation.model'
import { Statement } from './statement.model'
export { Statement }
export { Action, ActionSource, ActionMeasure, ActionMeasureReading, ActionUpdate, ActionEvidence, ActionEscalation, PlanReview, PlanReviewRecommendation, AuditRound, AuditRoundMember, AuditCase, AuditGrading, AuditCaseAgreement, Theme, AuditDipSample, AreaChildPopulation, AcceptedAction, Challenge, ChallengeEvent, ChallengeEventAction, ChallengeEventChallenge, ChallengeEventMember, ChallengeEventOrganisation, ChallengeEventOutcome, ChallengeEventScore, ChallengeEventStandard, ReturnRating, RuleSetVersion, ScoringJob, ScoringResult, Area, AssessmentReturn, AuditEvent, Cycle, CycleReturn, EvidenceFile, EvidenceLink, FrameworkVersion, ImprovementArea, OutboxEmail, Invitation, Membership, Organisation, Partnership, ReturnAnswer, ReturnSection, Sector, SignInAttempt, SignInLock, User }

export interface Database {
  sequelize: Sequelize
}

/** Defines every model on the connection, then wires the associations in one place. */
export function initModels(sequelize: Sequelize): Database {
  for (const model of [
    Partnership,
    Area,
    Sector,
    Organisation,
    User,
    Membership,
    Invitation,
    SignInAttempt,
    SignInLock,
    AuditEvent,
    FrameworkVersion,
    Cycle,
    AssessmentReturn,
    CycleReturn,
    OutboxEmail,
    ReturnSection,
    ReturnAnswer,
    EvidenceFile,
    EvidenceLink,
    ImprovementArea,
    RuleSetVersion,
    ScoringJob,
    ScoringResult,
    AcceptedAction,
    Challenge,
    ReturnRating,
    ChallengeEvent,
    ChallengeEventMember,
    ChallengeEventOrganisation,
    ChallengeEventStandard,
    ChallengeEventOutcome,
    ChallengeEventScore,
    ChallengeEventAction,
    ChallengeEventChallenge,
    AuditRound,
    AuditRoundMember,
    AuditCase,
    AuditGrading,
    AuditCaseAgreement,
    Theme,
    AuditDipSample,
    AreaChildPopulation,
    PlanReview,
    PlanReviewRecommendation,
    Action,
    ActionSource,
    ActionMeasure,
    ActionMeasureReading,
    ActionUpdate,
    ActionEvidence,
    ActionEscalation,
    Statement,
  ]) {
    model.initModel(sequelize)
  }
  associate()
  return { sequelize }
}
