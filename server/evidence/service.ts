import { createHash } from 'node:crypto'
import { Sequelize } from 'sequelize'
import { AuditEventService } from '../auditEvents/service'
import { AssessmentReturn, EvidenceFile, EvidenceLink } from '../db/models'
import { InvalidInputError, NotFoundError } from '../errors'
import type { LoadedReturn, ReturnService } from '../returns/service'
import { asDate, selectRows } from '../db/rawRows'
import { checkEvidenceFile, EVIDENCE_TYPES, EvidenceTypeKey } from './fileType'

export const MAX_FILE_BYTES = 10 * 1024 * 1024
export const MAX_RETURN_BYTES = 50 * 1024 * 1024

export interface EvidenceFileSummary {
  id: number
  fileName: string
  typeLabel: string
  sizeBytes: number
  uploadedBy: string
  uploadedAt: Date
  criterionKeys: string[]
}

/** "1.5 MB", "820 KB": sizes as people read them. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Number((bytes / (1024 * 1024)).toFixed(1))} MB`
  return `${Math.max(1, Math.round(bytes / 1024))} KB`
}

/** A file name safe to store and show: no folders, no control characters, not too long. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? ''
  const cleaned = base.replace(/[\u0000-\u001f\u007f"]/g, '').trim()
  if (cleaned.length <= 200) return cleaned || 'evidence'
  const extension = /\.[a-z0-9]{1,5}$/i.exec(cleaned)?.[0] ?? ''
  return cleaned.slice(0, 200 - extension.length) + extension
}

interface FileRow {
  id: number
  fileName: string
  fileType: string
  sizeBytes: number
  createdAt: Date | string
  uploadedBy: string | null
  criterionKey: string | null
}

// One row per file and criterion it is attached to (one with no criterion when it is attached to none).
const FILES = `
SELECT f.id, f.file_name AS "fileName", f.file_type AS "fileType", f.size_bytes AS "sizeBytes", f.created_at AS "createdAt",
  u.name AS "uploadedBy", l.criterion_key AS "criterionKey"
FROM evidence_files f
LEFT JOIN users u ON u.id = f.uploaded_by_id
LEFT JOIN evidence_links l ON l.evidence_file_id = f.id
WHERE f.return_id = :returnId
ORDER BY f.created_at, f.id`

/** Evidence files of a return: kept in the database, checked by content, attachable to several criteria. */
export class EvidenceService {
  constructor(
    private readonly sequelize: Sequelize,
    private readonly audit: AuditEventService,
    private readonly returns: ReturnService,
  ) {}

  /** The return's files, oldest first, each with the criteria it is attached to. In SQL: every section page lists them. */
  async files(returnId: number): Promise<EvidenceFileSummary[]> {
    const rows = await selectRows<FileRow>(this.sequelize, FILES, { returnId })
    const files = new Map<number, EvidenceFileSummary>()
    for (const row of rows) {
      const file = files.get(row.id) ?? {
        id: row.id,
        fileName: row.fileName,
        typeLabel: EVIDENCE_TYPES[row.fileType as EvidenceTypeKey]?.label ?? row.fileType,
        sizeBytes: row.sizeBytes,
        uploadedBy: row.uploadedBy ?? 'A former user',
        uploadedAt: asDate(row.createdAt)!,
        criterionKeys: [],
      }
      if (row.criterionKey !== null) file.criterionKeys.push(row.criterionKey)
      files.set(row.id, file)
    }
    return [...files.values()].map((file) => ({ ...file, criterionKeys: file.criterionKeys.sort() }))
  }

  async usedBytes(returnId: number): Promise<number> {
    return (await EvidenceFile.sum('sizeBytes', { where: { returnId } })) || 0
  }

