import { createHash } from 'node:crypto'
import { Op, Sequelize } from 'sequelize'
import { AuditEventService } from '../auditEvents/service'
import { Cycle, FrameworkVersion } from '../db/models'
import { NotFoundError } from '../errors'
import { CheckedFramework, FileProblem, checkFrameworks } from './checkFrameworks'
import { readFrameworkFiles } from './frameworkFiles'
import { parseFramework } from './parseFramework'

export class ShippedFrameworkChangedError extends Error {}

function hashOf(source: string): string {
  return createHash('sha256').update(source).digest('hex')
}

/**
 * Framework versions in the database: those shipped in standards/ (loaded at start) and those a
 * partnership uploads. A version is immutable once a cycle uses it.
 */
export class FrameworkService {
  constructor(
    private readonly sequelize: Sequelize,
    private readonly audit: AuditEventService,
  ) {}

  /** Brings the database up to date with standards/*.yaml; refuses to change a version a cycle uses. */
  async loadShippedFrameworks(sources = readFrameworkFiles()): Promise<void> {
    const { frameworks, problems } = checkFrameworks(sources)
    if (problems.length) throw new ShippedFrameworkChangedError(`Invalid framework files:\n${problems.map((p) => `${p.file}:${p.line}: ${p.message}`).join('\n')}`)
    for (const checked of frameworks) {
      const { framework, source, file } = checked
      const existing = await FrameworkVersion.findOne({ where: { key: framework.key, version: framework.version } })
      const sourceHash = hashOf(source)
      if (existing?.sourceHash === sourceHash) continue
      if (existing) {
        if ((await Cycle.count({ where: { frameworkVersionId: existing.id } })) > 0) {
          throw new ShippedFrameworkChangedError(
            `${file} changed version ${framework.version} of "${framework.key}", which a cycle already uses. Versions are immutable once used: add a new version instead.`,
          )
        }
        await existing.update({ source, sourceHash, definition: framework, title: framework.title })
      } else {
        await FrameworkVersion.create({ ...this.columns(checked), origin: 'file', partnershipId: null, uploadedById: null })
      }
    }
  }

  private columns({ framework, source }: Pick<CheckedFramework, 'framework' | 'source'>) {
    return { key: framework.key, version: framework.version, title: framework.title, source, sourceHash: hashOf(source), definition: framework }
  }

  /** Versions a partnership can use: every shipped one and its own uploads. */
  list(partnershipId: number): Promise<FrameworkVersion[]> {
    return FrameworkVersion.findAll({
      where: { [Op.or]: [{ partnershipId: null }, { partnershipId }] },
      order: [
        ['key', 'ASC'],
        ['version', 'DESC'],
      ],
    })
  }

  async get(partnershipId: number, id: number): Promise<FrameworkVersion> {
    const version = await FrameworkVersion.findByPk(id)
    if (!version || (version.partnershipId !== null && version.partnershipId !== partnershipId)) throw new NotFoundError(`Framework version ${id} not found`)
    return version
  }

  async usedByCycles(frameworkVersionId: number): Promise<number> {
    return Cycle.count({ where: { frameworkVersionId } })
  }

  /** How many cycles use each version, in one query. */
  async cycleCounts(): Promise<Map<number, number>> {
    const rows = (await Cycle.count({ group: ['frameworkVersionId'] })) as unknown as { frameworkVersionId: number; count: number }[]
    return new Map(rows.map((row) => [Number(row.frameworkVersionId), Number(row.count)]))
  }

  /**
   * Adds an uploaded version after the same checks as the shipped files, including lineage against
   * the versions already held. Nothing is stored when there is any problem.
   */
  async upload(actorUserId: number, partnershipId: number, fileName: string, source: string): Promise<{ ok: true; version: FrameworkVersion } | { ok: false; problems: FileProblem[] }> {
    const parsed = parseFramework(source)
    if (!parsed.ok) return { ok: false, problems: parsed.problems.map((problem) => ({ file: fileName, ...problem })) }
    // Checked together with the versions already held, under its canonical name, for lineage and duplicates.
    const canonical = `${parsed.framework.key}.${parsed.framework.version}.yaml`
    const known = (await this.list(partnershipId)).map((version) => ({ file: `${version.key}.${version.version}.yaml`, source: version.source }))
    const { frameworks, problems } = checkFrameworks([...known, { file: canonical, source }])
    const own = problems.filter((problem) => problem.file === canonical)
    if (own.length) return { ok: false, problems: own.map((problem) => ({ ...problem, file: fileName })) }
    const checked = frameworks.find((entry) => entry.file === canonical && entry.source === source)
    if (!checked) return { ok: false, problems: [{ file: fileName, line: 1, message: 'The file could not be checked' }] }
    const version = await this.sequelize.transaction(async (transaction) => {
      const created = await FrameworkVersion.create(
        { ...this.columns(checked), origin: 'upload', partnershipId, uploadedById: actorUserId },
        { transaction },
      )
      await this.audit.record(
        { actorUserId, partnershipId, action: 'framework.uploaded', entityType: 'framework_version', entityId: created.id, after: { key: created.key, version: created.version } },
        transaction,
      )
      return created
    })
    return { ok: true, version }
  }
}
