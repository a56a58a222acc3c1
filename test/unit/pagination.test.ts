import { expect } from 'chai'
import { paginationParams } from '../../server/forms/pagination'

describe('paginationParams', () => {
  it('is absent for a single page', () => {
    expect(paginationParams('/x', {}, 1, 1)).to.equal(undefined)
  })

  it('keeps filters in every link and shows ellipses around the current page', () => {
    const params = paginationParams('/organisations', { role: 'relevant_agency', q: '', page: 5 }, 5, 10)!
    expect(params.previous?.href).to.equal('/organisations?role=relevant_agency&page=4')
    expect(params.next?.href).to.equal('/organisations?role=relevant_agency&page=6')
    const shown = params.items.map((item) => ('ellipsis' in item ? '…' : item.number))
    expect(shown).to.deep.equal([1, '…', 3, 4, 5, 6, 7, '…', 10])
  })
})
