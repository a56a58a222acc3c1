import { AssessmentReturn, Cycle, CycleReturn, FrameworkVersion, Organisation } from '../../db/models'

/** What a source on a return needs to know about the return: whose it is, where it goes, and its framework. */
export interface ReturnInfo {
  organisationId: number
  organisationName: string
  /** The partnerships whose cycles receive the return (withdrawn ones left out). */
  partnershipIds: number[]
  /** e.g. "Section 11 self-assessment 2025". */
  versionTitle: string
  /** The standard a criterion belongs to in the return's framework version. */
  standardOf(criterionKey: string): string | undefined
}

/** The returns, among these, that go to the partnership, by id. */
export async function returnsInfo(returnIds: number[], partnershipId: number): Promise<Map<number, ReturnInfo>> {
  const ids = [...new Set(returnIds)]
  if (!ids.length) return new Map()
  const links = (await CycleReturn.findAll({ where: { returnId: ids, withdrawnAt: null }, include: [{ model: Cycle, as: 'cycle', attributes: ['partnershipId'] }], attributes: ['returnId'] })) as (CycleReturn & { cycle: Cycle })[]
  const inPartnership = ids.filter((id) => links.some((link) => link.returnId === id && link.cycle.partnershipId === partnershipId))
  const returns = (await AssessmentReturn.findAll({ where: { id: inPartnership }, include: [{ model: Organisation, as: 'organisation', attributes: ['id', 'name'] }], attributes: ['id', 'organisationId', 'frameworkVersionId'] })) as (AssessmentReturn & { organisation: Organisation })[]
  const versions = await FrameworkVersion.findAll({ where: { id: [...new Set(returns.map((row) => row.frameworkVersionId))] } })
  return new Map(
    returns.map((row) => {
      const version = versions.find((candidate) => candidate.id === row.frameworkVersionId)!
      const standardByCriterion = new Map(version.definition.standards.flatMap((standard) => standard.criteria.map((criterion) => [criterion.key, standard.key])))
      return [
        row.id,
        {
          organisationId: row.organisationId,
          organisationName: row.organisation.name,
          partnershipIds: [...new Set(links.filter((link) => link.returnId === row.id).map((link) => link.cycle.partnershipId))],
          versionTitle: `${version.title} ${version.version}`,
          standardOf: (criterionKey: string) => standardByCriterion.get(criterionKey),
        },
      ]
    }),
  )
}
