import type { Request } from 'express'
import type { Sequelize } from 'sequelize'
import { currentPartnershipId } from '../auth/requirePermission'
import { Area, Cycle, FrameworkVersion } from '../db/models'
import { organisationRoleKindLabels, organisationRoleKinds, sizeTierLabels, sizeTiers } from '../db/models/organisationKinds'
import { pageOf } from '../forms/pagination'
import { orInputErrors } from '../forms/validation'
import { SECTORS } from '../organisations/sectors'
import { calibration } from './calibration'
import { ComparedCycle, comparableVersions, compareCycles } from './comparison'
import { heatmap, sortHeatmap } from './heatmap'
import { RateGrouping, responseRates } from './responseRates'
import { comparisonQuery, queueFiltersSchema } from './schema'

/**
 * What each QA view needs, read from its request: the same loaders serve the page, its CSV and
 * XLSX exports and the PDF report, so every output shows the same numbers.
 */

/** The cycles to compare (the chosen ones, or the newest that has an earlier cycle of the same framework, and that one) and the organisation filters. */
async function chosenCycles(req: Request) {
  const partnershipId = currentPartnershipId(req)
  const query = comparisonQuery.parse(req.query)
  const cycles = (await Cycle.findAll({ where: { partnershipId }, order: [['opensOn', 'DESC'], ['id', 'DESC']], include: [{ model: FrameworkVersion, as: 'frameworkVersion', attributes: ['id', 'key', 'version', 'title'] }] })) as ComparedCycle[]
  const earlierOf = (later: (typeof cycles)[number]) => cycles.find((candidate) => candidate !== later && candidate.frameworkVersion.key === later.frameworkVersion.key && candidate.opensOn < later.opensOn)
  const cycle = cycles.find((candidate) => candidate.id === query.cycleId) ?? cycles.find((candidate) => earlierOf(candidate)) ?? cycles[0]
  const earlier = cycles.find((candidate) => candidate.id === query.earlierCycleId) ?? (cycle && earlierOf(cycle))
  const filters = { areaId: query.areaId, sector: query.sector, role: query.role, tier: query.tier }
  const chosen = { ...query, cycleId: cycle?.id, earlierCycleId: earlier?.id }
  const queryString = new URLSearchParams(Object.entries(chosen).filter(([, value]) => value !== undefined).map(([key, value]): [string, string] => [key, String(value)])).toString()
  return { partnershipId, query, queryString, cycles, cycle, earlier, filters }
}

/** The comparison of the chosen cycles, or why they cannot be compared. */
export async function comparisonRequest(sequelize: Sequelize, req: Request) {
  const chosen = await chosenCycles(req)
  const { cycle, earlier, filters } = chosen
  const result = cycle && earlier ? await orInputErrors(() => compareCycles(sequelize, cycle, earlier, filters)) : undefined
  return { ...chosen, result }
}

/**
 * The heatmap: each organisation's rating per standard in the chosen cycle, with the earlier
 * cycle's beside it, sorted. An earlier cycle that does not compare (another framework, or a later
 * version) is refused as on the comparison: the heatmap then shows no change, and says why.
 */
export async function heatmapRequest(sequelize: Sequelize, req: Request) {
  const chosen = await chosenCycles(req)
  const { cycle, filters } = chosen
  const pairing = cycle && chosen.earlier ? await orInputErrors(() => comparableVersions(cycle, chosen.earlier!)) : undefined
  const earlier = pairing?.ok ? chosen.earlier : undefined
  const sort = typeof req.query.sort === 'string' ? req.query.sort : 'name'
  const descending = req.query.order === 'desc'
  const version = cycle ? await FrameworkVersion.findByPk(cycle.frameworkVersionId, { attributes: ['id', 'definition'] }) : null
  const standards = version?.definition.standards ?? []
  const scale = version?.definition.ratingScale ?? []
  const ratingLabels = scale.map((rating) => rating.label)
  const rows = cycle ? sortHeatmap(await heatmap(sequelize, cycle.id, earlier?.id, filters), standards.some((standard) => standard.key === sort) ? sort : 'name', descending, ratingLabels) : []
  return { ...chosen, earlier, errors: pairing && !pairing.ok ? pairing.errors : undefined, sort, descending, standards, scale, ratingLabels, rows, shown: pageOf(rows, req.query.page, HEATMAP_PAGE_SIZE) }
}

/** Organisations on one page of the heatmap: sorted across all of them, then shown a page at a time (the exports have every row). */
export const HEATMAP_PAGE_SIZE = 100

/** Response rates by sector (the default), role or area, across every cycle. */
export async function responseRateRequest(sequelize: Sequelize, req: Request) {
  const grouping: RateGrouping = req.query.by === 'role' || req.query.by === 'area' ? req.query.by : 'sector'
  const labels: Record<string, string> = { ...Object.fromEntries(SECTORS.map((sector) => [sector.key, sector.label])), ...organisationRoleKindLabels }
  return { grouping, trend: await responseRates(sequelize, currentPartnershipId(req), grouping, (key) => labels[key] ?? key) }
}

/** Calibration for one cycle, or every cycle when none is chosen. */
export async function calibrationRequest(req: Request) {
  const partnershipId = currentPartnershipId(req)
  const { cycleId } = queueFiltersSchema.parse(req.query)
  const cycles = await Cycle.findAll({ where: { partnershipId }, order: [['opensOn', 'DESC']], attributes: ['id', 'name'] })
  return { cycles, cycleId, calibration: await calibration(partnershipId, cycleId) }
}

/** The choices of the organisation filters. */
export async function filterOptions(partnershipId: number) {
  return {
    areas: await Area.findAll({ where: { partnershipId }, order: [['name', 'ASC']], attributes: ['id', 'name'] }),
    sectors: SECTORS,
    roles: organisationRoleKinds.map((value) => ({ value, text: organisationRoleKindLabels[value] })),
    tiers: sizeTiers.map((value) => ({ value, text: sizeTierLabels[value] })),
  }
}
