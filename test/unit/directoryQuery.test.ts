import { expect } from 'chai'
import { setTimeout as sleep } from 'node:timers/promises'
import { DirectoryCache } from '../../server/directory/cache'
import { containsPattern, DirectoryOptions, parseDirectoryFilters, pathWithFilters, requestedPage } from '../../server/directory/filters'
import { builtResponse, lastModifiedOf, NONCE_PLACEHOLDER } from '../../server/directory/httpCache'
import type { DirectoryQueries, DirectoryVersion } from '../../server/directory/queries'

const options: DirectoryOptions = {
  sectors: [{ key: 'faith', label: 'Faith' }],
  roles: [{ key: 'relevant_agency', label: 'Relevant agency' }],
  areas: [{ id: 7, name: 'North', partnershipId: 1, partnershipName: 'Riverside' }],
  partnerships: [{ id: 1, name: 'Riverside' }],
}

describe('directory search: reading the query string', () => {
  it('keeps offered filter values and drops anything else', () => {
    expect(parseDirectoryFilters({ q: ' Youth   club ', sector: 'faith', role: 'relevant_agency', area: '7', partnership: '1' }, options)).to.deep.equal({
      q: 'Youth club',
      sector: 'faith',
      role: 'relevant_agency',
      area: 7,
      partnership: 1,
    })
    expect(parseDirectoryFilters({ sector: 'police', role: 'named_organisation', area: '8', partnership: '1e3' }, options)).to.deep.equal({ q: '', sector: '', role: '', area: null, partnership: null })
    expect(parseDirectoryFilters({ q: ['first', 'second'], sector: ['faith', 'police'], area: { $gt: 0 } }, options)).to.deep.include({ q: 'first', sector: 'faith', area: null })
    expect(parseDirectoryFilters({ q: `a\u0000b\tc` }, options).q).to.equal('a b c')
    expect(parseDirectoryFilters({ q: 'x'.repeat(1000) }, options).q).to.have.length(200)
  })

  it('reads the page as a whole number from 1, capping absurd ones', () => {
    expect(requestedPage('3')).to.equal(3)
    for (const odd of ['0', '-2', 'abc', '1.5', '', undefined, ['x'], '2e3']) expect(requestedPage(odd), String(odd)).to.equal(1)
    expect(requestedPage('99999999999999999999999')).to.equal(1_000_000)
  })

  it('takes LIKE wildcards literally', () => {
    expect(containsPattern('100%_Club!')).to.equal('%100!%!_club!!%')
  })

  it('builds links with only the filters in use, encoded', () => {
    const filters = { q: 'a&b', sector: '', role: '', area: 7, partnership: null }
    expect(pathWithFilters('/directory.csv', filters)).to.equal('/directory.csv?q=a%26b&area=7')
    expect(pathWithFilters('/directory', { q: '', sector: '', role: '', area: null, partnership: null })).to.equal('/directory')
  })
})

describe('directory responses: validators', () => {
  it('gives the same strong ETag whatever nonce goes in, and a different one for different content', () => {
    const page = builtResponse(`<script nonce="${NONCE_PLACEHOLDER}">x</script><p>A</p>`, new Date('2026-01-01T00:00:00Z'))
    expect(page.parts).to.deep.equal(['<script nonce="', '">x</script><p>A</p>'])
    expect(page.etag).to.match(/^"[\w-]+"$/)
    expect(builtResponse(`<script nonce="${NONCE_PLACEHOLDER}">x</script><p>A</p>`, new Date()).etag).to.equal(page.etag)
    expect(builtResponse(`<script nonce="${NONCE_PLACEHOLDER}">x</script><p>B</p>`, new Date()).etag).not.to.equal(page.etag)
    expect(page.lastModified).to.equal('Thu, 01 Jan 2026 00:00:00 GMT')
  })

  it('is last modified at the newest change, or at midnight when statuses may have moved, never in the future', () => {
    const now = new Date('2026-05-10T12:00:00Z')
    expect(lastModifiedOf(new Date('2026-05-10T09:00:00Z'), '2026-05-10', now).toISOString()).to.equal('2026-05-10T09:00:00.000Z')
    expect(lastModifiedOf(new Date('2026-01-01T09:00:00Z'), '2026-05-10', now).toISOString()).to.equal('2026-05-10T00:00:00.000Z')
    expect(lastModifiedOf(new Date('2026-01-01T09:00:00Z'), '2026-05-11', new Date('2026-05-10T23:30:00Z')).toISOString()).to.equal('2026-05-10T23:30:00.000Z')
  })
})

