import { Op, WhereOptions } from 'sequelize'
import type { Resource } from '../auth/permissions'
import { Organisation, Partnership, Statement, User } from '../db/models'
import type { StatementContent, StatementStatus } from '../db/models/statement.model'
import { NotFoundError } from '../errors'
import { normaliseContent } from './content'
import { reviewDueCutoff } from './reviewStatus'

export interface StatementView {
  statement: Statement
  content: StatementContent
  organisationName: string
  partnershipName: string
  submittedByName: string | null
  decidedByName: string | null
}

/** Who a statement belongs to, for permission checks: its organisation, in its partnership only. */
export async function statementResource(statementId: number): Promise<Resource> {
  const statement = Number.isSafeInteger(statementId) ? await Statement.findByPk(statementId, { attributes: ['organisationId', 'partnershipId'] }) : null
  if (!statement) throw new NotFoundError('Statement not found')
  return { organisationId: statement.organisationId, partnershipIds: [statement.partnershipId] }
}

export async function statementView(statementId: number): Promise<StatementView> {
  const statement = await Statement.findByPk(statementId, {
    include: [
      { model: Organisation, as: 'organisation', attributes: ['name'] },
      { model: Partnership, as: 'partnership', attributes: ['name'] },
      { model: User, as: 'submittedBy', attributes: ['name'] },
      { model: User, as: 'decidedBy', attributes: ['name'] },
    ],
  })
  if (!statement) throw new NotFoundError('Statement not found')
  const joined = statement as Statement & { organisation: Organisation; partnership: Partnership; submittedBy: User | null; decidedBy: User | null }
  return {
    statement,
    content: normaliseContent(statement.content),
    organisationName: joined.organisation.name,
    partnershipName: joined.partnership.name,
    submittedByName: joined.submittedBy?.name ?? null,
    decidedByName: joined.decidedBy?.name ?? null,
  }
}

export interface StatementRow {
  id: number
  organisationId: number
  organisationName: string
  version: number
  status: StatementStatus
  effectiveOn: string | null
  reviewOn: string | null
  submittedAt: Date | null
  publishedAt: Date | null
  updatedAt: Date
}

const rowAttributes = ['id', 'organisationId', 'version', 'status', 'effectiveOn', 'reviewOn', 'submittedAt', 'publishedAt', 'updatedAt'] as const

function rowOf(statement: Statement): StatementRow {
  const { id, organisationId, version, status, effectiveOn, reviewOn, submittedAt, publishedAt, updatedAt } = statement
  return { id, organisationId, organisationName: (statement as Statement & { organisation: Organisation }).organisation.name, version, status, effectiveOn, reviewOn, submittedAt, publishedAt, updatedAt }
}

/** Every version of the organisations' statements in the partnership, the newest first. */
export async function statementsOf(organisationIds: number[], partnershipId: number): Promise<StatementRow[]> {
  const statements = await Statement.findAll({
    attributes: [...rowAttributes],
    where: { organisationId: organisationIds, partnershipId },
    include: [{ model: Organisation, as: 'organisation', attributes: ['name'] }],
    order: [['organisationId', 'ASC'], ['version', 'DESC']],
  })
  return statements.map(rowOf)
}

export const QUEUE_FILTERS = ['submitted', 'review', 'draft', 'returned', 'approved', 'superseded'] as const
export type QueueFilter = (typeof QUEUE_FILTERS)[number]
export const queueFilterLabels: Record<QueueFilter, string> = {
  submitted: 'Waiting for a decision',
  review: 'Published, review due or overdue',
  draft: 'Drafts',
  returned: 'Returned',
  approved: 'Published',
  superseded: 'Superseded',
}

export interface ReviewQueue {
  submitted: StatementRow[]
  reviewDue: StatementRow[]
  others: StatementRow[]
}

/**
 * The partnership's statements for its reviewers: submitted ones first (the longest waiting first),
 * then published ones due for review within 60 days or overdue (the earliest first), then the rest
 * (the latest change first). A filter narrows it to one of those or one status.
 */
export async function reviewQueue(partnershipId: number, today: string, filter?: QueueFilter): Promise<ReviewQueue> {
  const cutoff = reviewDueCutoff(today)
  const where: WhereOptions = { partnershipId }
  if (filter === 'review') Object.assign(where, { status: 'approved', reviewOn: { [Op.lte]: cutoff } })
  else if (filter) Object.assign(where, { status: filter })
  const statements = await Statement.findAll({ attributes: [...rowAttributes], where, include: [{ model: Organisation, as: 'organisation', attributes: ['name'] }], order: [['updatedAt', 'DESC'], ['id', 'DESC']] })
  const rows = statements.map(rowOf)
  const due = (row: StatementRow) => row.status === 'approved' && row.reviewOn !== null && row.reviewOn <= cutoff
  return {
    submitted: rows.filter((row) => row.status === 'submitted').sort((a, b) => (a.submittedAt?.getTime() ?? 0) - (b.submittedAt?.getTime() ?? 0)),
    reviewDue: rows.filter(due).sort((a, b) => (a.reviewOn! < b.reviewOn! ? -1 : a.reviewOn! > b.reviewOn! ? 1 : 0)),
    others: rows.filter((row) => row.status !== 'submitted' && !due(row)),
  }
}

/** Whether the organisation has a published statement to start from, and one in the workflow (draft, submitted or returned), in the partnership. */
export async function startingPoints(organisationId: number, partnershipId: number): Promise<{ canCopy: boolean; open: Statement | null }> {
  const statements = await Statement.findAll({ attributes: ['id', 'status', 'version'], where: { organisationId, partnershipId }, order: [['version', 'DESC']] })
  return {
    canCopy: statements.some((statement) => statement.status === 'approved'),
    open: statements.find((statement) => statement.status === 'draft' || statement.status === 'submitted' || statement.status === 'returned') ?? null,
  }
}

/** The published versions of the organisation's statement (current and superseded), the newest first: the public history. */
export async function publishedVersions(organisationId: number, partnershipId: number): Promise<{ version: number; status: StatementStatus; effectiveOn: string | null; publishedAt: Date | null; supersededAt: Date | null }[]> {
  const statements = await Statement.findAll({
    attributes: ['version', 'status', 'effectiveOn', 'publishedAt', 'supersededAt'],
    where: { organisationId, partnershipId, status: ['approved', 'superseded'] },
    order: [['version', 'DESC']],
  })
  return statements.map(({ version, status, effectiveOn, publishedAt, supersededAt }) => ({ version, status, effectiveOn, publishedAt, supersededAt }))
}

/**
 * A published statement for the public pages: the organisation's current one in the partnership,
 * or a given published version of it. Never a draft, submitted or returned one: those are not the
 * public's. An organisation deactivated, or no longer in the partnership, leaves the directory,
 * statement and all (as server/directory/queries.ts does).
 */
export async function publishedStatement(partnershipId: number, organisationId: number, version?: number): Promise<StatementView | null> {
  if (![partnershipId, organisationId, version ?? 0].every(Number.isSafeInteger)) return null
  const member = await Statement.sequelize!.models.organisation_partnerships.count({ where: { organisationId, partnershipId } })
  if (!member) return null
  const statement = await Statement.findOne({
    attributes: ['id'],
    where: version === undefined ? { organisationId, partnershipId, status: 'approved' } : { organisationId, partnershipId, version, status: ['approved', 'superseded'] },
    include: [{ model: Organisation, as: 'organisation', attributes: [], where: { active: true } }],
  })
  return statement ? statementView(statement.id) : null
}
