import type { Transaction } from 'sequelize'
import { caseActions } from '../../actions/caseActions'
import { AuditCaseAgreement, AuditDipSample, AuditGrading, AuditRound, Organisation, Theme, User } from '../../db/models'
import type { DomainEntries } from '../../db/models/auditGrading.model'
import type { CaseContext, GradingStatus } from '../grading/queries'
import { gradingStatus } from '../grading/queries'
import { gradeField } from '../grading/schema'
import type { AgreementFields } from '../../db/models/auditCaseAgreement.model'
import { queriesInTransaction } from '../../db/queriesInTransaction'

export interface AgencyColumn {
  organisationId: number
  name: string
  status: GradingStatus
}

export interface DomainComparison {
  key: string
  title: string
  /** One per involved agency, in the order of the columns; values only from submitted gradings. */
  cells: { organisationId: number; grade: string | null; texts: { label: string; value: string }[] }[]
  /** The different grades the submitted gradings gave this domain. */
  grades: string[]
  disagree: boolean
}

/** The workshop record of a case as the audit trail and the conflict page keep it. */
export interface AgreementSnapshot extends AgreementFields {
  themes: string[]
  actions: { id: number; title: string; outcomeSought: string; ownerOrganisationId: number | null; ownerName: string; dueOn: string }[]
}

export async function agreementSnapshot(agreement: AuditCaseAgreement | null, caseId: number, transaction?: Transaction): Promise<AgreementSnapshot> {
  const [themes, actions] = await queriesInTransaction(transaction, [() => caseThemes(caseId, transaction), () => caseActions(caseId, transaction)])
  return {
    domainGrades: agreement?.domainGrades ?? {},
    overallGrade: agreement?.overallGrade ?? null,
    strengths: agreement?.strengths ?? null,
    areasForImprovement: agreement?.areasForImprovement ?? null,
    escalated: agreement?.escalated ?? false,
    escalationNote: agreement?.escalationNote ?? null,
    themes: themes.map((theme) => theme.name),
    actions: actions.map(({ id, title, outcomeSought, ownerOrganisationId, ownerName, dueOn }) => ({ id, title, outcomeSought, ownerOrganisationId, ownerName, dueOn })),
  }
}

/** The themes a case is tagged with, by name. */
export async function caseThemes(caseId: number, transaction?: Transaction): Promise<Theme[]> {
  const links = (await Theme.sequelize!.models.audit_case_themes.findAll({ where: { caseId }, transaction })) as unknown as { themeId: number }[]
  return Theme.findAll({ where: { id: links.map((link) => link.themeId) }, order: [['name', 'ASC']], transaction })
}

/** Who can own a workshop action: the round's agencies and the case's, by name. */
export async function actionOwners(context: CaseContext, transaction?: Transaction): Promise<{ id: number; name: string }[]> {
  const round = (await AuditRound.findByPk(context.round.id, { include: [{ model: Organisation, as: 'agencies', attributes: ['id', 'name'] }], transaction })) as AuditRound & { agencies: Organisation[] }
  const owners = new Map([...round.agencies, ...context.agencies].map(({ id, name }) => [id, { id, name }]))
  return [...owners.values()].sort((a, b) => a.name.localeCompare(b.name))
}

export interface WorkshopView {
  columns: AgencyColumn[]
  domains: DomainComparison[]
  disagreements: number
  agreement: AuditCaseAgreement | null
  recordedByName: string | null
  snapshot: AgreementSnapshot
  themes: Theme[]
  caseThemeIds: number[]
  owners: { id: number; name: string }[]
  dipSample: AuditDipSample | null
}

/** Everything the workshop screen shows for a case: each agency's submitted grades side by side per domain, and what has been agreed. */
export async function workshopView(context: CaseContext): Promise<WorkshopView> {
  const caseId = context.auditCase.id
  const [gradings, agreement, themes, linked, owners, dipSample] = await Promise.all([
    AuditGrading.findAll({ where: { caseId } }),
    AuditCaseAgreement.findByPk(caseId),
    Theme.findAll({ where: { partnershipId: context.round.partnershipId }, order: [['name', 'ASC']] }),
    caseThemes(caseId),
    actionOwners(context),
    AuditDipSample.findByPk(caseId),
  ])
  const grade = gradeField(context.tool)
  const texts = context.tool.fields.filter((field) => field.type === 'text')
  const submitted = new Map<number, DomainEntries>(gradings.filter((grading) => grading.submittedAt).map((grading) => [grading.organisationId, grading.domains]))
  const domains = context.tool.domains.map((domain) => {
    const cells = context.agencies.map((agency) => {
      const entries = submitted.get(agency.id)?.[domain.key] ?? {}
      return { organisationId: agency.id, grade: entries[grade.key] ?? null, texts: texts.map((field) => ({ label: field.label, value: entries[field.key] ?? '' })) }
    })
    const grades = [...new Set(cells.map((cell) => cell.grade).filter((value): value is string => value !== null))]
    return { key: domain.key, title: domain.title, cells, grades, disagree: grades.length > 1 }
  })
  const recordedBy = agreement?.recordedById ? await User.findByPk(agreement.recordedById, { attributes: ['name'] }) : null
  return {
    columns: context.agencies.map((agency) => ({ organisationId: agency.id, name: agency.name, status: gradingStatus(gradings.find((grading) => grading.organisationId === agency.id)) })),
    domains,
    disagreements: domains.filter((domain) => domain.disagree).length,
    agreement,
    recordedByName: recordedBy?.name ?? null,
    snapshot: await agreementSnapshot(agreement, caseId),
    themes,
    caseThemeIds: linked.map((theme) => theme.id),
    owners,
    dipSample,
  }
}
