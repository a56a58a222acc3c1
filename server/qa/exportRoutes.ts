import express, { Router } from 'express'
import { currentPartnershipId, requirePermission } from '../auth/requirePermission'
import { EXPORT_FORMATS, sendTable, fileNameOf } from '../reports/tableExport'
import type { Services } from '../services'
import { returnStatusLabels } from '../db/models/assessmentReturn.model'
import { calibrationTable, comparisonTable, heatmapTable, responseRateTable, reviewQueueTable } from './exportTables'
import { reviewQueue } from './reviewQueue'
import { queueFiltersSchema } from './schema'
import { loadQaReport } from './qaReport'
import { qaReportPdf } from './qaReportPdf'
import { calibrationRequest, comparisonRequest, heatmapRequest, responseRateRequest } from './qaRequests'


/** Every QA view as CSV and as XLSX, and the board's PDF report, with the same query string (cycles and filters) as its page. */
export function exportRoutes({ sequelize }: Services): Router {
  const router = express.Router()
  const canView = requirePermission('reviews:list', (req) => ({ partnershipId: currentPartnershipId(req) }))

  for (const format of EXPORT_FORMATS) {
    router.get(`/comparison.${format}`, canView, async (req, res) => {
      const { result, cycle } = await comparisonRequest(sequelize, req)
      if (!result) return res.status(400).type('text/plain').send('Choose two cycles of the same framework to compare')
      if (!result.ok) return res.status(400).type('text/plain').send(result.errors.list[0].text)
      return sendTable(res, format, `comparison-${fileNameOf(cycle!.name)}`, comparisonTable(result.value))
    })

    router.get(`/heatmap.${format}`, canView, async (req, res) => {
      const { cycle, earlier, errors, standards, rows } = await heatmapRequest(sequelize, req)
      if (!cycle) return res.status(400).type('text/plain').send('No cycle has been issued yet')
      if (errors) return res.status(400).type('text/plain').send(errors.list[0].text)
      return sendTable(res, format, `heatmap-${fileNameOf(cycle.name)}`, heatmapTable(rows, standards, earlier?.name))
    })

    router.get(`/response-rates.${format}`, canView, async (req, res) => {
      const { grouping, trend } = await responseRateRequest(sequelize, req)
      return sendTable(res, format, `response-rates-by-${grouping}`, responseRateTable(trend, grouping))
    })

    router.get(`/reviews.${format}`, canView, async (req, res) => {
      const filters = queueFiltersSchema.parse(req.query)
      const rows = await reviewQueue(currentPartnershipId(req), { ...filters, flagged: filters.flagged === 'yes' })
      return sendTable(res, format, 'returns-to-review', reviewQueueTable(rows, returnStatusLabels))
    })

    router.get(`/reviews/calibration.${format}`, canView, async (req, res) => {
      const { cycles, cycleId, calibration } = await calibrationRequest(req)
      const cycleName = cycles.find((cycle) => cycle.id === cycleId)?.name ?? 'every-cycle'
      return sendTable(res, format, `calibration-${fileNameOf(cycleName)}`, calibrationTable(calibration))
    })
  }

  router.get('/qa-report.pdf', canView, async (req, res) => {
    const loaded = await loadQaReport(sequelize, req)
    if (!loaded.ok) return res.status(400).type('text/plain').send(loaded.message)
    const { cycle, earlier } = loaded.report.comparison
    res.attachment(`qa-report-${fileNameOf(cycle.name)}-against-${fileNameOf(earlier.name)}.pdf`).type('application/pdf').send(await qaReportPdf(loaded.report))
  })

  return router
}
