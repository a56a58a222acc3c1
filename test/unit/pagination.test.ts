import { expect } from 'chai'
import { pageOf, paginationParams } from '../../server/forms/pagination'

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

describe('pageOf', () => {
  const rows = Array.from({ length: 250 }, (_, index) => index + 1)

  it('gives the requested page of rows, numbered from the first row shown', () => {
    expect(pageOf(rows, '2', 100)).to.deep.equal({ page: 2, pageCount: 3, first: 101, rows: rows.slice(100, 200) })
    expect(pageOf(rows, 3, 100).rows).to.deep.equal(rows.slice(200))
  })

  it('falls back to the nearest page for a missing, odd or huge page number', () => {
    for (const [asked, page] of [[undefined, 1], ['abc', 1], ['0', 1], ['-4', 1], ['2.5', 1], ['999999999999', 3]] as const) {
      expect(pageOf(rows, asked, 100).page, String(asked)).to.equal(page)
    }
    expect(pageOf([], '5', 100)).to.deep.equal({ page: 1, pageCount: 1, first: 1, rows: [] })
  })
})
