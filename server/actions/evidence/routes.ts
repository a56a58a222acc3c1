import express, { Router } from 'express'
import type { Services } from '../../services'

/** An action's evidence items and their files. */
export function actionEvidenceRoutes(_services: Services): Router {
  const router = express.Router()
  return router
}
