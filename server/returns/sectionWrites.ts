import type { Sequelize, Transaction } from 'sequelize'
import { editableStatuses } from '../db/models/assessmentReturn.model'
import type { SectionStatus } from '../db/models/returnSection.model'
import { changeRows, selectRows } from '../db/rawRows'
import type { CriterionAnswerInput } from './sectionForm'

/**
 * The statements of a section save, in SQL (see changeRows): a save is the busiest write there is,
 * and on SQLite everything else that writes waits while it runs.
 */

/** Every partnership whose cycle has (or had) the return, for the save's audit events. */
export async function receivingPartnershipIds(sequelize: Sequelize, returnId: number): Promise<number[]> {
  const rows = await selectRows<{ partnershipId: number }>(
    sequelize,
    'SELECT DISTINCT c.partnership_id AS "partnershipId" FROM cycle_returns cr JOIN cycles c ON c.id = cr.cycle_id WHERE cr.return_id = :returnId',
    { returnId },
  )
  return rows.map((row) => row.partnershipId)
}

/** Moves a return not started to in progress, if it is still editable; 0 when it is not (it was submitted meanwhile). */
export function touchEditableReturn(sequelize: Sequelize, returnId: number, now: Date, transaction: Transaction): Promise<number> {
  return changeRows(
    sequelize,
    `UPDATE returns SET status = CASE WHEN status = 'not_started' THEN 'in_progress' ELSE status END, updated_at = :now
     WHERE id = :returnId AND status IN (:editable)`,
    { returnId, now, editable: editableStatuses },
    transaction,
  )
}

/** Moves a section on from `seenVersion`; 0 when someone else moved it first. */
export function advanceSection(
  sequelize: Sequelize,
  section: { returnId: number; standardKey: string; seenVersion: number; status: SectionStatus; actorUserId: number; now: Date },
  transaction: Transaction,
): Promise<number> {
  return changeRows(
    sequelize,
    `UPDATE return_sections SET status = :status, version = :seenVersion + 1, updated_by_id = :actorUserId, updated_at = :now
     WHERE return_id = :returnId AND standard_key = :standardKey AND version = :seenVersion`,
    section,
    transaction,
  )
}

/**
 * Writes the answers, replacing those saved: the organisation's own fields only, so a moderated
 * score stays, and no longer "carried forward" once saved.
 */
export async function upsertAnswers(sequelize: Sequelize, returnId: number, actorUserId: number, answers: CriterionAnswerInput[], now: Date, transaction: Transaction): Promise<void> {
  if (answers.length === 0) return
  const rows = answers.map((answer) => [
    returnId,
    answer.criterionKey,
    answer.score,
    answer.notApplicable,
    answer.notApplicableReason,
    answer.narrative,
    JSON.stringify(answer.questionAnswers),
    false,
    actorUserId,
    now,
    now,
  ])
  await changeRows(
    sequelize,
    `INSERT INTO return_answers (return_id, criterion_key, score, not_applicable, not_applicable_reason, narrative, question_answers, carried_forward, updated_by_id, created_at, updated_at)
     VALUES :rows
     ON CONFLICT (return_id, criterion_key) DO UPDATE SET score = excluded.score, not_applicable = excluded.not_applicable,
       not_applicable_reason = excluded.not_applicable_reason, narrative = excluded.narrative, question_answers = excluded.question_answers,
       carried_forward = excluded.carried_forward, updated_by_id = excluded.updated_by_id, updated_at = excluded.updated_at`,
    { rows },
    transaction,
  )
}
