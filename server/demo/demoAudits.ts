import type { Transaction } from 'sequelize'
import { checkAuditToolFiles } from '../audits/auditToolFiles'
import type { AuditTool } from '../audits/auditToolSchema'
import { Action, ActionSource, Area, AreaChildPopulation, AuditCase, AuditCaseAgreement, AuditDipSample, AuditGrading, AuditRound, AuditRoundMember, Organisation, Theme, User } from '../db/models'
import type { DomainEntries } from '../db/models/auditGrading.model'

const isoDaysFrom = (days: number, now: Date) => new Date(now.getTime() + days * 86400000).toISOString().slice(0, 10)
const daysFrom = (days: number, now: Date) => new Date(now.getTime() + days * 86400000)

function addMonths(isoDate: string, months: number): string {
  const [year, month, day] = isoDate.split('-').map(Number)
  const target = new Date(Date.UTC(year, month - 1 + months, 1))
  target.setUTCDate(Math.min(day, new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate()))
  return target.toISOString().slice(0, 10)
}

/** The partnership's shared theme list, as the demo's workshops have used it. */
export const DEMO_THEMES = ['Voice of the child', 'Professional curiosity', 'Fathers and male carers', 'Information sharing', 'Adultification', 'Neglect'] as const
type DemoTheme = (typeof DEMO_THEMES)[number]

const AGENCIES = {
  police: { name: 'Riverside and Millbrook Police', auditor: 'lead@police.riverside.test', short: 'Police' },
  health: { name: 'Riverside University Hospitals NHS Trust', auditor: 'auditor.health@riverside.test', short: 'The hospital trust' },
  socialCare: { name: 'Riverside Borough Council Children’s Services', auditor: 'auditor.socialcare@riverside.test', short: 'Children’s social care' },
} as const
type AgencyKey = keyof typeof AGENCIES
const AGENCY_KEYS = Object.keys(AGENCIES) as AgencyKey[]

/** What an auditor writes about a domain, by the grade they gave: pseudonymised, about practice, never naming anyone. */
function entry(agency: AgencyKey, domainTitle: string, grade: string): Record<string, string> {
  const who = AGENCIES[agency].short
  const topic = domainTitle.toLowerCase()
  const strong = ['outstanding', 'excellent', 'good'].includes(grade)
  return {
    grade,
    strengths: strong
      ? `${who}: ${topic} was clear in the record, with reasons for decisions and evidence of reflection in supervision.`
      : `${who}: some ${topic} was evident, for example a prompt referral after the first concern was raised.`,
    'areas-for-development': strong
      ? `${who}: keep this consistent when the case moves between teams.`
      : `${who}: ${topic} was not sustained; the record does not show what changed for the young person or why.`,
  }
}

interface DemoCase {
  reference: string
  ageBand: string
  sex: string
  ethnicity: string
  whyChosen: string
  agencies: AgencyKey[]
}

interface Members {
  facilitator: User
  auditors: Record<AgencyKey, User>
  organisations: Record<AgencyKey, Organisation>
}

async function createRound(partnershipId: number, members: Members, areaIds: number[], fields: Pick<AuditRound, 'title' | 'theme' | 'whyNow' | 'gradingOpensOn' | 'gradingDueOn' | 'workshopOn' | 'status' | 'closedAt' | 'closedById' | 'closedReason'>, tool: AuditTool, cases: DemoCase[], transaction: Transaction) {
  const round = await AuditRound.create({ ...fields, partnershipId, toolKey: tool.key, toolDefinition: tool, delivery: 'in_house', commissionedFrom: null, createdById: members.facilitator.id }, { transaction })
  const models = AuditRound.sequelize!.models
  await models.audit_round_areas.bulkCreate(areaIds.map((areaId) => ({ roundId: round.id, areaId })), { transaction })
  await models.audit_round_agencies.bulkCreate(AGENCY_KEYS.map((agency) => ({ roundId: round.id, organisationId: members.organisations[agency].id })), { transaction })
  await AuditRoundMember.bulkCreate(
    [
      { roundId: round.id, userId: members.facilitator.id, role: 'facilitator' as const, organisationId: null },
      ...AGENCY_KEYS.map((agency) => ({ roundId: round.id, userId: members.auditors[agency].id, role: 'auditor' as const, organisationId: members.organisations[agency].id })),
    ],
    { transaction },
  )
  const created = new Map<string, AuditCase>()
  for (const demoCase of cases) {
    const auditCase = await AuditCase.create({ roundId: round.id, reference: demoCase.reference, ageBand: demoCase.ageBand, sex: demoCase.sex, ethnicity: demoCase.ethnicity, areaId: areaIds[0], whyChosen: demoCase.whyChosen, createdById: members.facilitator.id }, { transaction })
    await models.audit_case_agencies.bulkCreate(demoCase.agencies.map((agency) => ({ caseId: auditCase.id, organisationId: members.organisations[agency].id })), { transaction })
    created.set(demoCase.reference, auditCase)
  }
  return { round, cases: created }
}

