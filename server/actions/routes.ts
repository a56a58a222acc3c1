import express, { Router } from 'express'
import type { Services } from '../services'

/** An action's pages: create (with similar open actions offered), define, activate, update, hand over, complete, close, escalate. */
export function actionRoutes(_services: Services): Router {
  const router = express.Router()
  return router
}
