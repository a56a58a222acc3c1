import express, { Request, Router } from 'express'
import { currentPartnershipId, requirePermission } from '../auth/requirePermission'
import { Area, Cycle, FrameworkVersion } from '../db/models'
import { organisationRoleKindLabels, organisationRoleKinds, sizeTierLabels, sizeTiers } from '../db/models/organisationKinds'
import { formErrors, orInputErrors } from '../forms/validation'
import { SECTORS } from '../organisations/sectors'
import { sendCsv, sendXlsx } from '../reports/tableExport'
import type { Services } from '../services'
import { Comparison, compareCycles } from './comparison'
import { heatmap, sortHeatmap } from './heatmap'
import { RateGrouping, responseRates } from './responseRates'
import { comparisonQuery } from './schema'

/** The comparison as a table for CSV and XLSX: the same numbers as the page. */
function comparisonTable(comparison: Comparison) {
  const labels = comparison.ratingLabels
  return {
    name: 'Comparison',
    header: ['Standard', 'Title', 'Status', ...labels.flatMap((label) => [`${label} then`, `${label} then %`]), 'Organisations then', ...labels.flatMap((label) => [`${label} now`, `${label} now %`]), 'Organisations now', 'Change', `${labels[0]} change (points)`, 'Changes to criteria'],
    rows: comparison.rows.map((row) => [
      row.standardKey,
      row.title,
      row.status,
      ...labels.flatMap((label) => {
        const count = row.then?.counts.find((entry) => entry.rating === label)
        return [count?.count ?? null, count?.percent ?? null]
      }),
      row.then?.total ?? null,
      ...labels.flatMap((label) => {
        const count = row.now?.counts.find((entry) => entry.rating === label)
        return [count?.count ?? null, count?.percent ?? null]
      }),
      row.now?.total ?? null,
      row.change ?? null,
      row.pointsChange ?? null,
      row.changes.join('; '),
    ]),
  }
}

