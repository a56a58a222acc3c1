import { expect } from 'chai'
import express from 'express'
import pino from 'pino'
import { Writable } from 'node:stream'
import request from 'supertest'
import { ForbiddenError } from '../../server/auth/requirePermission'
import { errorHandler } from '../../server/middleware/errorHandler'
import { setUpRequestLogging } from '../../server/middleware/setUpRequestLogging'
import { setUpViews } from '../../server/views'

describe('refused requests', () => {
  it('are logged with who, what and where', async () => {
    const lines: string[] = []
    const logger = pino({ level: 'info' }, new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) }))
    const app = express()
    setUpViews(app, false)
    app.use(setUpRequestLogging(logger))
    app.use((_req, res, next) => {
      res.locals.navigation = []
      next()
    })
    app.post('/returns/7/sections/S11-1', () => {
      throw new ForbiddenError('return:edit refused')
    })
    app.use(errorHandler(true))
    const response = await request(app).post('/returns/7/sections/S11-1')
    expect(response.status).to.equal(403)
    const refusal = lines.map((line) => JSON.parse(line)).find((entry) => entry.msg === 'Refused: no permission')
    expect(refusal).to.include({ method: 'POST', path: '/returns/7/sections/S11-1', reason: 'return:edit refused' })
  })
})
