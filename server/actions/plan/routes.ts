import express, { Router } from 'express'
import type { Services } from '../../services'

/** The whole plan and its views: filters, overdue and stale lists, themes sheet, exports and the PDF. */
export function planRoutes(_services: Services): Router {
  const router = express.Router()
  return router
}
