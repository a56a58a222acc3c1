import { expect } from 'chai'
import express from 'express'
import pino from 'pino'
import { Writable } from 'node:stream'
import request from 'supertest'
import { EvidenceLink } from '../../server/db/models'
import { errorHandler } from '../../server/middleware/errorHandler'
import { setUpRequestLogging } from '../../server/middleware/setUpRequestLogging'
import { setUpViews } from '../../server/views'

describe('a failed database statement', () => {
  it('is logged with the driver’s code and the statement’s kind and table, never its values', async () => {
    const lines: string[] = []
    const logger = pino({ level: 'info' }, new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) }))
    const app = express()
    setUpViews(app, false)
    app.use(setUpRequestLogging(logger))
    app.use((_req, res, next) => {
      res.locals.navigation = []
      next()
    })
    // A link to a file that does not exist breaks a foreign key, on either engine.
    app.post('/fail', async () => {
      await EvidenceLink.create({ evidenceFileId: 987654321, criterionKey: 'secret-criterion-text', returnId: 987654321 })
    })
    app.use(errorHandler(false))
    const response = await request(app).post('/fail')
    expect(response.status).to.equal(500)
    const logged = lines.map((line) => JSON.parse(line)).find((entry) => entry.msg === 'Unhandled error')
    expect(logged.err.statement).to.equal('INSERT evidence_links')
    expect(logged.err.code).to.match(/^(SQLITE_CONSTRAINT|23503)$/)
    expect(JSON.stringify(logged)).not.to.contain('secret-criterion-text')
    // In development the page shows what failed, even where the stack is bare.
    expect(response.text).to.match(/ForeignKeyConstraintError: .*(FOREIGN KEY|foreign key)/)
  })
})
