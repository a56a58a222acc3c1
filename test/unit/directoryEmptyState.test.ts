import { expect } from 'chai'
import ejs from 'ejs'
import path from 'node:path'
import { ejsOptions, viewHelpers } from '../../server/views'

/** The directory page with no statements to show: before any is published, and for a search that finds none. */
async function emptyDirectory(searched: boolean): Promise<string> {
  const locals = {
    filters: { q: searched ? 'nothing like this' : '', sector: '', role: '', area: null, partnership: null },
    options: { sectors: [], roles: [], areas: [], partnerships: [] },
    manyPartnerships: false,
    entries: [],
    total: 0,
    first: 1,
    pagination: null,
    jsonHref: '/directory.json',
    csvHref: '/directory.csv',
    searched,
    formatDate: String,
    ...viewHelpers,
  }
  const html = await ejs.renderFile(path.join(__dirname, '../../views/directory/index.ejs'), locals, ejsOptions(false))
  return html.replace(/\s+/g, ' ')
}

describe('the public directory with nothing to list', () => {
  it('says no statement has been published yet when nobody has searched', async () => {
    const html = await emptyDirectory(false)
    expect(html).to.contain('No statements have been published yet')
    expect(html).not.to.contain('No statements match your search')
  })

  it('says the search matched nothing, with ways to improve it, when somebody has searched', async () => {
    const html = await emptyDirectory(true)
    expect(html).to.contain('No statements match your search')
    expect(html).to.contain('checking the spelling of the organisation’s name')
    expect(html).not.to.contain('No statements have been published yet')
  })
})
