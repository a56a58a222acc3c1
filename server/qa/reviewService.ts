import { Sequelize, Transaction } from 'sequelize'
import type { AuditEventService } from '../auditEvents/service'
import type { CycleIssueService } from '../cycles/issueService'
import { AssessmentReturn, Challenge, EvidenceFile, ReturnAnswer, User } from '../db/models'
import type { ReturnStatus } from '../db/models/assessmentReturn.model'
import { InvalidInputError, NotFoundError } from '../errors'
import { queueEmails } from '../mail/outbox'
import type { LoadedReturn } from '../returns/service'
import type { ScoringService } from '../scoring/service'

/** Statuses a reviewer can work on: moderate, challenge, accept or send back. */
const REVIEWABLE: ReturnStatus[] = ['submitted', 'under_review']

/**
 * The QA sub-group's review of a submitted return: Submitted → Under review → Returned for changes
 * (with a reason) or Accepted. Moderated scores keep the self-score beside them and rescore the
 * return with the same rules. Every step is an audit event, and the other side hears by email.
 */
export class ReviewService {
  constructor(
    private readonly sequelize: Sequelize,
    private readonly audit: AuditEventService,
    private readonly issuing: CycleIssueService,
    private readonly scoring: ScoringService,
    private readonly publicUrl: string,
  ) {}

  private assertStatus(loaded: LoadedReturn, allowed: ReturnStatus[], what: string): void {
    if (!allowed.includes(loaded.assessment.status)) throw new InvalidInputError('status', `${what} is not possible while the return is ${loaded.assessment.status.replace('_', ' ')}`)
  }

  /** Emails the organisation's leads about a step in the review, in the step's transaction. */
  private async tellOrganisation(loaded: LoadedReturn, subject: string, text: string, transaction: Transaction): Promise<void> {
    const leads = await this.issuing.leadsOf([loaded.organisation.id], transaction)
    await queueEmails(
      leads.map((lead) => ({ to: lead.email, subject: `${loaded.organisation.name}: ${subject}`, text: `Hello ${lead.name},\n\n${text}\n\nSee the return: ${this.publicUrl}/returns/${loaded.assessment.id}` })),
      transaction,
    )
  }

  private record(actorUserId: number, loaded: LoadedReturn, action: string, before: object | null, after: object, transaction: Transaction) {
    return this.audit.recordForEach(loaded.partnershipIds, { actorUserId, action, entityType: 'return', entityId: loaded.assessment.id, before, after }, transaction)
  }

  /** Moves a submitted return to Under review; doing something else first (moderating, challenging) does this too. */
  private async startWithin(actorUserId: number, loaded: LoadedReturn, transaction: Transaction): Promise<void> {
    if (loaded.assessment.status !== 'submitted') return
    await AssessmentReturn.update({ status: 'under_review' }, { where: { id: loaded.assessment.id, status: 'submitted' }, transaction })
    await this.record(actorUserId, loaded, 'return.review_started', { status: 'submitted' }, { status: 'under_review' }, transaction)
    loaded.assessment.status = 'under_review'
  }

  async start(actorUserId: number, loaded: LoadedReturn): Promise<void> {
    this.assertStatus(loaded, ['submitted'], 'Starting a review')
    await this.sequelize.transaction((transaction) => this.startWithin(actorUserId, loaded, transaction))
  }

