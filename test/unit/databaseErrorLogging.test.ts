import { expect } from 'chai'
import request from 'supertest'
import { EvidenceLink } from '../../server/db/models'
import { changeRows } from '../../server/db/rawRows'
import { errorHandler } from '../../server/middleware/errorHandler'
import { loggedApp } from '../helpers/loggedApp'
import { testContext } from '../helpers/testContext'

describe('a failed database statement', () => {
  it('is logged with the driver’s code and the statement’s kind and table, never its values', async () => {
    const { app, entries } = loggedApp()
    // A link to a file that does not exist breaks a foreign key, on either engine.
    app.post('/fail', async () => {
      await EvidenceLink.create({ evidenceFileId: 987654321, criterionKey: 'secret-criterion-text', returnId: 987654321 })
    })
    app.use(errorHandler(false))
    const response = await request(app).post('/fail')
    expect(response.status).to.equal(500)
    const logged = entries().find((entry) => entry.msg === 'Unhandled error') as { err: { statement: string; code: string } }
    expect(logged.err.statement).to.equal('INSERT evidence_links')
    expect(logged.err.code).to.match(/^(SQLITE_CONSTRAINT|23503)$/)
    expect(JSON.stringify(logged)).not.to.contain('secret-criterion-text')
    // In development the page shows what failed, even where the stack is bare.
    expect(response.text).to.match(/ForeignKeyConstraintError: .*(FOREIGN KEY|foreign key)/)
  })

  it('names the table of a statement written in plain SQL too', async () => {
    const { app, entries } = loggedApp()
    app.post('/fail', async () => {
      await changeRows(testContext().sequelize, 'INSERT INTO evidence_links (evidence_file_id, criterion_key, return_id) VALUES (:file, :key, :file)', { file: 987654321, key: 'secret-criterion-text' })
    })
    app.use(errorHandler(false))
    expect((await request(app).post('/fail')).status).to.equal(500)
    const logged = entries().find((entry) => entry.msg === 'Unhandled error') as { err: { statement: string } }
    expect(logged.err.statement).to.equal('INSERT evidence_links')
    expect(JSON.stringify(logged)).not.to.contain('secret-criterion-text')
  })
})
