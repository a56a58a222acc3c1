import express, { Router } from 'express'
import type { Services } from '../../services'

/** Reviews entered by the business unit and their recommendations. */
export function planReviewRoutes(_services: Services): Router {
  const router = express.Router()
  return router
}
