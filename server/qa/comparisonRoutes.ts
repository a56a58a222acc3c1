import express, { Router } from 'express'
import { currentPartnershipId, requirePermission } from '../auth/requirePermission'
import { paginationParams } from '../forms/pagination'
import { chartForPage } from '../reports/charts'
import type { Services } from '../services'
import { comparisonChart, responseRateChart } from './charts'
import { comparisonRequest, filterOptions, heatmapRequest, responseRateRequest } from './qaRequests'

/** The QA sub-group's views across returns: a cycle against an earlier one, the heatmap of organisations by standard, and response rates. */
export function comparisonRoutes({ sequelize }: Services): Router {
  const router = express.Router()
  const canView = requirePermission('reviews:list', (req) => ({ partnershipId: currentPartnershipId(req) }))

  router.get('/comparison', canView, async (req, res) => {
    const [{ queryString, cycles, cycle, earlier, filters, result }, options] = await Promise.all([comparisonRequest(sequelize, req), filterOptions(currentPartnershipId(req))])
    const errors = result && !result.ok ? result.errors : undefined
    const comparison = result?.ok ? result.value : undefined
    res.status(errors ? 400 : 200).render('qa/comparison', {
      pageTitle: 'Compare cycles',
      cycles,
      cycle,
      earlier,
      filters,
      comparison,
      chart: comparison && comparison.rows.some((row) => (row.now?.total ?? 0) + (row.then?.total ?? 0) > 0) ? chartForPage(comparisonChart(comparison)) : undefined,
      errors,
      exportQuery: queryString,
      ...options,
    })
  })

  router.get('/heatmap', canView, async (req, res) => {
    const [{ queryString, cycles, cycle, earlier, errors, filters, sort, descending, standards, scale, ratingLabels, rows, shown }, options] = await Promise.all([heatmapRequest(sequelize, req), filterOptions(currentPartnershipId(req))])
    res.status(errors ? 400 : 200).render('qa/heatmap', {
      errors,
      pageTitle: 'Heatmap: organisations by standard',
      cycles,
      cycle,
      earlier,
      filters,
      standards,
      rows: shown.rows,
      organisationCount: rows.length,
      firstShown: shown.first,
      pagination: paginationParams('/heatmap', { ...Object.fromEntries(new URLSearchParams(queryString)), sort, order: descending ? 'desc' : 'asc' }, shown.page, shown.pageCount),
      sort,
      descending,
      colourOf: new Map(scale.map((rating) => [rating.label, rating.colour])),
      rankOf: new Map(ratingLabels.map((label, index) => [label, index])),
      baseQuery: queryString,
      ...options,
    })
  })

  router.get('/response-rates', canView, async (req, res) => {
    const { grouping, trend } = await responseRateRequest(sequelize, req)
    res.render('qa/response-rates', { pageTitle: 'Response rates by cycle', grouping, trend, chart: trend.cycles.length ? chartForPage(responseRateChart(trend, grouping)) : undefined })
  })

  return router
}