/** One agency's grading of a case: every domain graded (the grade given by `gradeOf`), or a draft with only the first domains filled. */
async function grade(auditCase: AuditCase, agency: AgencyKey, members: Members, tool: AuditTool, gradeOf: (domainKey: string, index: number) => string, submittedAt: Date | null, transaction: Transaction, draftDomains = tool.domains.length) {
  const domains: DomainEntries = Object.fromEntries(tool.domains.slice(0, submittedAt ? tool.domains.length : draftDomains).map((domain, index) => [domain.key, entry(agency, domain.title, gradeOf(domain.key, index))]))
  await AuditGrading.create({ caseId: auditCase.id, organisationId: members.organisations[agency].id, auditorId: members.auditors[agency].id, domains, noDirectInvolvement: submittedAt !== null, submittedAt }, { transaction })
}

/** Fictional shares of each area's children by ethnic group, so the rounds' sample check has something to compare with. */
const CHILD_POPULATIONS: Record<string, Record<string, number>> = {
  Riverside: { white: 58, asian: 17, black: 12, mixed: 9, other: 4 },
  Millbrook: { white: 78, asian: 9, black: 4, mixed: 6, other: 3 },
}

const NEGLECT_CASES: (DemoCase & { overall: string; themes: DemoTheme[]; strengths: string; areas: string; escalation?: string; dip?: 'improved' | 'not_improved' | 'due' })[] = [
  {
    reference: 'Case A', ageBand: '10-15', sex: 'female', ethnicity: 'white-british', agencies: ['police', 'health', 'socialCare'],
    whyChosen: 'Repeated missing episodes from home and poor school attendance; open to children’s social care under a child in need plan.',
    overall: 'good', themes: ['Voice of the child', 'Professional curiosity'],
    strengths: 'The young person’s views were recorded in her own words at every visit and shaped the plan. The school nurse and the social worker shared information within a day of each missing episode.',
    areas: 'Return home interviews were offered but not always completed; the reasons were not followed up.',
  },
  {
    reference: 'Case B', ageBand: '16-17', sex: 'male', ethnicity: 'mixed-white-black-caribbean', agencies: ['police', 'health', 'socialCare'],
    whyChosen: 'Presented at the emergency department three times in six months with injuries; home conditions described as poor by police.',
    overall: 'requires-improvement', themes: ['Neglect', 'Fathers and male carers', 'Information sharing'], dip: 'improved',
    strengths: 'Police officers described the home conditions in detail and made a referral each time. The emergency department flagged the repeat attendances.',
    areas: 'The father was not contacted or assessed although he had weekly contact. The three attendances were not seen together until the audit: no agency joined up the history.',
  },
  {
    reference: 'Case C', ageBand: '16-17', sex: 'female', ethnicity: 'black-african', agencies: ['police', 'health', 'socialCare'],
    whyChosen: 'Stepped down from a child protection plan to Early Help; re-referred within four months for neglect.',
    overall: 'requires-improvement', themes: ['Neglect', 'Adultification', 'Voice of the child'], dip: 'due',
    strengths: 'The Early Help worker built a good relationship and kept a clear chronology.',
    areas: 'Records describe her as “streetwise” and “choosing” to stay out: language that adultified a 16-year-old and lowered the response to risk. The step-down was agreed without a plan for the neglect.',
  },
  {
    reference: 'Case D', ageBand: '10-15', sex: 'male', ethnicity: 'white-other', agencies: ['police', 'health', 'socialCare'],
    whyChosen: 'Long history of neglect referrals that did not meet the threshold for assessment; missed health appointments.',
    overall: 'inadequate', themes: ['Neglect', 'Professional curiosity', 'Information sharing'], dip: 'not_improved',
    strengths: 'The GP practice followed up missed appointments by letter and telephone.',
    areas: 'Eleven referrals over four years were each judged on their own; the cumulative harm of neglect was not recognised. Missed health appointments were recorded as “did not attend” rather than “was not brought”.',
    escalation: 'The workshop was concerned about his current safety. The facilitator asked children’s social care’s duty manager to review the case the next day; a strategy discussion was held.',
  },
  {
    reference: 'Case E', ageBand: '16-17', sex: 'female', ethnicity: 'asian-pakistani', agencies: ['police', 'socialCare'],
    whyChosen: 'Young carer for a parent with poor mental health; reported missing from school for long periods.',
    overall: 'requires-improvement', themes: ['Adultification', 'Fathers and male carers'], dip: 'improved',
    strengths: 'Children’s social care recognised her caring role and referred her to the young carers’ service.',
    areas: 'An interpreter was not used for the parent’s assessment. The stepfather’s role in the household was not explored.',
  },
]

