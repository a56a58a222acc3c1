import { expect } from 'chai'
import { Sector } from '../../server/db/models'
import { SECTORS } from '../../server/organisations/sectors'

describe('sectors', () => {
  it('in the database are exactly those the code knows (frameworks are validated against them)', async () => {
    const rows = await Sector.findAll({ order: [['sortOrder', 'ASC']] })
    expect(rows.map((row) => ({ key: row.key, label: row.label }))).to.deep.equal(SECTORS.map((sector) => ({ ...sector })))
  })
})
