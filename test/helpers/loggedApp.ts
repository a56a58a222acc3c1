import express, { Express } from 'express'
import pino from 'pino'
import { Writable } from 'node:stream'
import { setUpRequestLogging } from '../../server/middleware/setUpRequestLogging'
import { setUpViews } from '../../server/views'

/** A bare app with views and request logging, whose log lines are kept in `entries` to read back. */
export function loggedApp(): { app: Express; entries: () => Record<string, unknown>[] } {
  const lines: string[] = []
  const logger = pino({ level: 'info' }, new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) }))
  const app = express()
  setUpViews(app, false)
  app.use(setUpRequestLogging(logger))
  app.use((_req, res, next) => {
    res.locals.navigation = []
    next()
  })
  return { app, entries: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) }
}