/** Per domain, the agreed grade: the overall grade, with a better and a worse domain so the distribution is not flat. */
function domainGradesOf(tool: AuditTool, overall: string, caseIndex: number): Record<string, string> {
  const keys = tool.gradeScale.map((gradeItem) => gradeItem.key)
  const at = keys.indexOf(overall)
  return Object.fromEntries(
    tool.domains.map((domain, index) => {
      const shift = (index + caseIndex) % 4 === 0 ? -1 : (index + 2 * caseIndex) % 5 === 0 ? 1 : 0
      return [domain.key, keys[Math.max(0, Math.min(keys.length - 1, at + shift))]]
    }),
  )
}

/**
 * Two case audit rounds with the three auditing agencies and the facilitator: "Adolescent neglect",
 * completed about four months ago (grades agreed, themes, actions, dip samples: one due with no
 * result, some recorded), and "Child in need meetings and core groups", its workshop in two weeks,
 * with submitted and draft gradings, an agency not started, and agencies disagreeing on some domains.
 * And each area's child population by ethnic group (unless already set), for the sample check.
 */
export async function seedDemoAudits(partnershipId: number, now: Date): Promise<void> {
  const { tools } = checkAuditToolFiles()
  const toolOf = (key: string) => tools.find((candidate) => candidate.tool.key === key)!.tool
  const userOf = async (email: string) => (await User.findOne({ where: { email } }))!
  const members: Members = {
    facilitator: await userOf('auditor@riverside.test'),
    auditors: { police: await userOf(AGENCIES.police.auditor), health: await userOf(AGENCIES.health.auditor), socialCare: await userOf(AGENCIES.socialCare.auditor) },
    organisations: {
      police: (await Organisation.findOne({ where: { name: AGENCIES.police.name } }))!,
      health: (await Organisation.findOne({ where: { name: AGENCIES.health.name } }))!,
      socialCare: (await Organisation.findOne({ where: { name: AGENCIES.socialCare.name } }))!,
    },
  }
  const riverside = (await Area.findOne({ where: { partnershipId, name: 'Riverside' } }))!
  await AuditRound.sequelize!.transaction(async (transaction) => {
    for (const [name, shares] of Object.entries(CHILD_POPULATIONS)) {
      const area = (await Area.findOne({ where: { partnershipId, name }, transaction }))!
      if (await AreaChildPopulation.count({ where: { areaId: area.id }, transaction })) continue
      await AreaChildPopulation.bulkCreate(Object.entries(shares).map(([ethnicity, percent]) => ({ areaId: area.id, ethnicity, percent })), { transaction })
    }
    const themes = new Map<string, Theme>()
    for (const name of DEMO_THEMES) themes.set(name, (await Theme.findOrCreate({ where: { partnershipId, name }, defaults: { partnershipId, name }, transaction }))[0])
    await seedCompletedRound(partnershipId, members, riverside.id, toolOf('multi-agency-case-audit'), themes, now, transaction)
    await seedRoundInProgress(partnershipId, members, riverside.id, toolOf('cin-core-groups'), now, transaction)
  })
}

