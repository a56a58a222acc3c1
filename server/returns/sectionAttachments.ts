import type { Transaction } from 'sequelize'
import { EvidenceLink, ImprovementArea } from '../db/models'
import type { CriterionAttachmentsInput } from './sectionForm'
import { queriesInTransaction } from '../db/queriesInTransaction'
import { type ImprovementRecord, readEvidenceLinks, readImprovements } from './sectionQueries'

/** A section's evidence links and areas for improvement, by criterion key. */
export interface SavedAttachments {
  evidence: Map<string, number[]>
  improvements: Map<string, ImprovementRecord[]>
}

export async function readAttachments(returnId: number, criterionKeys: string[], transaction?: Transaction): Promise<SavedAttachments> {
  const sequelize = EvidenceLink.sequelize!
  const [links, improvements] = await queriesInTransaction(transaction, [
    () => readEvidenceLinks(sequelize, returnId, criterionKeys, transaction),
    () => readImprovements(sequelize, returnId, criterionKeys, transaction),
  ])
  const saved: SavedAttachments = { evidence: new Map(), improvements: new Map() }
  for (const link of links) saved.evidence.set(link.criterionKey, [...(saved.evidence.get(link.criterionKey) ?? []), link.evidenceFileId])
  for (const row of improvements) saved.improvements.set(row.criterionKey, [...(saved.improvements.get(row.criterionKey) ?? []), row])
  return saved
}

/** The saved target dates of the section's areas for improvement, by row id: a saved date may since have passed. */
export async function savedImprovementTargets(returnId: number, criterionKeys: string[]): Promise<Map<number, string>> {
  const rows = await readImprovements(ImprovementArea.sequelize!, returnId, criterionKeys)
  return new Map(rows.map((row) => [row.id, row.targetOn]))
}

/**
 * Replaces the section's evidence links and improvement rows with what was submitted, writing only
 * what differs from `saved` (read in the same transaction). Improvement rows keep their ids when
 * edited, so anything later linked to a row (an action) stays linked.
 */
export async function writeAttachments(actorUserId: number, returnId: number, attachments: CriterionAttachmentsInput[], saved: SavedAttachments, transaction: Transaction): Promise<void> {
  const sameIds = (a: number[], b: number[]) => a.length === b.length && [...a].sort((x, y) => x - y).every((id, index) => id === [...b].sort((x, y) => x - y)[index])
  const relinked = attachments.filter((attachment) => !sameIds(attachment.evidenceFileIds, saved.evidence.get(attachment.criterionKey) ?? []))
  if (relinked.length) {
    await EvidenceLink.destroy({ where: { returnId, criterionKey: relinked.map((attachment) => attachment.criterionKey) }, transaction })
    await EvidenceLink.bulkCreate(
      relinked.flatMap((attachment) => attachment.evidenceFileIds.map((evidenceFileId) => ({ evidenceFileId, criterionKey: attachment.criterionKey, returnId }))),
      { transaction },
    )
  }
  for (const attachment of attachments) {
    const where = { returnId, criterionKey: attachment.criterionKey }
    const savedRows = saved.improvements.get(attachment.criterionKey) ?? []
    const keptIds = new Set(attachment.improvements.map((row) => row.id).filter((id): id is number => id !== null))
    const removed = savedRows.filter((row) => !keptIds.has(row.id)).map((row) => row.id)
    if (removed.length) await ImprovementArea.destroy({ where: { ...where, id: removed }, transaction })
    for (const [position, row] of attachment.improvements.entries()) {
      const values = { action: row.action, owner: row.owner, targetOn: row.targetOn, position, updatedById: actorUserId }
      const before = row.id === null ? undefined : savedRows.find((candidate) => candidate.id === row.id)
      if (row.id === null) await ImprovementArea.create({ ...where, ...values }, { transaction })
      else if (!before || before.action !== row.action || before.owner !== row.owner || before.targetOn !== row.targetOn || before.position !== position) {
        await ImprovementArea.update(values, { where: { ...where, id: row.id }, transaction })
      }
    }
  }
}

/** Saved attachments in the shape the form submits, criterion by criterion. */
export function savedAsInput(saved: SavedAttachments, criterionKeys: string[]): CriterionAttachmentsInput[] {
  return criterionKeys.map((criterionKey) => ({
    criterionKey,
    evidenceFileIds: saved.evidence.get(criterionKey) ?? [],
    improvements: (saved.improvements.get(criterionKey) ?? []).map((row) => ({ id: row.id, action: row.action, owner: row.owner, targetOn: row.targetOn })),
  }))
}

/** Attachments as an audit event records them. */
export function attachmentsView(attachments: CriterionAttachmentsInput[]) {
  return Object.fromEntries(
    attachments.map((attachment) => [
      attachment.criterionKey,
      { evidenceFiles: attachment.evidenceFileIds, improvements: attachment.improvements.map(({ action, owner, targetOn }) => ({ action, owner, targetOn })) },
    ]),
  )
}
