import express, { Router } from 'express'
import type { Services } from '../services'

/** Child Safeguarding Statements: the builder, the workflow and the PDF. */
export function statementRoutes(_services: Services): Router {
  const router = express.Router()
  return router
}