async function seedCompletedRound(partnershipId: number, members: Members, areaId: number, tool: AuditTool, themes: Map<string, Theme>, now: Date, transaction: Transaction) {
  const workshopOn = isoDaysFrom(-118, now)
  const { cases } = await createRound(
    partnershipId, members, [areaId],
    {
      title: 'Adolescent neglect: multi-agency case audit',
      theme: 'Adolescent neglect',
      whyNow: 'Neglect of teenagers is often missed: the partnership’s rapid reviews last year found adolescents whose neglect was seen as behaviour, and the national review of adolescent neglect asked partnerships to test their response.',
      gradingOpensOn: isoDaysFrom(-160, now),
      gradingDueOn: isoDaysFrom(-125, now),
      workshopOn,
      status: 'closed',
      closedAt: daysFrom(-115, now),
      closedById: members.facilitator.id,
      closedReason: null,
    },
    tool, NEGLECT_CASES, transaction,
  )
  const keys = tool.gradeScale.map((gradeItem) => gradeItem.key)
  for (const [caseIndex, demoCase] of NEGLECT_CASES.entries()) {
    const auditCase = cases.get(demoCase.reference)!
    const agreed = domainGradesOf(tool, demoCase.overall, caseIndex)
    for (const [agencyIndex, agency] of demoCase.agencies.entries()) {
      // Each agency graded close to what was agreed, one step apart on a domain or two.
      await grade(auditCase, agency, members, tool, (domainKey, index) => {
        const shift = (index + agencyIndex + caseIndex) % 6 === 0 ? 1 : (index * (agencyIndex + 1)) % 7 === 3 ? -1 : 0
        return keys[Math.max(0, Math.min(keys.length - 1, keys.indexOf(agreed[domainKey]) + shift))]
      }, daysFrom(-130 + caseIndex, now), transaction)
    }
    await AuditCaseAgreement.create(
      { caseId: auditCase.id, domainGrades: agreed, overallGrade: demoCase.overall, strengths: demoCase.strengths, areasForImprovement: demoCase.areas, escalated: Boolean(demoCase.escalation), escalationNote: demoCase.escalation ?? null, recordedById: members.facilitator.id },
      { transaction },
    )
    await AuditCase.sequelize!.models.audit_case_themes.bulkCreate(demoCase.themes.map((name) => ({ caseId: auditCase.id, themeId: themes.get(name)!.id })), { transaction })
    if (demoCase.dip) {
      const result = demoCase.dip === 'due' ? null : demoCase.dip
      await AuditDipSample.create(
        {
          caseId: auditCase.id,
          dueOn: addMonths(workshopOn, 3),
          result,
          notes: result === 'improved' ? 'The re-audit found the plan now names every adult in the household and the agencies meet monthly.' : result ? 'Referrals are still considered one at a time; no chronology has been started.' : null,
          recordedById: result ? members.facilitator.id : null,
          recordedAt: result ? daysFrom(-12, now) : null,
        },
        { transaction },
      )
    }
  }
  const action = (reference: string, agency: AgencyKey, title: string, outcomeSought: string, ownerName: string, dueInDays: number) =>
    Action.create(
      { partnershipId, title, outcomeSought, whyItMatters: null, deliverable: null, ownerOrganisationId: members.organisations[agency].id, ownerName, areaId: null, startsOn: isoDaysFrom(-120, now), dueOn: isoDaysFrom(dueInDays, now), status: 'draft', priority: 'medium', createdById: members.facilitator.id },
      { transaction },
    ).then((created) => ActionSource.create({ actionId: created.id, kind: 'audit_case', sourceId: cases.get(reference)!.id }, { transaction }))
  await action('Case B', 'socialCare', 'Fathers and male carers in every assessment', 'Every child and family assessment names each father and male carer, says how he was seen, and what he adds to risk and to protection.', 'Head of Service, Assessment and Intervention', 45)
  await action('Case B', 'health', 'Repeat attendances flagged to the safeguarding team', 'A young person’s third attendance at the emergency department in six months is reviewed by the safeguarding team within a week.', 'Named Nurse for Safeguarding Children', -20)
  await action('Case C', 'socialCare', 'Adultification: language and bias in records', 'Practitioners recognise and challenge adultifying language; the next audit finds none in records of 13- to 17-year-olds.', 'Principal Social Worker', 90)
  await action('Case D', 'socialCare', 'Neglect chronology for repeat referrals', 'A third neglect referral within a year triggers a multi-agency chronology, so cumulative harm is seen.', 'Head of the Multi-Agency Safeguarding Hub', 30)
  await action('Case D', 'health', '“Was not brought” in place of “did not attend”', 'Missed appointments for children are followed up as “was not brought”, with the GP and the health visitor or school nurse told.', 'Designated Nurse for Safeguarding Children', 60)
  await action('Case E', 'police', 'Interpreters for every adult who needs one', 'Officers use a professional interpreter, never a child, to speak to a parent with limited English.', 'Detective Inspector, Public Protection', 75)
}

