import { Membership, Organisation, Partnership, Statement, User } from '../../server/db/models'
import type { StatementContent } from '../../server/db/models/statement.model'
import { testContext } from '../helpers/testContext'

/** A complete statement's content, with names in Welsh, Polish and Turkish. */
export function completeContent(overrides: Partial<StatementContent> = {}): StatementContent {
  const procedure = (documentName: string) => ({ documentName, lastReviewedOn: '2025-09-14' })
  return {
    service: { description: 'A weekly youth club with sport and homework support.', childrenAndYoungPeople: 'Young people aged 11 to 18.', locations: 'Eastside Community Hall and trips away.' },
    principles: 'The welfare of the child comes first.',
    risks: [{ risk: 'An adult alone with a child', whereOrWhen: 'Changing rooms', likelihood: 'low', seriousness: 'high', procedure: 'Two adults in changing areas at all times' }],
    procedures: {
      managingRisks: procedure('Risk management procedure'),
      allegations: procedure('Allegations against staff procedure'),
      saferRecruitment: procedure('Safer recruitment policy'),
      trainingAndInformation: procedure('Training plan'),
      reportingConcerns: procedure('Reporting concerns procedure'),
      designatedList: procedure('DSL list'),
      appointingRelevantPerson: procedure('Relevant person procedure'),
    },
    relevantPersons: [{ name: 'Siân Llŷr', role: 'Designated Safeguarding Lead', contact: '020 7946 0000' }],
    ...overrides,
  }
}

export async function riverside(): Promise<Partnership> {
  return (await Partnership.findOne({ where: { slug: 'riverside' } }))!
}

export async function organisationNamed(name: string): Promise<Organisation> {
  return (await Organisation.findOne({ where: { name } }))!
}

export async function userWithEmail(email: string): Promise<User> {
  return (await User.findOne({ where: { email } }))!
}

/** A lead for an organisation without demo sign-ins, so each test's statements stay apart. */
export async function leadOf(organisation: Organisation): Promise<User> {
  const user = await User.create({ email: `lead-${organisation.id}-${Date.now()}@statements.test`, name: 'Łucja Żółć', passwordHash: null })
  await Membership.create({ userId: user.id, role: 'organisation_lead', organisationId: organisation.id, partnershipId: null })
  return user
}

/**
 * Takes a statement through the service to `status`: written and signed, then submitted, approved
 * or returned. Approving supersedes the organisation's previous published statement.
 */
export async function statementFor(organisation: Organisation, status: 'draft' | 'submitted' | 'returned' | 'approved', options: { effectiveOn?: string; reviewOn?: string; content?: StatementContent } = {}): Promise<Statement> {
  const { statements } = testContext().services
  const partnership = await riverside()
  const admin = await userWithEmail('admin@riverside.test')
  const lead = (await Membership.findOne({ where: { organisationId: organisation.id, role: 'organisation_lead' } }))?.userId ?? (await leadOf(organisation)).id
  let statement = await statements.start(lead, organisation.id, partnership.id, false)
  await Statement.update({ content: options.content ?? completeContent() }, { where: { id: statement.id } })
  statement = (await statement.reload())!
  await statements.sign(lead, statement.id, { signedByName: 'Gökhan Şahin', signedByRole: 'Chair of trustees', effectiveOn: options.effectiveOn ?? '2025-04-01', reviewOn: options.reviewOn ?? '2027-03-31' }, statement.lockVersion)
  if (status === 'draft') return statement.reload()
  await statements.submit(lead, statement.id, (await statement.reload()).lockVersion)
  if (status === 'approved') await statements.approve(admin.id, statement.id)
  if (status === 'returned') await statements.returnToOrganisation(admin.id, statement.id, 'Risk 1 needs a procedure for trips away')
  return statement.reload()
}
