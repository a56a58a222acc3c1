import type { Sequelize } from 'sequelize'
import { hashPassword } from '../auth/password'
import { isPartnershipRole, roleLabels } from '../auth/roles'
import { Area, AssessmentReturn, AuditEvent, Membership, Organisation, Partnership, User } from '../db/models'
import type { CriterionAttachmentsInput } from '../returns/sectionForm'
import type { Services } from '../services'
import type { Standard } from '../standards/frameworkSchema'
import { DEMO_AREAS, DEMO_ORGANISATIONS, DEMO_PARTNERSHIP, DEMO_PASSWORD, DEMO_USERS } from './demoData'
import { seedDemoActions } from './demoActions'
import { seedDemoAudits } from './demoAudits'
import { seedDemoHistory } from './demoHistory'
import { seedDemoPanels } from './demoPanels'
import { seedDemoStatements } from './demoStatements'

/** True when the database holds no partnership yet: the only time the demo seeds itself. */
export async function isEmpty(): Promise<boolean> {
  return (await Partnership.count()) === 0
}

/** Seeds the fictional Riverside partnership, its organisations and the demo sign-ins in one transaction. */
export async function seedDemo(sequelize: Sequelize): Promise<void> {
  const hashes = await Promise.all(DEMO_USERS.map(() => hashPassword(DEMO_PASSWORD)))
  await sequelize.transaction(async (transaction) => {
    const partnership = await Partnership.create(DEMO_PARTNERSHIP, { transaction })
    const areas = new Map<string, Area>()
    for (const name of DEMO_AREAS) areas.set(name, await Area.create({ name, partnershipId: partnership.id }, { transaction }))

    const organisations = new Map<string, Organisation>()
    for (const [name, role, sectorKey, sizeTier, areaNames] of DEMO_ORGANISATIONS) {
      const organisation = await Organisation.create({ name, role, sectorKey, sizeTier }, { transaction })
      await sequelize.models.organisation_partnerships.create({ organisationId: organisation.id, partnershipId: partnership.id }, { transaction })
      await sequelize.models.organisation_areas.bulkCreate(
        areaNames.map((area) => ({ organisationId: organisation.id, areaId: areas.get(area)!.id })),
        { transaction },
      )
      organisations.set(name, organisation)
    }

    for (const [index, demoUser] of DEMO_USERS.entries()) {
      const user = await User.create({ email: demoUser.email, name: demoUser.name, passwordHash: hashes[index] }, { transaction })
      const scope = isPartnershipRole(demoUser.role)
        ? { partnershipId: partnership.id, organisationId: null }
        : { partnershipId: null, organisationId: organisations.get(demoUser.organisation!)!.id }
      await Membership.create({ userId: user.id, role: demoUser.role, ...scope }, { transaction })
    }

    await AuditEvent.create(
      {
        actorUserId: null,
        partnershipId: partnership.id,
        action: 'demo.seeded',
        entityType: 'partnership',
        entityId: String(partnership.id),
        before: null,
        after: { organisations: DEMO_ORGANISATIONS.length, users: DEMO_USERS.length },
      },
      { transaction },
    )
  })
}

export function demoSignInsText(): string {
  const lines = DEMO_USERS.map((user) => `  ${user.email.padEnd(36)} ${roleLabels[user.role]}${user.organisation ? ` (${user.organisation})` : ''}`)
  return [`Demo sign-ins (password: ${DEMO_PASSWORD}):`, ...lines].join('\n')
}

function isoDaysFromNow(days: number, now: Date): string {
  return new Date(now.getTime() + days * 86400000).toISOString().slice(0, 10)
}

type DemoServices = Pick<Services, 'cycleIssue' | 'frameworks' | 'returns' | 'returnSubmit' | 'carryForward' | 'evidence' | 'scoring' | 'challengeEvents'>

/** Fills every section of a return with a pattern of scores, then (optionally) submits it. */
async function completeReturn(
  services: DemoServices,
  returnId: number,
  lead: User,
  scoreFor: (criterionKey: string) => number,
  submit: boolean,
  attachmentsFor?: (standard: Standard) => CriterionAttachmentsInput[],
  questionAnswers: Record<string, string> = {},
) {
  const loaded = await services.returns.load(returnId)
  for (const standard of loaded.standards) {
    const { version } = await services.returns.section(returnId, standard.key)
    const answers = standard.criteria.map((criterion) => ({
      criterionKey: criterion.key,
      score: scoreFor(criterion.key),
      notApplicable: false,
      notApplicableReason: null,
      narrative: `Our ${standard.title.toLowerCase()} arrangements are set out in our safeguarding policy and reviewed by the board.`,
      questionAnswers: Object.fromEntries(criterion.questions.filter((question) => question.key in questionAnswers).map((question) => [question.key, questionAnswers[question.key]])),
    }))
    await services.returns.saveSection(lead.id, returnId, standard.key, answers, true, version, attachmentsFor?.(standard))
  }
  if (submit) await services.returnSubmit.submit(lead.id, returnId, { name: lead.name, jobTitle: 'Designated safeguarding lead', approvedBySeniorLead: true })
}

/**
 * Three Section 11 cycles on two framework versions: two years ago and last year (2024 version,
 * closed) and this year's (2025), opened a month ago and due in a month. The demo sign-ins'
 * organisations go through the forms: last year the police and the school returned; this year the
 * police have submitted, the school has started from last year's answers, the youth club has not
 * started. Every other organisation's returns come from seedDemoHistory; the challenge events from
 * seedDemoPanels; the case audit rounds from seedDemoAudits. Run after the shipped frameworks and rule sets are loaded.
 */
