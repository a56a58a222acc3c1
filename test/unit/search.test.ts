import { expect } from 'chai'
import { Op } from 'sequelize'
import { Organisation } from '../../server/db/models'
import { containsIgnoringCase } from '../../server/db/search'

describe('containsIgnoringCase', () => {
  const names = async (text: string) =>
    (await Organisation.findAll({ where: { [Op.and]: [containsIgnoringCase('name', text), containsIgnoringCase('name', 'zz-search')] } })).map((o) => o.name).sort()

  before(async () => {
    for (const name of ['ZZ-Search 100% Club', 'zz-search 100 Club', 'zz-search under_score', 'zz-search underXscore', "zz-search O'Brien's"]) {
      await Organisation.create({ name, role: 'named_organisation', sectorKey: 'other', sizeTier: 'small' })
    }
  })

  after(async () => {
    await Organisation.destroy({ where: containsIgnoringCase('name', 'zz-search') })
  })

  it('ignores case', async () => {
    expect(await names('100% CLUB')).to.deep.equal(['ZZ-Search 100% Club'])
  })

  it('matches % and _ literally rather than as wildcards', async () => {
    expect(await names('%')).to.deep.equal(['ZZ-Search 100% Club'])
    expect(await names('under_score')).to.deep.equal(['zz-search under_score'])
  })

  it('copes with quotes and backslashes in the search text', async () => {
    expect(await names("o'brien")).to.deep.equal(["zz-search O'Brien's"])
    expect(await names('\\')).to.deep.equal([])
  })
})
