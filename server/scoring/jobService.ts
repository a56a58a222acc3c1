import { Op, Sequelize } from 'sequelize'
import type { AuditEventService } from '../auditEvents/service'
import { AssessmentReturn, Cycle, CycleReturn, ScoringJob } from '../db/models'
import { respondedStatuses } from '../db/models/assessmentReturn.model'
import { InvalidInputError, NotFoundError } from '../errors'
import type { Logger } from '../logger'
import type { RuleSetService } from './ruleSetService'
import type { ScoringService } from './service'

const BATCH = 25
/** A running job whose worker has not reported for this long is taken over by another. */
export const STALE_AFTER_MS = 30_000

export type JobProgress = Pick<ScoringJob, 'id' | 'status' | 'total' | 'done' | 'failed'>

/**
 * Rescoring every submitted return of a cycle as a job stored in the database. Work is done in
 * return id order and the job records the last return scored, so a worker that stops loses
 * nothing: a job stopped on purpose (Ctrl-C on the CLI) is paused until asked for again; one whose
 * worker died (a crash, a restart) is taken over once its heartbeat is stale.
 */
export class ScoringJobService {
  constructor(
    private readonly sequelize: Sequelize,
    private readonly audit: AuditEventService,
    private readonly ruleSets: RuleSetService,
    private readonly scoring: ScoringService,
    private readonly logger: Logger,
  ) {}

  private returnIdsWhere(cycleId: number, afterId = 0) {
    return {
      where: { status: respondedStatuses, id: { [Op.gt]: afterId } },
      include: [{ model: CycleReturn, as: 'cycleReturns', where: { cycleId, withdrawnAt: null }, attributes: [] }],
    }
  }

  /** The cycle's unfinished job if there is one (so asking twice resumes, never duplicates), otherwise a new one. */
  async createOrResume(actorUserId: number | null, cycleId: number): Promise<ScoringJob> {
    const cycle = await Cycle.findByPk(cycleId)
    if (!cycle) throw new NotFoundError(`Cycle ${cycleId} not found`)
    const unfinished = await ScoringJob.findOne({ where: { cycleId, status: { [Op.ne]: 'finished' } }, order: [['id', 'DESC']] })
    if (unfinished?.status === 'paused') return unfinished.update({ status: 'queued' })
    if (unfinished) return unfinished
    const ruleSet = await this.ruleSets.published(cycle.frameworkVersionId)
    if (!ruleSet) throw new InvalidInputError('cycle', 'This cycle’s framework version has no published rule set')
    const total = await AssessmentReturn.count(this.returnIdsWhere(cycleId))
    return this.sequelize.transaction(async (transaction) => {
      const job = await ScoringJob.create({ cycleId, ruleSetId: ruleSet.id, status: 'queued', total, heartbeatAt: null, finishedAt: null, createdById: actorUserId }, { transaction })
      await this.audit.record(
        { actorUserId, partnershipId: cycle.partnershipId, action: 'scoring.rescore_started', entityType: 'cycle', entityId: cycleId, after: { job: job.id, ruleSet: ruleSet.version, returns: total } },
        transaction,
      )
      return job
    })
  }

  async get(id: number): Promise<ScoringJob> {
    const job = await ScoringJob.findByPk(id)
    if (!job) throw new NotFoundError(`Scoring job ${id} not found`)
    return job
  }

  /** Takes the job if nobody else is working on it: queued, or running with a stale heartbeat. */
  private async claim(job: ScoringJob): Promise<boolean> {
    const [claimed] = await ScoringJob.update(
      { status: 'running', heartbeatAt: new Date() },
      {
        where: {
          id: job.id,
          [Op.or]: [{ status: 'queued' }, { status: 'running', heartbeatAt: { [Op.or]: [null, { [Op.lt]: new Date(Date.now() - STALE_AFTER_MS) }] } }],
        },
      },
    )
    return claimed === 1
  }

  /**
   * Works a job to the end (or until `shouldStop`), reporting progress after each batch. Returns
   * false when another worker holds the job.
   */
  async run(jobId: number, options: { onProgress?: (progress: JobProgress) => void; shouldStop?: () => boolean; batchSize?: number } = {}): Promise<boolean> {
    const job = await this.get(jobId)
    if (job.status === 'finished' || !(await this.claim(job))) return false
    await job.reload()
    const ruleSet = await this.ruleSets.get(job.ruleSetId)
    options.onProgress?.(job)
    while (!options.shouldStop?.()) {
      const batch = await AssessmentReturn.findAll({ ...this.returnIdsWhere(job.cycleId, job.lastReturnId), attributes: ['id'], order: [['id', 'ASC']], limit: options.batchSize ?? BATCH })
      if (!batch.length) break
      let failed = 0
      for (const { id } of batch) {
        const result = await this.scoring.score(id, 'rescored', { scoringJobId: job.id, ruleSet })
        if (result?.status === 'failed') failed++
      }
      await job.update({ done: job.done + batch.length, failed: job.failed + failed, lastReturnId: batch[batch.length - 1].id, heartbeatAt: new Date() })
      options.onProgress?.(job)
    }
    if (options.shouldStop?.()) {
      // Stopped on purpose (Ctrl-C, shutdown): paused until someone asks again, where it resumes.
      await job.update({ status: 'paused', heartbeatAt: null })
    } else {
      await job.update({ status: 'finished', finishedAt: new Date(), total: Math.max(job.total, job.done) })
      this.logger.info({ jobId: job.id, done: job.done, failed: job.failed }, 'Rescoring finished')
    }
    options.onProgress?.(job)
    return true
  }

  /** Each instance looks for jobs nobody is working on; returns the stop function. */
  start(intervalMs = 3000): () => void {
    let running = false
    let stopped = false
    const timer = setInterval(() => {
      if (running) return
      running = true
      this.runWaitingJobs(() => stopped)
        .catch((error: unknown) => this.logger.error({ err: error }, 'Rescoring failed'))
        .finally(() => {
          running = false
        })
    }, intervalMs)
    timer.unref()
    return () => {
      stopped = true
      clearInterval(timer)
    }
  }

  async runWaitingJobs(shouldStop: () => boolean = () => false): Promise<void> {
    const waiting = await ScoringJob.findAll({ where: { status: ['queued', 'running'] }, order: [['id', 'ASC']] })
    for (const job of waiting) if (!shouldStop()) await this.run(job.id, { shouldStop })
  }
}