async function seedRoundInProgress(partnershipId: number, members: Members, areaId: number, tool: AuditTool, now: Date, transaction: Transaction) {
  const cin = (reference: string, ageBand: string, sex: string, ethnicity: string, whyChosen: string): DemoCase => ({ reference, ageBand, sex, ethnicity, whyChosen, agencies: ['police', 'health', 'socialCare'] })
  const { cases } = await createRound(
    partnershipId, members, [areaId],
    {
      title: 'Child in need meetings and core groups',
      theme: 'Quality of child in need meetings and core groups',
      whyNow: 'The annual review of child in need plans found plans listing services rather than outcomes, and health and police rarely attend core groups. A national review highlighted the same gaps.',
      gradingOpensOn: isoDaysFrom(-21, now),
      gradingDueOn: isoDaysFrom(7, now),
      workshopOn: isoDaysFrom(14, now),
      status: 'open',
      closedAt: null,
      closedById: null,
      closedReason: null,
    },
    tool,
    [
      cin('Case A', '5-9', 'male', 'white-british', 'Child in need plan for eight months; core group meetings often rearranged.'),
      cin('Case B', '10-15', 'female', 'black-caribbean', 'Core group for a child protection plan where the family’s first language is not English.'),
      cin('Case C', '1-4', 'male', 'mixed-white-asian', 'Child in need plan after domestic abuse; the father attends some meetings.'),
      cin('Case D', '10-15', 'female', 'white-gypsy-irish-traveller', 'Child in need plan stepped down from child protection; school moves twice during the plan.'),
    ],
    transaction,
  )
  const [excellent, good, improve] = tool.gradeScale.map((gradeItem) => gradeItem.key)
  /** Grades by domain key, with `usual` for the others. */
  const grades = (usual: string, differ: Record<string, string> = {}) => (domainKey: string) => differ[domainKey] ?? usual
  const caseOf = (reference: string) => cases.get(reference)!
  const submitted = daysFrom(-3, now)
  // Case A: everyone has submitted, and they disagree on attendance, information sharing and the plan.
  await grade(caseOf('Case A'), 'police', members, tool, grades(good, { 'attendance-and-engagement': good, 'information-sharing': improve, 'quality-of-plans': improve }), submitted, transaction)
  await grade(caseOf('Case A'), 'health', members, tool, grades(good, { 'attendance-and-engagement': improve, 'quality-of-plans': improve }), submitted, transaction)
  await grade(caseOf('Case A'), 'socialCare', members, tool, grades(good, { 'attendance-and-engagement': excellent, 'quality-of-plans': good }), submitted, transaction)
  // Case B: the police and health disagree on the voice of the child; children's social care has a draft.
  await grade(caseOf('Case B'), 'police', members, tool, grades(good, { 'voice-of-the-child': excellent }), submitted, transaction)
  await grade(caseOf('Case B'), 'health', members, tool, grades(good, { 'voice-of-the-child': improve, 'diversity-and-interpreters': improve }), submitted, transaction)
  await grade(caseOf('Case B'), 'socialCare', members, tool, grades(good), null, transaction, 2)
  // Case C: health's grading is a draft; the others disagree on recording.
  await grade(caseOf('Case C'), 'police', members, tool, grades(good, { 'recording-of-meetings': improve }), submitted, transaction)
  await grade(caseOf('Case C'), 'health', members, tool, grades(improve), null, transaction, 3)
  await grade(caseOf('Case C'), 'socialCare', members, tool, grades(good, { 'recording-of-meetings': excellent }), submitted, transaction)
  // Case D: health has not started.
  await grade(caseOf('Case D'), 'police', members, tool, grades(improve, { 'voice-of-the-child': good }), submitted, transaction)
  await grade(caseOf('Case D'), 'socialCare', members, tool, grades(good), submitted, transaction)
}
