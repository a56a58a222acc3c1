import { Area, AreaChildPopulation, AuditCase, AuditRound, Organisation } from '../../db/models'
import { NotFoundError } from '../../errors'
import { checkSample, SampleCheck } from '../sampleCheck'
import { ethnicityGroups, groupOfCategory } from './reference'

export interface CaseRow {
  id: number
  reference: string
  ageBand: string
  sex: string
  ethnicity: string
  areaId: number | null
  areaName: string | null
  whyChosen: string
  agencies: { id: number; name: string }[]
}

/** A round's areas and agencies, what its cases may choose from. */
export async function caseChoices(round: AuditRound): Promise<{ areas: { id: number; name: string }[]; agencies: { id: number; name: string }[] }> {
  const { audit_round_areas: areaLinks, audit_round_agencies: agencyLinks } = round.sequelize.models
  const [areaIds, agencyIds] = await Promise.all([
    areaLinks.findAll({ where: { roundId: round.id } }).then((links) => links.map((link) => link.get('areaId') as number)),
    agencyLinks.findAll({ where: { roundId: round.id } }).then((links) => links.map((link) => link.get('organisationId') as number)),
  ])
  const [areas, agencies] = await Promise.all([
    Area.findAll({ where: { id: areaIds }, attributes: ['id', 'name'], order: [['name', 'ASC']] }),
    Organisation.findAll({ where: { id: agencyIds }, attributes: ['id', 'name'], order: [['name', 'ASC']] }),
  ])
  return { areas: areas.map(({ id, name }) => ({ id, name })), agencies: agencies.map(({ id, name }) => ({ id, name })) }
}

/** The round's cases in reference order, each with its area and the agencies involved. */
export async function roundCases(round: AuditRound, caseId?: number): Promise<CaseRow[]> {
  const cases = await AuditCase.findAll({ where: caseId === undefined ? { roundId: round.id } : { roundId: round.id, id: caseId }, order: [['reference', 'ASC'], ['id', 'ASC']] })
  const links = await round.sequelize.models.audit_case_agencies.findAll({ where: { caseId: cases.map((entry) => entry.id) } })
  const [areas, organisations] = await Promise.all([
    Area.findAll({ where: { id: [...new Set(cases.map((entry) => entry.areaId).filter((id): id is number => id !== null))] }, attributes: ['id', 'name'] }),
    Organisation.findAll({ where: { id: [...new Set(links.map((link) => link.get('organisationId') as number))] }, attributes: ['id', 'name'], order: [['name', 'ASC']] }),
  ])
  return cases.map((entry) => {
    const involved = new Set(links.filter((link) => link.get('caseId') === entry.id).map((link) => link.get('organisationId') as number))
    return {
      id: entry.id,
      reference: entry.reference,
      ageBand: entry.ageBand,
      sex: entry.sex,
      ethnicity: entry.ethnicity,
      areaId: entry.areaId,
      areaName: areas.find((area) => area.id === entry.areaId)?.name ?? null,
      whyChosen: entry.whyChosen,
      agencies: organisations.filter((organisation) => involved.has(organisation.id)).map(({ id, name }) => ({ id, name })),
    }
  })
}

/** One case of the round; 404 for a case of another round, so a round's guard covers its cases. */
export async function roundCase(round: AuditRound, caseId: number): Promise<CaseRow> {
  const [found] = Number.isInteger(caseId) ? await roundCases(round, caseId) : []
  if (!found) throw new NotFoundError('Case not found in this round')
  return found
}

/** The sample check of a round: its cases' ethnicity against the child population of its areas. */
export async function roundSampleCheck(areas: { id: number; name: string }[], cases: CaseRow[]): Promise<SampleCheck> {
  const list = ethnicityGroups()
  const figures = await AreaChildPopulation.findAll({ where: { areaId: areas.map((area) => area.id) } })
  return checkSample(
    list.groups.map(({ key, label }) => ({ key, label })),
    areas.map((area) => {
      const rows = figures.filter((figure) => figure.areaId === area.id)
      return { ...area, population: rows.length ? Object.fromEntries(rows.map((row) => [row.ethnicity, row.percent])) : null }
    }),
    cases.map((entry) => ({ areaId: entry.areaId, group: groupOfCategory(list, entry.ethnicity) })),
  )
}