  /**
   * Sets (or, with score null, clears) a criterion's moderated score with the reason, then
   * rescores the return with the same rule set, so ratings and flags follow the moderated score.
   */
  async moderate(actorUserId: number, loaded: LoadedReturn, criterionKey: string, score: number | null, reason: string): Promise<void> {
    this.assertStatus(loaded, REVIEWABLE, 'Moderating')
    const criterion = loaded.standards.flatMap((standard) => standard.criteria).find((candidate) => candidate.key === criterionKey)
    if (!criterion) throw new NotFoundError(`Criterion ${criterionKey} is not part of this return`)
    const levels = loaded.version.definition.scoreScale.levels.map((level) => level.value)
    if (score !== null && !levels.includes(score)) throw new InvalidInputError('score', 'Choose a score from the scale')
    await this.sequelize.transaction(async (transaction) => {
      const answer = await ReturnAnswer.findOne({ where: { returnId: loaded.assessment.id, criterionKey }, transaction })
      if (!answer || answer.notApplicable) throw new InvalidInputError('score', 'Only a scored criterion can be moderated')
      const before = { criterion: criterionKey, selfScore: answer.score, moderatedScore: answer.moderatedScore }
      await answer.update({ moderatedScore: score, moderationReason: score === null ? null : reason, moderatedById: actorUserId, moderatedAt: new Date() }, { transaction })
      await this.startWithin(actorUserId, loaded, transaction)
      await this.record(actorUserId, loaded, 'return.moderated', before, { criterion: criterionKey, selfScore: answer.score, moderatedScore: score, reason }, transaction)
    })
    await this.scoring.rescoreWithSameRules(loaded.assessment.id, 'moderated')
  }

  async raiseChallenge(actorUserId: number, loaded: LoadedReturn, standardKey: string, criterionKey: string | null, question: string): Promise<Challenge> {
    this.assertStatus(loaded, [...REVIEWABLE, 'returned'], 'Raising a challenge')
    const standard = loaded.standards.find((candidate) => candidate.key === standardKey)
    if (!standard) throw new NotFoundError(`Standard ${standardKey} is not part of this return`)
    if (criterionKey && !standard.criteria.some((criterion) => criterion.key === criterionKey)) throw new InvalidInputError('criterion', 'Choose a criterion of this standard')
    return this.sequelize.transaction(async (transaction) => {
      const challenge = await Challenge.create({ returnId: loaded.assessment.id, standardKey, criterionKey, question, status: 'open', raisedById: actorUserId }, { transaction })
      await this.startWithin(actorUserId, loaded, transaction)
      await this.record(actorUserId, loaded, 'return.challenge_raised', null, { challenge: challenge.id, about: criterionKey ?? standardKey, question }, transaction)
      await this.tellOrganisation(loaded, 'a question from the partnership', `The partnership's QA reviewers have a question about ${criterionKey ?? standardKey} ${criterionKey ? '' : standard.title}:\n\n${question}\n\nPlease answer it on the return.`, transaction)
      return challenge
    })
  }

  challenges(returnId: number): Promise<Challenge[]> {
    return Challenge.findAll({ where: { returnId }, order: [['id', 'ASC']] })
  }

  private async challengeOf(loaded: LoadedReturn, challengeId: number, transaction: Transaction): Promise<Challenge> {
    const challenge = await Challenge.findOne({ where: { id: challengeId, returnId: loaded.assessment.id }, transaction, lock: transaction.LOCK.UPDATE })
    if (!challenge) throw new NotFoundError(`Challenge ${challengeId} not found`)
    return challenge
  }

  /** The organisation answers an open challenge (text, and optionally one of the return's evidence files); the reviewer who raised it hears by email. */
  async answerChallenge(actorUserId: number, loaded: LoadedReturn, challengeId: number, answer: string, evidenceFileId: number | null): Promise<void> {
    await this.sequelize.transaction(async (transaction) => {
      const challenge = await this.challengeOf(loaded, challengeId, transaction)
      if (challenge.status !== 'open') throw new InvalidInputError('answer', 'This challenge has already been answered')
      if (evidenceFileId !== null && !(await EvidenceFile.count({ where: { id: evidenceFileId, returnId: loaded.assessment.id }, transaction }))) {
        throw new InvalidInputError('evidenceFileId', 'Choose one of this return’s evidence files')
      }
      await challenge.update({ status: 'answered', answer, answerEvidenceFileId: evidenceFileId, answeredById: actorUserId, answeredAt: new Date() }, { transaction })
      await this.record(actorUserId, loaded, 'return.challenge_answered', { challenge: challenge.id, status: 'open' }, { challenge: challenge.id, status: 'answered', answer }, transaction)
      const reviewer = challenge.raisedById ? await User.findByPk(challenge.raisedById, { transaction }) : null
      if (reviewer?.active) {
        await queueEmails(
          [{ to: reviewer.email, subject: `${loaded.organisation.name} answered your challenge`, text: `Hello ${reviewer.name},\n\n${loaded.organisation.name} answered your question on ${challenge.criterionKey ?? challenge.standardKey}:\n\n${answer}\n\nReview it: ${this.publicUrl}/reviews/${loaded.assessment.id}` }],
          transaction,
        )
      }
    })
  }

