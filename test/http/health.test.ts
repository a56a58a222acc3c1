import { expect } from 'chai'
import request from 'supertest'
import { testContext } from '../helpers/testContext'

describe('GET /health', () => {
  it('reports the database reachable, as JSON, without signing in', async () => {
    const response = await request(testContext().app).get('/health')
    expect(response.status).to.equal(200)
    expect(response.headers['content-type']).to.match(/application\/json/)
    expect(response.body).to.deep.equal({
      status: 'UP',
      database: { status: 'UP', dialect: testContext().database.databaseUrl ? 'postgres' : 'sqlite' },
    })
  })
})
