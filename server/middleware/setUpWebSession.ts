import connectSessionSequelize from 'connect-session-sequelize'
import express, { Router } from 'express'
import session, { SessionData, Store } from 'express-session'
import type { Sequelize } from 'sequelize'
import { selectRows } from '../db/rawRows'

const EIGHT_HOURS = 8 * 60 * 60 * 1000

/**
 * connect-session-sequelize, reading and writing less. Its `get`, on every request, reads through a
 * model; a plain query costs a fifth of the CPU. Its `set` reads the row before updating it; one
 * upsert does the same. Its `touch`, which express-session calls on every request that leaves the session
 * unchanged, would move the row's expiry on each page view; the browser's cookie (not rolling) does
 * not move, so the row keeps the cookie's expiry instead, set whenever the session is saved.
 */
function databaseSessionStore(sequelize: Sequelize): Store {
  const SequelizeStore = connectSessionSequelize(session.Store)
  class DatabaseSessionStore extends SequelizeStore {
    override get(sid: string, callback: (error: unknown, session?: SessionData | null) => void) {
      selectRows<{ data: string }>(sequelize, 'SELECT data FROM "Sessions" WHERE sid = :sid', { sid })
        .then(([row]) => (row ? (JSON.parse(row.data) as SessionData) : null))
        .then((session) => callback(null, session), callback)
    }

    override touch = (_sid: string, _data: unknown, callback?: (error?: unknown) => void) => callback?.()

    override set(sid: string, data: SessionData, callback?: (error?: unknown) => void) {
      const expires = data.cookie.expires ?? new Date(Date.now() + EIGHT_HOURS)
      sequelize.models.Session.upsert({ sid, data: JSON.stringify(data), expires }).then(() => callback?.(), callback)
    }
  }
  return new DatabaseSessionStore({ db: sequelize, tableName: 'Sessions', checkExpirationInterval: 15 * 60 * 1000, expiration: EIGHT_HOURS })
}

/** Sessions live in the database (the Sessions table) so several app instances can share them. */
export function setUpWebSession(sequelize: Sequelize, secret: string, production: boolean): Router {
  const router = express.Router()
  router.use(
    session({
      name: 'assure.sid',
      secret,
      store: databaseSessionStore(sequelize),
      resave: false,
      saveUninitialized: false,
      // The cookie is renewed (8 hours again) only when the session changes, not on every page, saving a write per page.
      rolling: false,
      cookie: { httpOnly: true, sameSite: 'lax', secure: production ? 'auto' : false, maxAge: EIGHT_HOURS },
    }),
  )
  return router
}
