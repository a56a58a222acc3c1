import express, { Request, Response, Router } from 'express'
import { can } from '../../auth/permissions'
import { ForbiddenError, currentPartnershipId } from '../../auth/requirePermission'
import { formatDate } from '../../forms/dates'
import { chartForPage } from '../../reports/charts'
import { EXPORT_FORMATS, sendTable, sendWorkbook, fileNameOf } from '../../reports/tableExport'
import type { Services } from '../../services'
import { requireRoundAccess } from '../access'
import { briefingPdf } from './briefingPdf'
import { loadRoundReport } from './loadRoundReport'
import { distributionChart } from './reportCharts'
import { reportTables } from './reportTables'
import { roundReportPdf } from './roundReportPdf'
import { loadThemesAcrossRounds, themesTable } from './themesAcrossRounds'


/** Themes across rounds are counts only, but still for those who oversee audits: the QA sub-group and the partnership's admins. */
function requireAuditOversight() {
  return async (req: Request, res: Response, next: () => void) => {
    if (!req.user) {
      if (req.method === 'GET') req.session.returnTo = req.originalUrl
      return res.redirect('/sign-in')
    }
    const partnership = { partnershipId: currentPartnershipId(req) }
    if (!can(req.user, 'audits:manage', partnership) && !can(req.user, 'audits:oversee', partnership)) throw new ForbiddenError('audits:oversee refused')
    next()
  }
}

/**
 * A round's outputs (the report on screen, as PDF and XLSX, and the one-page 7-minute briefing),
 * only for the round's members and the QA sub-group: each view and download is an audit event.
 * And the themes across every round, which names no case.
 */
export function auditReportRoutes({ auditEvents, now }: Services): Router {
  const router = express.Router()
  const seesCases = requireRoundAccess((access) => access.seesCases)

  const recordAccess = (req: Request, res: Response, action: string, format: string) =>
    auditEvents.record({ actorUserId: req.user!.id, partnershipId: res.locals.round!.partnershipId, action, entityType: 'audit_round', entityId: res.locals.round!.id, after: { format } })

  router.get('/audits/themes', requireAuditOversight(), async (req, res) => {
    res.render('audits/reports/themes', { pageTitle: 'Themes across case audit rounds', themes: await loadThemesAcrossRounds(currentPartnershipId(req)), backLink: '/audits' })
  })

  for (const format of EXPORT_FORMATS) {
    router.get(`/audits/themes.${format}`, requireAuditOversight(), async (req, res) => {
      const partnershipId = currentPartnershipId(req)
      await auditEvents.record({ actorUserId: req.user!.id, partnershipId, action: 'audit_themes.downloaded', entityType: 'partnership', entityId: partnershipId, after: { format } })
      return sendTable(res, format, 'case-audit-themes', themesTable(await loadThemesAcrossRounds(partnershipId)))
    })
  }

  router.get('/audits/:roundId/report', seesCases, async (req, res) => {
    const round = res.locals.round!
    const report = await loadRoundReport(round, now())
    await recordAccess(req, res, 'audit_round.report_viewed', 'page')
    res.render('audits/reports/report', {
      pageTitle: `Report: ${round.title}`,
      round,
      report,
      chart: report.caseCount ? chartForPage(distributionChart(report)) : undefined,
      formatDate,
      backLink: `/audits/${round.id}`,
    })
  })

  router.get('/audits/:roundId/report.pdf', seesCases, async (req, res) => {
    const round = res.locals.round!
    const pdf = await roundReportPdf(await loadRoundReport(round, now()), now())
    await recordAccess(req, res, 'audit_round.report_downloaded', 'pdf')
    res.attachment(`case-audit-report-${fileNameOf(round.title)}.pdf`).type('application/pdf').send(pdf)
  })

  router.get('/audits/:roundId/report.xlsx', seesCases, async (req, res) => {
    const round = res.locals.round!
    const report = await loadRoundReport(round, now())
    await recordAccess(req, res, 'audit_round.report_downloaded', 'xlsx')
    await sendWorkbook(res, `case-audit-report-${fileNameOf(round.title)}`, reportTables(report))
  })

  router.get('/audits/:roundId/briefing.pdf', seesCases, async (req, res) => {
    const round = res.locals.round!
    const pdf = await briefingPdf(await loadRoundReport(round, now()), now())
    await recordAccess(req, res, 'audit_round.briefing_downloaded', 'pdf')
    res.attachment(`7-minute-briefing-${fileNameOf(round.theme)}.pdf`).type('application/pdf').send(pdf)
  })

  return router
}
