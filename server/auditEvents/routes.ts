import express, { Router } from 'express'
import { z } from 'zod'
import { currentPartnershipId, requirePermission } from '../auth/requirePermission'
import { formatDateTime } from '../forms/dates'
import type { Services } from '../services'

const PAGE_SIZE = 50

export function auditEventRoutes({ auditEvents }: Services): Router {
  const router = express.Router()
  router.get('/activity', requirePermission('auditEvents:view', (req) => ({ partnershipId: currentPartnershipId(req) })), async (req, res) => {
    const page = z.coerce.number().int().min(1).catch(1).parse(req.query.page)
    const { events, total } = await auditEvents.recent(currentPartnershipId(req), page, PAGE_SIZE)
    res.render('audit-events/list', { pageTitle: 'Activity', events, page, pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)), total, formatDateTime })
  })
  return router
}
