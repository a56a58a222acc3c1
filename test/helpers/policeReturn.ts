import { AssessmentReturn, FrameworkVersion, Organisation, Partnership, User } from '../../server/db/models'
import { testContext } from './testContext'

/**
 * Issues a Section 11 cycle (version 2025 unless given) to the demo police in the given year (a year no other test uses,
 * so the return is new) and gives its return and the criteria of its first standard. The tests of
 * rule set previews use 2098 and 2099: a preview tries the partnership's latest cycle.
 */
export async function newPoliceReturn(name: string, year: number, frameworkVersion = '2025'): Promise<{ returnId: number; criteria: string[] }> {
  const partnership = (await Partnership.findOne({ where: { slug: 'riverside' } }))!
  const version = (await FrameworkVersion.findOne({ where: { key: 'section-11', version: frameworkVersion } }))!
  const admin = (await User.findOne({ where: { email: 'admin@riverside.test' } }))!
  const { cycle } = await testContext().services.cycleIssue.issue(admin.id, partnership.id, {
    name, frameworkVersionId: version.id, opensOn: `${year}-01-01`, closesOn: `${year}-03-31`, roles: [], sectors: ['police'], areaIds: [], sizeTiers: [],
  })
  const police = (await Organisation.findOne({ where: { name: 'Riverside and Millbrook Police' } }))!
  const returnId = (await AssessmentReturn.findOne({ where: { firstCycleId: cycle.id, organisationId: police.id } }))!.id
  return { returnId, criteria: version.definition.standards[0].criteria.map((criterion) => criterion.key) }
}

/**
 * A new police return (as newPoliceReturn) with every section answered and submitted, so it is
 * scored. `scoreFor` gives each criterion's score (default 2); every criterion has written evidence
 * unless `withoutEvidence` lists it; `questionAnswers` are given to the criteria they belong to.
 */
export async function submittedPoliceReturn(
  name: string,
  year: number,
  options: { scoreFor?: (criterionKey: string) => number; withoutEvidence?: string[]; questionAnswers?: Record<string, string>; frameworkVersion?: string } = {},
): Promise<number> {
  const { services } = testContext()
  const { returnId } = await newPoliceReturn(name, year, options.frameworkVersion)
  const lead = (await User.findOne({ where: { email: 'lead@police.riverside.test' } }))!
  const loaded = await services.returns.load(returnId)
  for (const standard of loaded.standards) {
    const { version } = await services.returns.section(returnId, standard.key)
    const answers = standard.criteria.map((criterion) => ({
      criterionKey: criterion.key,
      score: options.scoreFor?.(criterion.key) ?? 2,
      notApplicable: false,
      notApplicableReason: null,
      narrative: options.withoutEvidence?.includes(criterion.key) ? null : `Evidence for ${criterion.key}`,
      questionAnswers: Object.fromEntries(criterion.questions.filter((question) => options.questionAnswers?.[question.key] !== undefined).map((question) => [question.key, options.questionAnswers![question.key]])),
    }))
    await services.returns.saveSection(lead.id, returnId, standard.key, answers, true, version)
  }
  await services.returnSubmit.submit(lead.id, returnId, { name: 'Chris Patel', jobTitle: 'Detective Superintendent', approvedBySeniorLead: true })
  return returnId
}
