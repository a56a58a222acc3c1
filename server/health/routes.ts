import express, { Router } from 'express'
import type { Sequelize } from 'sequelize'

/** GET /health: JSON saying whether the database answers; 503 when it does not. */
export function healthRoutes(sequelize: Sequelize): Router {
  const router = express.Router()
  router.get('/health', async (_req, res) => {
    try {
      await sequelize.query('SELECT 1')
      res.json({ status: 'UP', database: { status: 'UP', dialect: sequelize.getDialect() } })
    } catch {
      res.status(503).json({ status: 'DOWN', database: { status: 'DOWN', dialect: sequelize.getDialect() } })
    }
  })
  return router
}
