import { checkAuditToolFiles } from '../../server/audits/auditToolFiles'
import type { AuditTool } from '../../server/audits/auditToolSchema'
import { gradingField } from '../../server/audits/grading/schema'
import { AuditCase, AuditRound, AuditRoundMember, Organisation, Partnership, User } from '../../server/db/models'
import { testContext } from './testContext'

export const POLICE = 'Riverside and Millbrook Police'
export const HEALTH = 'Riverside University Hospitals NHS Trust'
export const SOCIAL_CARE = 'Riverside Borough Council Children’s Services'

export function shippedTool(key = 'multi-agency-case-audit'): AuditTool {
  return checkAuditToolFiles().tools.find((candidate) => candidate.tool.key === key)!.tool
}

export interface RoundFixture {
  round: AuditRound
  tool: AuditTool
  cases: Record<string, AuditCase>
  organisations: Record<string, Organisation>
}

/**
 * A case audit round made straight with the models (the rounds pages belong to another part of the
 * app): the facilitators, the auditors with the agency each grades for, and cases with their agencies.
 */
export async function auditRoundFixture(options: {
  title: string
  workshopOn?: string
  toolKey?: string
  facilitators?: string[]
  auditors?: [email: string, organisation: string][]
  cases?: Record<string, string[]>
}): Promise<RoundFixture> {
  const partnership = (await Partnership.findOne({ where: { slug: 'riverside' } }))!
  const tool = shippedTool(options.toolKey)
  const names = [...new Set([...(options.auditors ?? []).map(([, organisation]) => organisation), ...Object.values(options.cases ?? {}).flat()])]
  const organisations = Object.fromEntries((await Organisation.findAll({ where: { name: names } })).map((organisation) => [organisation.name, organisation]))
  const workshopOn = options.workshopOn ?? '2026-03-10'
  const round = await AuditRound.create({
    partnershipId: partnership.id,
    title: options.title,
    theme: 'Infant neglect',
    whyNow: 'Local learning from a rapid review',
    toolKey: tool.key,
    toolDefinition: tool,
    gradingOpensOn: '2026-01-05',
    gradingDueOn: '2026-02-27',
    workshopOn,
    delivery: 'in_house',
    commissionedFrom: null,
    closedAt: null,
    closedById: null,
    closedReason: null,
    createdById: null,
  })
  await testContext().sequelize.models.audit_round_agencies.bulkCreate(Object.values(organisations).map((organisation) => ({ roundId: round.id, organisationId: organisation.id })))
  const userId = async (email: string) => (await User.findOne({ where: { email } }))!.id
  for (const email of options.facilitators ?? []) await AuditRoundMember.create({ roundId: round.id, userId: await userId(email), role: 'facilitator', organisationId: null })
  for (const [email, organisation] of options.auditors ?? []) await AuditRoundMember.create({ roundId: round.id, userId: await userId(email), role: 'auditor', organisationId: organisations[organisation].id })
  const cases: Record<string, AuditCase> = {}
  for (const [reference, agencies] of Object.entries(options.cases ?? {})) {
    const auditCase = await AuditCase.create({ roundId: round.id, reference, ageBand: '0-4', sex: 'Female', ethnicity: 'White British', areaId: null, whyChosen: 'Neglect concerns over two years', createdById: null })
    await testContext().sequelize.models.audit_case_agencies.bulkCreate(agencies.map((name) => ({ caseId: auditCase.id, organisationId: organisations[name].id })))
    cases[reference] = auditCase
  }
  return { round, tool, cases, organisations }
}

/** A grading form with every domain graded `grade` (or per domain from `grades`) and the required text filled in. */
export function gradingForm(tool: AuditTool, grade: string, overrides: Record<string, string> = {}, grades: Record<string, string> = {}): Record<string, string> {
  const form: Record<string, string> = {}
  for (const domain of tool.domains) {
    for (const field of tool.fields) form[gradingField(domain.key, field.key)] = field.type === 'grade' ? (grades[domain.key] ?? grade) : `${field.label} seen in ${domain.title}`
  }
  return { ...form, noDirectInvolvement: 'yes', intent: 'submit', ...overrides }
}