/** A cycle against an earlier one, per standard, with filters (as a page, CSV or XLSX), and the heatmap of organisations by standard. */
export function comparisonRoutes({ sequelize }: Services): Router {
  const router = express.Router()
  const canView = requirePermission('reviews:list', (req) => ({ partnershipId: currentPartnershipId(req) }))

  async function load(req: Request) {
    const partnershipId = currentPartnershipId(req)
    const query = comparisonQuery.parse(req.query)
    const cycles = (await Cycle.findAll({ where: { partnershipId }, order: [['opensOn', 'DESC'], ['id', 'DESC']], include: [{ model: FrameworkVersion, as: 'frameworkVersion', attributes: ['key', 'version'] }] })) as (Cycle & { frameworkVersion: FrameworkVersion })[]
    const cycle = cycles.find((candidate) => candidate.id === query.cycleId) ?? cycles[0]
    const earlier = cycles.find((candidate) => candidate.id === query.earlierCycleId) ?? cycles.find((candidate) => candidate !== cycle && candidate.frameworkVersion.key === cycle?.frameworkVersion.key && candidate.opensOn < cycle.opensOn)
    const filters = { areaId: query.areaId, sector: query.sector, role: query.role, tier: query.tier }
    const result = cycle && earlier ? await orInputErrors(() => compareCycles(sequelize, partnershipId, cycle.id, earlier.id, filters)) : undefined
    return { partnershipId, query, cycles, cycle, earlier, filters, result }
  }

  router.get('/comparison', canView, async (req, res) => {
    const { partnershipId, query, cycles, cycle, earlier, filters, result } = await load(req)
    const errors = result && !result.ok ? result.errors : undefined
    res.status(errors ? 400 : 200).render('qa/comparison', {
      pageTitle: 'Compare cycles',
      cycles,
      cycle,
      earlier,
      filters,
      comparison: result?.ok ? result.value : undefined,
      errors,
      exportQuery: new URLSearchParams(Object.entries({ ...query, cycleId: cycle?.id, earlierCycleId: earlier?.id }).filter(([, value]) => value !== undefined).map(([key, value]): [string, string] => [key, String(value)])).toString(),
      areas: await Area.findAll({ where: { partnershipId }, order: [['name', 'ASC']], attributes: ['id', 'name'] }),
      sectors: SECTORS,
      roles: organisationRoleKinds.map((value) => ({ value, text: organisationRoleKindLabels[value] })),
      tiers: sizeTiers.map((value) => ({ value, text: sizeTierLabels[value] })),
    })
  })

  router.get('/heatmap', canView, async (req, res) => {
    const { partnershipId, query, cycles, cycle, earlier, filters } = await load(req)
    const sort = typeof req.query.sort === 'string' ? req.query.sort : 'name'
    const descending = req.query.order === 'desc'
    const version = cycle ? await FrameworkVersion.findByPk(cycle.frameworkVersionId, { attributes: ['id', 'definition'] }) : null
    const standards = version?.definition.standards ?? []
    const scale = version?.definition.ratingScale ?? []
    const ratingLabels = scale.map((rating) => rating.label)
    const rows = cycle ? sortHeatmap(await heatmap(sequelize, cycle.id, earlier?.id, filters), standards.some((standard) => standard.key === sort) ? sort : 'name', descending, ratingLabels) : []
    res.render('qa/heatmap', {
      pageTitle: 'Heatmap: organisations by standard',
      cycles,
      cycle,
      earlier,
      filters,
      standards,
      rows,
      sort,
      descending,
      colourOf: new Map(scale.map((rating) => [rating.label, rating.colour])),
      rankOf: new Map(ratingLabels.map((label, index) => [label, index])),
      baseQuery: new URLSearchParams(Object.entries({ ...query, cycleId: cycle?.id, earlierCycleId: earlier?.id }).filter(([, value]) => value !== undefined).map(([key, value]): [string, string] => [key, String(value)])).toString(),
      areas: await Area.findAll({ where: { partnershipId }, order: [['name', 'ASC']], attributes: ['id', 'name'] }),
      sectors: SECTORS,
      roles: organisationRoleKinds.map((value) => ({ value, text: organisationRoleKindLabels[value] })),
      tiers: sizeTiers.map((value) => ({ value, text: sizeTierLabels[value] })),
    })
  })

  const ratesOf = (req: Request) => {
    const grouping: RateGrouping = req.query.by === 'role' || req.query.by === 'area' ? req.query.by : 'sector'
    const labels: Record<string, string> = { ...Object.fromEntries(SECTORS.map((sector) => [sector.key, sector.label])), ...organisationRoleKindLabels }
    return { grouping, trend: responseRates(sequelize, currentPartnershipId(req), grouping, (key) => labels[key] ?? key) }
  }

  router.get('/response-rates', canView, async (req, res) => {
    const { grouping, trend } = ratesOf(req)
    res.render('qa/response-rates', { pageTitle: 'Response rates by cycle', grouping, trend: await trend })
  })

  for (const format of ['csv', 'xlsx'] as const) {
    router.get(`/response-rates.${format}`, canView, async (req, res) => {
      const { grouping, trend } = ratesOf(req)
      const { cycles, rows, overall } = await trend
      const table = {
        name: 'Response rates',
        header: [grouping, ...cycles.flatMap((cycle) => [`${cycle.name} invited`, `${cycle.name} responded`, `${cycle.name} %`])],
        rows: [...rows, { group: 'All organisations', cells: overall }].map((row) => [row.group, ...row.cells.flatMap((cell) => [cell.invited, cell.responded, cell.rate])]),
      }
      if (format === 'csv') return sendCsv(res, `response-rates-by-${grouping}`, table)
      return sendXlsx(res, `response-rates-by-${grouping}`, table)
    })
  }

  for (const format of ['csv', 'xlsx'] as const) {
    router.get(`/comparison.${format}`, canView, async (req, res) => {
      const { result, cycle } = await load(req)
      if (!result?.ok) {
        const errors = result && !result.ok ? result.errors : formErrors([{ field: 'earlierCycleId', text: 'Choose two cycles to compare' }])
        return res.status(400).type('text/plain').send(errors.list[0].text)
      }
      const fileName = `comparison-${cycle!.name.replace(/[^A-Za-z0-9]+/g, '-')}`
      if (format === 'csv') return sendCsv(res, fileName, comparisonTable(result.value))
      return sendXlsx(res, fileName, comparisonTable(result.value))
    })
  }

  return router
}
