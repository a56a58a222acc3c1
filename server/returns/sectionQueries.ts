import type { InferAttributes, Sequelize, Transaction } from 'sequelize'
import type { ImprovementArea, ReturnAnswer, ReturnSection } from '../db/models'
import { asBoolean, asDate, selectRows } from '../db/rawRows'

/**
 * The reads of a section's page and of its save, in SQL (see selectRows): each is made on every
 * section opened and every section saved.
 */
export type AnswerRecord = InferAttributes<ReturnAnswer>
export type ImprovementRecord = InferAttributes<ImprovementArea>
export type SectionRecord = InferAttributes<ReturnSection>

type Dated<T, K extends keyof T> = Omit<T, K> & { [P in K]: T[P] | string }

const ANSWERS = `
SELECT id, return_id AS "returnId", criterion_key AS "criterionKey", score, not_applicable AS "notApplicable",
  not_applicable_reason AS "notApplicableReason", narrative, question_answers AS "questionAnswers", carried_forward AS "carriedForward",
  moderated_score AS "moderatedScore", moderation_reason AS "moderationReason", moderated_by_id AS "moderatedById",
  moderated_at AS "moderatedAt", updated_by_id AS "updatedById", created_at AS "createdAt", updated_at AS "updatedAt"
FROM return_answers WHERE return_id = :returnId AND criterion_key IN (:criterionKeys)`

type AnswerRow = Omit<Dated<AnswerRecord, 'moderatedAt' | 'createdAt' | 'updatedAt'>, 'notApplicable' | 'carriedForward' | 'questionAnswers'> & {
  notApplicable: boolean | number
  carriedForward: boolean | number
  questionAnswers: string
}

/** The saved answers of these criteria of a return. */
export async function readAnswers(sequelize: Sequelize, returnId: number, criterionKeys: string[]): Promise<AnswerRecord[]> {
  if (criterionKeys.length === 0) return []
  const rows = await selectRows<AnswerRow>(sequelize, ANSWERS, { returnId, criterionKeys })
  return rows.map((row) => ({
    ...row,
    notApplicable: asBoolean(row.notApplicable),
    carriedForward: asBoolean(row.carriedForward),
    questionAnswers: JSON.parse(row.questionAnswers) as Record<string, string>,
    moderatedAt: asDate(row.moderatedAt),
    createdAt: asDate(row.createdAt)!,
    updatedAt: asDate(row.updatedAt)!,
  }))
}

const SECTION = `
SELECT return_id AS "returnId", standard_key AS "standardKey", status, version, updated_by_id AS "updatedById", updated_at AS "updatedAt"
FROM return_sections WHERE return_id = :returnId AND standard_key = :standardKey`

/** A section's row (its status and version), if it has one yet. */
export async function readSectionRecord(sequelize: Sequelize, returnId: number, standardKey: string): Promise<SectionRecord | undefined> {
  const [row] = await selectRows<Dated<SectionRecord, 'updatedAt'>>(sequelize, SECTION, { returnId, standardKey })
  return row && { ...row, updatedAt: asDate(row.updatedAt)! }
}

const LINKS = `
SELECT evidence_file_id AS "evidenceFileId", criterion_key AS "criterionKey"
FROM evidence_links WHERE return_id = :returnId AND criterion_key IN (:criterionKeys) ORDER BY evidence_file_id`

/** Which evidence files are linked to these criteria. */
export function readEvidenceLinks(sequelize: Sequelize, returnId: number, criterionKeys: string[], transaction?: Transaction): Promise<{ evidenceFileId: number; criterionKey: string }[]> {
  return criterionKeys.length === 0 ? Promise.resolve([]) : selectRows(sequelize, LINKS, { returnId, criterionKeys }, transaction)
}

const IMPROVEMENTS = `
SELECT id, return_id AS "returnId", criterion_key AS "criterionKey", position, action, owner, target_on AS "targetOn",
  updated_by_id AS "updatedById", created_at AS "createdAt", updated_at AS "updatedAt"
FROM improvement_areas WHERE return_id = :returnId AND criterion_key IN (:criterionKeys) ORDER BY position, id`

/** The areas for improvement of these criteria, in their order. */
export async function readImprovements(sequelize: Sequelize, returnId: number, criterionKeys: string[], transaction?: Transaction): Promise<ImprovementRecord[]> {
  if (criterionKeys.length === 0) return []
  const rows = await selectRows<Dated<ImprovementRecord, 'createdAt' | 'updatedAt'>>(sequelize, IMPROVEMENTS, { returnId, criterionKeys }, transaction)
  return rows.map((row) => ({ ...row, createdAt: asDate(row.createdAt)!, updatedAt: asDate(row.updatedAt)! }))
}
