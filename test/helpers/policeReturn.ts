import { AssessmentReturn, FrameworkVersion, Organisation, Partnership, User } from '../../server/db/models'
import { testContext } from './testContext'

/**
 * Issues a Section 11 2025 cycle to the demo police in the given year (a year no other test uses,
 * so the return is new) and gives its return and the criteria of its first standard.
 */
export async function newPoliceReturn(name: string, year: number): Promise<{ returnId: number; criteria: string[] }> {
  const partnership = (await Partnership.findOne({ where: { slug: 'riverside' } }))!
  const version = (await FrameworkVersion.findOne({ where: { key: 'section-11', version: '2025' } }))!
  const admin = (await User.findOne({ where: { email: 'admin@riverside.test' } }))!
  const { cycle } = await testContext().services.cycleIssue.issue(admin.id, partnership.id, {
    name, frameworkVersionId: version.id, opensOn: `${year}-01-01`, closesOn: `${year}-03-31`, roles: [], sectors: ['police'], areaIds: [], sizeTiers: [],
  })
  const police = (await Organisation.findOne({ where: { name: 'Riverside and Millbrook Police' } }))!
  const returnId = (await AssessmentReturn.findOne({ where: { firstCycleId: cycle.id, organisationId: police.id } }))!.id
  return { returnId, criteria: version.definition.standards[0].criteria.map((criterion) => criterion.key) }
}