describe('directory responses: the in-process cache', () => {
  /** Queries that count how often they run, with a version the test moves. */
  function fakeQueries() {
    const calls = { version: 0, options: 0 }
    let version: DirectoryVersion = { key: 'v1', lastModified: new Date(0) }
    const queries = {
      async version() {
        calls.version++
        return version
      },
      async options() {
        calls.options++
        return options
      },
    } as unknown as DirectoryQueries
    return { queries, calls, move: (key: string) => (version = { key, lastModified: new Date() }) }
  }

  it('builds a response once per version, and again after the version moves', async () => {
    const { queries, calls, move } = fakeQueries()
    const cache = new DirectoryCache(queries, () => '2026-05-10', 10, 20)
    let builds = 0
    const build = async () => ++builds
    const first = await cache.state()
    expect(await cache.get(first, 'a', build)).to.equal(1)
    expect(await cache.get(await cache.state(), 'a', build)).to.equal(1)
    expect(calls.version).to.equal(1)
    await sleep(30)
    expect(await cache.get(await cache.state(), 'a', build)).to.equal(1)
    expect(calls).to.deep.equal({ version: 2, options: 1 })
    move('v2')
    await sleep(30)
    const second = await cache.state()
    expect(second.key).not.to.equal(first.key)
    expect(await cache.get(second, 'a', build)).to.equal(2)
    expect(calls.options).to.equal(2)
  })

  it('starts afresh on a new day, since statuses depend on the date', async () => {
    const { queries } = fakeQueries()
    let today = '2026-05-10'
    const cache = new DirectoryCache(queries, () => today, 10, 0)
    const before = await cache.state()
    today = '2026-05-11'
    expect((await cache.state()).key).not.to.equal(before.key)
  })

  it('shares one build between concurrent requests, forgets a failed one, and drops the least recently used', async () => {
    const { queries } = fakeQueries()
    const cache = new DirectoryCache(queries, () => '2026-05-10', 2, 1000)
    const state = await cache.state()
    let builds = 0
    const slow = async () => {
      builds++
      await sleep(5)
      return builds
    }
    expect(await Promise.all([cache.get(state, 'a', slow), cache.get(state, 'a', slow)])).to.deep.equal([1, 1])
    await cache.get(state, 'broken', () => Promise.reject(new Error('database away'))).catch(() => undefined)
    expect(await cache.get(state, 'broken', async () => 'recovered')).to.equal('recovered')
    // 'a' was used before 'broken' was rebuilt; adding 'c' leaves room for two, so 'a' goes.
    await cache.get(state, 'c', async () => 'c')
    expect(await cache.get(state, 'a', async () => 'rebuilt')).to.equal('rebuilt')
  })

  it('does not remember a failed version check', async () => {
    const { queries, calls } = fakeQueries()
    let fail = true
    const flaky = { version: () => (fail ? Promise.reject(new Error('away')) : queries.version()), options: () => queries.options() } as unknown as DirectoryQueries
    const cache = new DirectoryCache(flaky, () => '2026-05-10', 10, 60_000)
    await cache.state().then(
      () => expect.fail('should reject'),
      () => undefined,
    )
    fail = false
    expect((await cache.state()).options).to.equal(options)
    expect(calls.version).to.equal(1)
  })
})
