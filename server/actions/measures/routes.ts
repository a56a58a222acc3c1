import express, { Router } from 'express'
import type { Services } from '../../services'

/** An action's measures and readings. */
export function actionMeasureRoutes(_services: Services): Router {
  const router = express.Router()
  return router
}
