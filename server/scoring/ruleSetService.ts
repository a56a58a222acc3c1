import { createHash } from 'node:crypto'
import { Op, Sequelize, Transaction } from 'sequelize'
import type { AuditEventService } from '../auditEvents/service'
import { FrameworkVersion, RuleSetVersion } from '../db/models'
import { NotFoundError } from '../errors'
import { checkRuleSet } from './checkRuleSet'
import { CompiledRuleSet } from './compiledRuleSet'
import { checkRuleFiles, readRuleFiles, RuleFile } from './ruleFiles'

export class InvalidShippedRulesError extends Error {}

const hashOf = (source: string) => createHash('sha256').update(source).digest('hex')

/**
 * Rule set versions in the database. A version never changes once stored, so its compiled form is
 * kept in memory by id (and with it the engine's remembered outcomes).
 */
export class RuleSetService {
  private readonly compiledById = new Map<number, CompiledRuleSet>()

  constructor(
    private readonly sequelize: Sequelize,
    private readonly audit: AuditEventService,
  ) {}

  /**
   * Stores rules/*.json not yet held. A shipped file is published at once only when its framework
   * version has no published rule set; otherwise it waits as a draft for an admin to preview, so a
   * deployment never silently replaces rules a partnership published.
   */
  async loadShippedRuleSets(files: RuleFile[] = readRuleFiles()): Promise<void> {
    const versions = await FrameworkVersion.findAll({ where: { origin: 'file' } })
    const { checked, problems } = checkRuleFiles(files, versions.map((version) => version.definition))
    if (problems.length) throw new InvalidShippedRulesError(`Invalid rule files:\n${problems.join('\n')}`)
    for (const file of checked) {
      const version = versions.find((candidate) => candidate.key === file.framework.key && candidate.version === file.framework.version)!
      const sourceHash = hashOf(file.source)
      if (await RuleSetVersion.findOne({ where: { frameworkVersionId: version.id, sourceHash } })) continue
      const published = await this.published(version.id)
      await this.create(version.id, file.source, { origin: 'file', partnershipId: null, createdById: null, publishedAt: published ? null : new Date() })
    }
    // Compiled now, so the first submission after a start is scored as fast as the rest.
    for (const version of await FrameworkVersion.findAll({ attributes: ['id'] })) {
      const published = await this.published(version.id)
      if (published) await this.compiled(published)
    }
  }

  private async create(frameworkVersionId: number, source: string, fields: Pick<RuleSetVersion, 'origin' | 'partnershipId' | 'createdById' | 'publishedAt'>, transaction?: Transaction) {
    const latest = (await RuleSetVersion.max('version', { where: { frameworkVersionId }, transaction })) as number | null
    return RuleSetVersion.create({ frameworkVersionId, version: (latest ?? 0) + 1, source, sourceHash: hashOf(source), publishedById: null, ...fields }, { transaction })
  }

  /** The rule set that scores new submissions of a framework version: the last one published. */
  published(frameworkVersionId: number): Promise<RuleSetVersion | null> {
    return RuleSetVersion.findOne({ where: { frameworkVersionId, publishedAt: { [Op.ne]: null } }, order: [['publishedAt', 'DESC'], ['id', 'DESC']] })
  }

  versionsOf(frameworkVersionId: number): Promise<RuleSetVersion[]> {
    return RuleSetVersion.findAll({ where: { frameworkVersionId }, order: [['version', 'DESC']] })
  }

  async get(id: number, frameworkVersionId?: number): Promise<RuleSetVersion> {
    const ruleSet = await RuleSetVersion.findByPk(id)
    if (!ruleSet || (frameworkVersionId !== undefined && ruleSet.frameworkVersionId !== frameworkVersionId)) throw new NotFoundError(`Rule set ${id} not found`)
    return ruleSet
  }

  async compiled(ruleSet: RuleSetVersion): Promise<CompiledRuleSet> {
    const cached = this.compiledById.get(ruleSet.id)
    if (cached) return cached
    const framework = (await FrameworkVersion.findByPk(ruleSet.frameworkVersionId))!.definition
    const checked = checkRuleSet(ruleSet.source, framework)
    if (!checked.ok) throw new Error(`Rule set ${ruleSet.id} no longer passes its checks: ${checked.problems.join('; ')}`)
    const compiled = new CompiledRuleSet(checked.ruleSet, framework)
    this.compiledById.set(ruleSet.id, compiled)
    return compiled
  }

  /** Stores an uploaded rule set as a draft after every check; nothing is stored when any fails. */
  async uploadDraft(actorUserId: number, partnershipId: number, version: FrameworkVersion, source: string): Promise<{ ok: true; ruleSet: RuleSetVersion } | { ok: false; problems: string[] }> {
    const checked = checkRuleSet(source, version.definition)
    if (!checked.ok) return checked
    const ruleSet = await this.sequelize.transaction(async (transaction) => {
      const created = await this.create(version.id, source, { origin: 'upload', partnershipId, createdById: actorUserId, publishedAt: null }, transaction)
      await this.audit.record(
        { actorUserId, partnershipId, action: 'rules.uploaded', entityType: 'rule_set', entityId: created.id, after: { framework: version.key, frameworkVersion: version.version, version: created.version } },
        transaction,
      )
      return created
    })
    return { ok: true, ruleSet }
  }

  async publish(actorUserId: number, partnershipId: number, ruleSet: RuleSetVersion): Promise<void> {
    const before = await this.published(ruleSet.frameworkVersionId)
    await this.sequelize.transaction(async (transaction) => {
      await ruleSet.update({ publishedAt: new Date(), publishedById: actorUserId }, { transaction })
      await this.audit.record(
        { actorUserId, partnershipId, action: 'rules.published', entityType: 'rule_set', entityId: ruleSet.id, before: { version: before?.version ?? null }, after: { version: ruleSet.version } },
        transaction,
      )
    })
  }
}
