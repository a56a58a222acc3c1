import connectSessionSequelize from 'connect-session-sequelize'
import express, { Router } from 'express'
import session from 'express-session'
import type { Sequelize } from 'sequelize'

/** Sessions live in the database (the Sessions table) so several app instances can share them. */
export function setUpWebSession(sequelize: Sequelize, secret: string, production: boolean): Router {
  const SequelizeStore = connectSessionSequelize(session.Store)
  const store = new SequelizeStore({ db: sequelize, tableName: 'Sessions', checkExpirationInterval: 15 * 60 * 1000, expiration: 8 * 60 * 60 * 1000 })
  const router = express.Router()
  router.use(
    session({
      name: 'assure.sid',
      secret,
      store,
      resave: false,
      saveUninitialized: false,
      // The session lasts 8 hours from sign-in; not refreshing it on every request saves a write per page.
      rolling: false,
      cookie: { httpOnly: true, sameSite: 'lax', secure: production ? 'auto' : false, maxAge: 8 * 60 * 60 * 1000 },
    }),
  )
  return router
}
