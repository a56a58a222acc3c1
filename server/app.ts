import express, { Express } from 'express'
import type { Config } from './config'
import { directoryRoutes } from './directory/routes'
import { healthRoutes } from './health/routes'
import { errorHandler, notFound } from './middleware/errorHandler'
import { setUpAuthentication } from './middleware/setUpAuthentication'
import { setUpBodyParsing } from './middleware/setUpBodyParsing'
import { setUpCsrf } from './middleware/setUpCsrf'
import { setUpCurrentUser } from './middleware/setUpCurrentUser'
import { setUpFlash } from './middleware/setUpFlash'
import { setUpRequestLogging } from './middleware/setUpRequestLogging'
import { setUpStaticResources } from './middleware/setUpStaticResources'
import { setUpWebSecurity } from './middleware/setUpWebSecurity'
import { setUpWebSession } from './middleware/setUpWebSession'
import { routes } from './routes'
import { publicStatementRoutes } from './statements/publicRoutes'
import type { Services } from './services'
import { setUpViews } from './views'

export function createApp(services: Services, config: Config): Express {
  const app = express()
  app.disable('x-powered-by')
  app.set('trust proxy', config.trustProxy)
  setUpViews(app, config.production)

  app.use(setUpRequestLogging(services.logger))
  app.use(setUpWebSecurity(config.production))
  app.use(setUpStaticResources(config.production))
  app.use(healthRoutes(services.sequelize))
  // The public directory and published statements: no session, CSRF or user, so before them (and cacheable).
  app.use(directoryRoutes(services, config.publicUrl), publicStatementRoutes(services))
  app.use(setUpWebSession(services.sequelize, config.sessionSecret, config.production))
  app.use(setUpBodyParsing(config.bodyLimit))
  app.use(setUpAuthentication(services.signIn))
  app.use(setUpCsrf())
  app.use(setUpCurrentUser())
  app.use(setUpFlash(config.sessionSecret, config.production))
  app.use(routes(services))

  app.use(notFound())
  app.use(errorHandler(config.production))
  return app
}
