import { createHash } from 'node:crypto'
import type { Sequelize, Transaction } from 'sequelize'
import type { AuditEventService } from '../../auditEvents/service'
import { Action, ActionEvidence } from '../../db/models'
import { actionStatusLabels } from '../../db/models/action.model'
import { InvalidInputError, NotFoundError } from '../../errors'
import { checkEvidenceFile } from '../../evidence/fileType'
import { cleanFileName, formatBytes, MAX_FILE_BYTES } from '../../evidence/service'
import { isFinished } from '../measures/service'
import type { EvidenceInput } from './schema'

/**
 * An action's evidence items (text or file), tagged Impact / Evidence / Assurance / Learning /
 * Challenge. Files are checked by content exactly as a return's evidence files are, and kept in the
 * database. Items change until the action is completed or closed: then they are its record.
 */
export class ActionEvidenceService {
  constructor(
    private readonly sequelize: Sequelize,
    private readonly audit: AuditEventService,
    // Wired like the other action services; nothing here needs the site's address or the clock yet.
    _publicUrl?: string,
    _now?: () => Date,
  ) {}

  private record(actorUserId: number, action: Action, name: string, before: object | null, after: object | null, transaction: Transaction) {
    return this.audit.record({ actorUserId, partnershipId: action.partnershipId, action: name, entityType: 'action', entityId: action.id, before, after }, transaction)
  }

  private async lockedOpenAction(actionId: number, field: string, transaction: Transaction): Promise<Action> {
    const action = await Action.findByPk(actionId, { transaction, lock: transaction.LOCK.UPDATE })
    if (!action) throw new NotFoundError('Action not found')
    if (isFinished(action)) throw new InvalidInputError(field, `This action is ${actionStatusLabels[action.status].toLowerCase()}, so its evidence can no longer change`)
    return action
  }

  /** Adds an item; a file is refused (on the field "file") unless its content is an accepted type. */
  async add(actorUserId: number, actionId: number, input: EvidenceInput, file?: { name: string; content: Buffer }): Promise<ActionEvidence> {
    let stored: Pick<ActionEvidence, 'fileName' | 'fileType' | 'sizeBytes' | 'sha256' | 'content'> = { fileName: null, fileType: null, sizeBytes: null, sha256: null, content: null }
    if (file) {
      const checked = checkEvidenceFile(file.content, file.name)
      if (!checked.ok) throw new InvalidInputError('file', checked.error)
      if (file.content.length > MAX_FILE_BYTES) throw new InvalidInputError('file', `The selected file must be smaller than ${formatBytes(MAX_FILE_BYTES)}`)
      stored = { fileName: cleanFileName(file.name), fileType: checked.type, sizeBytes: file.content.length, sha256: createHash('sha256').update(file.content).digest('hex'), content: file.content }
    }
    return this.sequelize.transaction(async (transaction) => {
      const action = await this.lockedOpenAction(actionId, 'tag', transaction)
      const item = await ActionEvidence.create({ actionId, tag: input.tag, description: input.description, ...stored, addedById: actorUserId }, { transaction })
      await this.record(actorUserId, action, 'action.evidence_added', null, { evidenceId: item.id, tag: item.tag, description: item.description, file: stored.fileName, type: stored.fileType, sizeBytes: stored.sizeBytes, sha256: stored.sha256 }, transaction)
      return item
    })
  }

  /** The action's items without their files' content, oldest first. */
  async items(actionId: number): Promise<ActionEvidence[]> {
    return ActionEvidence.findAll({ where: { actionId }, attributes: { exclude: ['content'] }, order: [['createdAt', 'ASC'], ['id', 'ASC']] })
  }

  /** The item, only if it belongs to the action; with its file's content when `withContent`. */
  async find(actionId: number, evidenceId: number, withContent = false): Promise<ActionEvidence> {
    const item = await ActionEvidence.findOne({ where: { id: evidenceId, actionId }, attributes: withContent ? undefined : { exclude: ['content'] } })
    if (!item) throw new NotFoundError(`Evidence item ${evidenceId} is not one of action ${actionId}’s`)
    return item
  }

  /** Removes an item: by who added it, or the partnership's QA reviewers and admins (`mayEdit`), before the action is finished. */
  async remove(actorUserId: number, actionId: number, evidenceId: number, mayEdit: boolean): Promise<ActionEvidence> {
    return this.sequelize.transaction(async (transaction) => {
      const action = await this.lockedOpenAction(actionId, 'evidence', transaction)
      const item = await ActionEvidence.findOne({ where: { id: evidenceId, actionId }, attributes: { exclude: ['content'] }, transaction })
      if (!item) throw new NotFoundError(`Evidence item ${evidenceId} is not one of action ${actionId}’s`)
      if (!mayEdit && item.addedById !== actorUserId) throw new InvalidInputError('evidence', 'Only the person who added this item, or the partnership’s QA reviewers or admins, can remove it')
      await ActionEvidence.destroy({ where: { id: evidenceId }, transaction })
      await this.record(actorUserId, action, 'action.evidence_removed', { evidenceId, tag: item.tag, description: item.description, file: item.fileName, sha256: item.sha256 }, null, transaction)
      return item
    })
  }
}