  /** The reviewer closes an answered challenge, or keeps it, which opens it again for a further answer. */
  async decideChallenge(actorUserId: number, loaded: LoadedReturn, challengeId: number, decision: 'close' | 'keep'): Promise<void> {
    await this.sequelize.transaction(async (transaction) => {
      const challenge = await this.challengeOf(loaded, challengeId, transaction)
      if (challenge.status === 'closed') throw new InvalidInputError('decision', 'This challenge is already closed')
      const status = decision === 'close' ? 'closed' : 'open'
      await challenge.update(decision === 'close' ? { status, closedById: actorUserId, closedAt: new Date() } : { status }, { transaction })
      await this.record(actorUserId, loaded, decision === 'close' ? 'return.challenge_closed' : 'return.challenge_kept', { challenge: challenge.id, status: challenge.previous('status') }, { challenge: challenge.id, status }, transaction)
      await this.tellOrganisation(
        loaded,
        decision === 'close' ? 'a challenge was closed' : 'a challenge needs more',
        decision === 'close' ? `The partnership closed its question on ${challenge.criterionKey ?? challenge.standardKey}.` : `The partnership needs more on its question about ${challenge.criterionKey ?? challenge.standardKey}:\n\n${challenge.question}`,
        transaction,
      )
    })
  }

  /** Accepts the return; refused while any challenge is open or waiting for the reviewer. */
  async accept(actorUserId: number, loaded: LoadedReturn): Promise<void> {
    this.assertStatus(loaded, REVIEWABLE, 'Accepting')
    await this.sequelize.transaction(async (transaction) => {
      const unresolved = await Challenge.count({ where: { returnId: loaded.assessment.id, status: ['open', 'answered'] }, transaction })
      if (unresolved) throw new InvalidInputError('accept', `Close the ${unresolved} challenge${unresolved === 1 ? '' : 's'} still open before accepting the return`)
      const [changed] = await AssessmentReturn.update({ status: 'accepted' }, { where: { id: loaded.assessment.id, status: REVIEWABLE }, transaction })
      if (changed !== 1) throw new InvalidInputError('accept', 'The return changed while you were reviewing it; look again')
      await this.record(actorUserId, loaded, 'return.accepted', { status: loaded.assessment.status }, { status: 'accepted' }, transaction)
      await this.tellOrganisation(loaded, 'return accepted', 'The partnership has accepted your safeguarding self-assessment return.', transaction)
    })
  }

  /** Sends the return back to the organisation for changes; a reason is required and shown to them. */
  async returnForChanges(actorUserId: number, loaded: LoadedReturn, reason: string): Promise<void> {
    this.assertStatus(loaded, REVIEWABLE, 'Returning for changes')
    await this.sequelize.transaction(async (transaction) => {
      const [changed] = await AssessmentReturn.update({ status: 'returned', returnedReason: reason }, { where: { id: loaded.assessment.id, status: REVIEWABLE }, transaction })
      if (changed !== 1) throw new InvalidInputError('reason', 'The return changed while you were reviewing it; look again')
      await this.record(actorUserId, loaded, 'return.returned_for_changes', { status: loaded.assessment.status }, { status: 'returned', reason }, transaction)
      await this.tellOrganisation(loaded, 'return sent back for changes', `The partnership has sent your return back for changes:\n\n${reason}\n\nMake the changes, then submit it again.`, transaction)
    })
  }
}