export async function seedDemoCycle(services: DemoServices, now = new Date()): Promise<void> {
  const partnership = (await Partnership.findOne({ where: { slug: DEMO_PARTNERSHIP.slug } }))!
  const admin = (await User.findOne({ where: { email: 'admin@riverside.test' } }))!
  await seedDemoAudits(partnership.id, now)
  await seedDemoStatements(partnership.id, now)
  const versions = await services.frameworks.list(partnership.id)
  const [lastYearVersion, thisYearVersion] = ['2024', '2025'].map((year) => versions.find((candidate) => candidate.key === 'section-11' && candidate.version === year))
  if (!lastYearVersion || !thisYearVersion) return
  const year = now.getUTCFullYear()
  const issue = (name: string, frameworkVersionId: number, opensInDays: number, closesInDays: number) =>
    services.cycleIssue.issue(admin.id, partnership.id, {
      name,
      frameworkVersionId,
      opensOn: isoDaysFromNow(opensInDays, now),
      closesOn: isoDaysFromNow(closesInDays, now),
      roles: [],
      sectors: [],
      areaIds: [],
      sizeTiers: [],
    })
  const twoYearsAgo = await issue(`${year - 2}/${String((year - 1) % 100).padStart(2, '0')} Section 11`, lastYearVersion.id, -760, -700)
  const lastYear = await issue(`${year - 1}/${String(year % 100).padStart(2, '0')} Section 11`, lastYearVersion.id, -395, -335)
  const thisYear = await issue(`${year}/${String((year + 1) % 100).padStart(2, '0')} Section 11`, thisYearVersion.id, -30, 30)

  const returnOf = async (cycleId: number, email: string) => {
    const lead = (await User.findOne({ where: { email }, include: [{ model: Membership, as: 'memberships' }] }))!
    const organisationId = lead.memberships![0].organisationId!
    return { lead, returnId: (await AssessmentReturn.findOne({ where: { firstCycleId: cycleId, organisationId } }))!.id }
  }
  const police = 'lead@police.riverside.test'
  const school = 'lead@school.riverside.test'
  // Answers to the extra questions that scoring reads: the school's raise flags (training, DBS checks, an old policy).
  for (const [email, scoreFor, answers] of [
    [police, () => 2, { 'S11-6.1-named-dsl': 'yes', 'S11-8.2-trained-percent': '88', 'S11-7.1-dbs-percent': '100', 'S11-1.2-policy-reviewed': isoDaysFromNow(-700, now) }],
    [school, (key: string) => (key.endsWith('.1') ? 1 : 2), { 'S11-6.1-named-dsl': 'yes', 'S11-8.2-trained-percent': '74', 'S11-7.1-dbs-percent': '96', 'S11-1.2-policy-reviewed': isoDaysFromNow(-1500, now) }],
  ] as const) {
    const { lead, returnId } = await returnOf(lastYear.cycle.id, email)
    await completeReturn(services, returnId, lead, scoreFor, true, undefined, answers)
  }
  const policeNow = await returnOf(thisYear.cycle.id, police)
  const policy = await services.evidence.upload(
    policeNow.lead.id,
    await services.returns.load(policeNow.returnId),
    { name: 'Safeguarding policy summary.txt', content: Buffer.from('Riverside and Millbrook Police: safeguarding policy summary (fictional demo file).\nReviewed by the chief officer group each year.\n') },
    [],
  )
  await completeReturn(services, policeNow.returnId, policeNow.lead, (key) => (key.endsWith('.1') ? 3 : 2), true, (standard) =>
    standard.criteria.map((criterion, index) => ({
      criterionKey: criterion.key,
      evidenceFileIds: index === 0 ? [policy.id] : [],
      improvements: index === 1 ? [{ id: null, action: `Show through audit that ${standard.title.toLowerCase()} is embedded in every team`, owner: 'Detective Superintendent, Public Protection', targetOn: isoDaysFromNow(150, now) }] : [],
    })),
    { 'S11-6.1-named-dsl': 'yes', 'S11-8.2-trained-percent': '93', 'S11-7.1-dbs-percent': '100', 'S11-1.2-policy-reviewed': isoDaysFromNow(-200, now) },
  )
  const schoolNow = await returnOf(thisYear.cycle.id, school)
  await services.carryForward.carryForward(schoolNow.lead.id, schoolNow.returnId)

  const reviewer = (await User.findOne({ where: { email: 'qa@riverside.test' } }))!
  const withSignIns = (await Membership.findAll({ where: { role: ['organisation_lead', 'organisation_contributor'] } })).map((membership) => membership.organisationId!)
  await seedDemoHistory(services.scoring, reviewer, [
    { cycle: twoYearsAgo.cycle, yearIndex: 0, closed: true, skipOrganisationIds: [] },
    { cycle: lastYear.cycle, yearIndex: 1, closed: true, skipOrganisationIds: withSignIns },
    { cycle: thisYear.cycle, yearIndex: 2, closed: false, skipOrganisationIds: withSignIns },
  ])
  await seedDemoPanels(services.challengeEvents, partnership.id, { lastYear: lastYear.cycle, thisYear: thisYear.cycle }, now)
  await seedDemoActions(services.scoring, partnership.id, lastYear.cycle, now)
}
