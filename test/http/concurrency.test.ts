import { expect } from 'chai'
import { Organisation } from '../../server/db/models'
import { Area } from '../../server/db/models'
import { csrfToken, signedInAgent } from '../helpers/agents'

describe('concurrent writes', () => {
  it('lets 20 people save at once without a database lock error or a lost write', async function () {
    this.timeout(60000)
    const riverside = (await Area.findOne({ where: { name: 'Riverside' } }))!
    const agents = await Promise.all(Array.from({ length: 4 }, () => signedInAgent('admin@riverside.test')))
    const tokens = await Promise.all(agents.map((agent) => csrfToken(agent, '/dashboard')))
    const started = Date.now()
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        agents[index % 4]
          .post('/organisations/new')
          .type('form')
          .send({ name: `Concurrent Club ${index}`, role: 'named_organisation', sectorKey: 'sport-leisure', sizeTier: 'small', areaIds: String(riverside.id), _csrf: tokens[index % 4] }),
      ),
    )
    expect(responses.map((response) => response.status)).to.deep.equal(Array(20).fill(302))
    expect(await Organisation.count({ where: { sectorKey: 'sport-leisure', name: Array.from({ length: 20 }, (_, index) => `Concurrent Club ${index}`) } })).to.equal(20)
    expect(Date.now() - started).to.be.lessThan(20000)
  })
})
