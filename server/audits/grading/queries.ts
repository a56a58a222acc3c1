import type { Transaction } from 'sequelize'
import { AuditCase, AuditGrading, AuditRound, AuditRoundMember, Organisation, User } from '../../db/models'
import { NotFoundError } from '../../errors'
import type { AuditTool } from '../auditToolSchema'
import { queriesInTransaction } from '../../db/queriesInTransaction'

export type GradingStatus = 'submitted' | 'draft' | 'not_started'
export const gradingStatusLabels: Record<GradingStatus, string> = { submitted: 'Submitted', draft: 'Draft', not_started: 'Not started' }

export function gradingStatus(grading: AuditGrading | null | undefined): GradingStatus {
  if (!grading) return 'not_started'
  return grading.submittedAt ? 'submitted' : 'draft'
}

export interface CaseContext {
  round: AuditRound
  tool: AuditTool
  auditCase: AuditCase
  /** The agencies involved in the case, by name. */
  agencies: { id: number; name: string }[]
}

/** A case of the round with its involved agencies; 404 for a case of another round. */
export async function caseInRound(round: AuditRound, caseId: number, transaction?: Transaction): Promise<CaseContext> {
  const auditCase = Number.isInteger(caseId)
    ? ((await AuditCase.findOne({ where: { id: caseId, roundId: round.id }, include: [{ model: Organisation, as: 'agencies', attributes: ['id', 'name'] }], transaction })) as
        | (AuditCase & { agencies: Organisation[] })
        | null)
    : null
  if (!auditCase) throw new NotFoundError('Case not found in this round')
  const agencies = auditCase.agencies.map(({ id, name }) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name))
  return { round, tool: round.toolDefinition, auditCase, agencies }
}

/** The agency of a case, refused (404, with the reason) when it is not involved in the case. */
export function involvedAgency(context: CaseContext, organisationId: number): { id: number; name: string } {
  const agency = context.agencies.find((candidate) => candidate.id === organisationId)
  if (!agency) throw new NotFoundError(`This agency is not involved in ${context.auditCase.reference}`)
  return agency
}

export interface SubmissionRow {
  caseId: number
  reference: string
  organisationId: number
  organisationName: string
  status: GradingStatus
  /** Who last saved the grading, when there is one. */
  auditorName: string | null
  /** The round's auditors for this agency. */
  assigned: string[]
  submittedAt: Date | null
}

export interface CaseSubmissions {
  caseId: number
  reference: string
  rows: SubmissionRow[]
}

/** Every case of the round (by reference) × its involved agencies (by name): has the agency's grading been submitted, and by whom. */
export async function roundSubmissions(roundId: number, transaction?: Transaction): Promise<CaseSubmissions[]> {
  const cases = (await AuditCase.findAll({
    where: { roundId },
    include: [{ model: Organisation, as: 'agencies', attributes: ['id', 'name'] }],
    order: [['reference', 'ASC']],
    transaction,
  })) as (AuditCase & { agencies: Organisation[] })[]
  const [gradings, auditors] = await queriesInTransaction(transaction, [
    () => AuditGrading.findAll({ where: { caseId: cases.map((auditCase) => auditCase.id) }, transaction }),
    () => AuditRoundMember.findAll({ where: { roundId, role: 'auditor' }, include: [{ model: User, as: 'user', attributes: ['id', 'name'] }], transaction }) as Promise<(AuditRoundMember & { user: User })[]>,
  ])
  const users = await User.findAll({ where: { id: gradings.map((grading) => grading.auditorId).filter((id): id is number => id !== null) }, attributes: ['id', 'name'], transaction })
  const nameOf = new Map(users.map((user) => [user.id, user.name]))
  return cases.map((auditCase) => ({
    caseId: auditCase.id,
    reference: auditCase.reference,
    rows: [...auditCase.agencies]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((agency) => {
        const grading = gradings.find((candidate) => candidate.caseId === auditCase.id && candidate.organisationId === agency.id)
        return {
          caseId: auditCase.id,
          reference: auditCase.reference,
          organisationId: agency.id,
          organisationName: agency.name,
          status: gradingStatus(grading),
          auditorName: grading?.auditorId ? (nameOf.get(grading.auditorId) ?? null) : null,
          assigned: auditors.filter((member) => member.organisationId === agency.id).map((member) => member.user.name).sort(),
          submittedAt: grading?.submittedAt ?? null,
        }
      }),
  }))
}

/** The gradings not yet submitted, in the order of the submissions page. */
export function missingSubmissions(cases: CaseSubmissions[]): SubmissionRow[] {
  return cases.flatMap((auditCase) => auditCase.rows.filter((row) => row.status !== 'submitted'))
}

/** One agency's grading of a case (null before its first save), with who last saved it. */
export async function gradingOf(caseId: number, organisationId: number): Promise<{ grading: AuditGrading | null; auditorName: string | null }> {
  const grading = (await AuditGrading.findOne({ where: { caseId, organisationId }, include: [{ model: User, as: 'auditor', attributes: ['name'] }] })) as (AuditGrading & { auditor: User | null }) | null
  return { grading, auditorName: grading?.auditor?.name ?? null }
}