  /**
   * Stores an uploaded file and attaches it to the chosen criteria, in one transaction. Refused
   * (InvalidInputError on the field "file") when its content is not an accepted type or the return
   * would go over its total.
   */
  async upload(actorUserId: number, loaded: LoadedReturn, file: { name: string; content: Buffer }, criterionKeys: string[]): Promise<EvidenceFileSummary> {
    const checked = checkEvidenceFile(file.content, file.name)
    if (!checked.ok) throw new InvalidInputError('file', checked.error)
    if (file.content.length > MAX_FILE_BYTES) throw new InvalidInputError('file', `The selected file must be smaller than ${formatBytes(MAX_FILE_BYTES)}`)
    const standardOf = this.standardsByCriterion(loaded)
    const unknown = criterionKeys.find((key) => !standardOf.has(key))
    if (unknown) throw new InvalidInputError('criteria', `${unknown} is not a criterion of this return`)
    const returnId = loaded.assessment.id
    const fileName = cleanFileName(file.name)
    const created = await this.sequelize.transaction(async (transaction) => {
      // Locking the return makes uploads to it take turns, so two at once cannot both pass the total.
      await AssessmentReturn.findByPk(returnId, { transaction, lock: transaction.LOCK.UPDATE, attributes: ['id'] })
      const used = (await EvidenceFile.sum('sizeBytes', { where: { returnId }, transaction })) || 0
      if (used + file.content.length > MAX_RETURN_BYTES) {
        throw new InvalidInputError('file', `This return already has ${formatBytes(used)} of evidence files and can hold ${formatBytes(MAX_RETURN_BYTES)}: remove files you no longer need, or upload a smaller file`)
      }
      const evidence = await EvidenceFile.create(
        { returnId, fileName, fileType: checked.type, sizeBytes: file.content.length, sha256: createHash('sha256').update(file.content).digest('hex'), content: file.content, uploadedById: actorUserId },
        { transaction },
      )
      await EvidenceLink.bulkCreate(criterionKeys.map((criterionKey) => ({ evidenceFileId: evidence.id, criterionKey, returnId })), { transaction })
      await this.returns.markSectionsChanged(actorUserId, returnId, [...new Set(criterionKeys.map((key) => standardOf.get(key)!))], transaction)
      await this.audit.recordForEach(
        loaded.partnershipIds,
        { actorUserId, action: 'return.evidence_uploaded', entityType: 'return', entityId: returnId, after: { file: fileName, fileId: evidence.id, type: checked.type, sizeBytes: file.content.length, criteria: criterionKeys } },
        transaction,
      )
      return evidence
    })
    return { id: created.id, fileName, typeLabel: EVIDENCE_TYPES[checked.type].label, sizeBytes: created.sizeBytes, uploadedBy: '', uploadedAt: created.createdAt, criterionKeys }
  }

  /** The file with its content, only if it belongs to this return. */
  async download(returnId: number, fileId: number): Promise<EvidenceFile> {
    const file = await EvidenceFile.findOne({ where: { id: fileId, returnId } })
    if (!file) throw new NotFoundError(`Evidence file ${fileId} is not part of return ${returnId}`)
    return file
  }

  /** Deletes a file and its attachments to criteria. */
  async remove(actorUserId: number, loaded: LoadedReturn, fileId: number): Promise<string> {
    const returnId = loaded.assessment.id
    const standardOf = this.standardsByCriterion(loaded)
    return this.sequelize.transaction(async (transaction) => {
      // The return's row first, as an upload and a section save take it, so that on PostgreSQL they wait for each other rather than deadlock.
      await AssessmentReturn.findByPk(returnId, { transaction, lock: transaction.LOCK.UPDATE, attributes: ['id'] })
      const file = await EvidenceFile.findOne({ where: { id: fileId, returnId }, attributes: ['id', 'fileName'], include: [{ model: EvidenceLink, as: 'links' }], transaction })
      if (!file) throw new NotFoundError(`Evidence file ${fileId} is not part of return ${returnId}`)
      const criteria = (file as EvidenceFile & { links: EvidenceLink[] }).links.map((link) => link.criterionKey)
      await EvidenceFile.destroy({ where: { id: fileId }, transaction })
      await this.returns.markSectionsChanged(actorUserId, returnId, [...new Set(criteria.map((key) => standardOf.get(key)).filter((key): key is string => key !== undefined))], transaction)
      await this.audit.recordForEach(
        loaded.partnershipIds,
        { actorUserId, action: 'return.evidence_removed', entityType: 'return', entityId: returnId, before: { file: file.fileName, fileId, criteria } },
        transaction,
      )
      return file.fileName
    })
  }

  private standardsByCriterion(loaded: LoadedReturn): Map<string, string> {
    return new Map(loaded.standards.flatMap((standard) => standard.criteria.map((criterion) => [criterion.key, standard.key] as const)))
  }
}
