import { expect } from 'chai'
import request from 'supertest'
import { ForbiddenError } from '../../server/auth/requirePermission'
import { errorHandler } from '../../server/middleware/errorHandler'
import { loggedApp } from '../helpers/loggedApp'

describe('refused requests', () => {
  it('are logged with who, what and where', async () => {
    const { app, entries } = loggedApp()
    app.post('/returns/7/sections/S11-1', () => {
      throw new ForbiddenError('return:edit refused')
    })
    app.use(errorHandler(true))
    const response = await request(app).post('/returns/7/sections/S11-1')
    expect(response.status).to.equal(403)
    const refusal = entries().find((entry) => entry.msg === 'Refused: no permission')
    expect(refusal).to.include({ method: 'POST', path: '/returns/7/sections/S11-1', reason: 'return:edit refused' })
  })
})
