import express, { Request, Response, Router } from 'express'
import { formatDate, todayInEngland } from '../forms/dates'
import { paginationParams } from '../forms/pagination'
import { fileNameOf, sendCsv } from '../reports/tableExport'
import type { Services } from '../services'
import { DirectoryCache, DirectoryState } from './cache'
import { DIRECTORY_PAGE_SIZE, DirectoryFilters, filterParams, parseDirectoryFilters, pathWithFilters, requestedPage } from './filters'
import { builtResponse, lastModifiedOf, NONCE_PLACEHOLDER, notModified, sendBuilt } from './httpCache'
import { directoryTable, entryData, entryView } from './present'
import { DirectoryQueries } from './queries'

/**
 * The public directory of published Child Safeguarding Statements, with its open data. No sign-in:
 * mounted before the session, so nothing here may need a session, CSRF token or user. Every
 * response is built once per version of the data (server/directory/cache.ts) and is cacheable.
 */
export function directoryRoutes(services: Services, publicUrl: string): Router {
  const queries = new DirectoryQueries(services.sequelize)
  const cache = new DirectoryCache(queries, () => todayInEngland(services.now()))
  const router = express.Router()

  /** The search from the query string, checked against what the directory offers, and the page asked for. */
  async function search(req: Request): Promise<{ state: DirectoryState; filters: DirectoryFilters; page: number; key: string }> {
    const state = await cache.state()
    const filters = parseDirectoryFilters(req.query, state.options)
    const page = requestedPage(req.query.page)
    return { state, filters, page, key: pathWithFilters('', filters, { page: String(page) }) }
  }

  const lastModified = (state: DirectoryState) => lastModifiedOf(state.lastModified, state.today, services.now())

  function render(res: Response, view: string, locals: Record<string, unknown>): Promise<string> {
    return new Promise((resolve, reject) => res.render(view, { ...locals, cspNonce: NONCE_PLACEHOLDER }, (error: Error | null, html: string) => (error ? reject(error) : resolve(html))))
  }

  router.get('/directory', async (req, res) => {
    const { state, filters, page, key } = await search(req)
    const built = await cache.get(state, `html${key}`, async () => {
      const result = await queries.page(filters, page, DIRECTORY_PAGE_SIZE)
      const html = await render(res, 'directory/index', {
        pageTitle: `Find a Child Safeguarding Statement${result.page > 1 ? ` (page ${result.page} of ${result.pageCount})` : ''}`,
        filters,
        options: state.options,
        manyPartnerships: state.options.partnerships.length > 1,
        entries: result.entries.map((entry) => entryView(entry, state.today)),
        total: result.total,
        first: (result.page - 1) * DIRECTORY_PAGE_SIZE + 1,
        pagination: paginationParams('/directory', filterParams(filters), result.page, result.pageCount),
        jsonHref: pathWithFilters('/directory.json', filters),
        csvHref: pathWithFilters('/directory.csv', filters),
        searched: Object.keys(filterParams(filters)).length > 0,
        formatDate,
      })
      return builtResponse(html, lastModified(state))
    })
    if (!notModified(req, res, built)) sendBuilt(res, built, 'html')
  })

  router.get('/directory.json', async (req, res) => {
    const { state, filters, page, key } = await search(req)
    const built = await cache.get(state, `json${key}`, async () => {
      const result = await queries.page(filters, page, DIRECTORY_PAGE_SIZE)
      const body = { total: result.total, page: result.page, pageSize: DIRECTORY_PAGE_SIZE, entries: result.entries.map((entry) => entryData(entry, state.today, publicUrl)) }
      return builtResponse(JSON.stringify(body), lastModified(state))
    })
    if (!notModified(req, res, built)) sendBuilt(res, built, 'json')
  })

  router.get('/directory.csv', async (req, res) => {
    const { state, filters } = await search(req)
    // Every matching entry: too big to keep many of in memory, and downloaded far less often than
    // the page is viewed, so built each time (the validators still spare a download).
    const table = directoryTable((await queries.all(filters)).map((entry) => entryData(entry, state.today, publicUrl)))
    if (!notModified(req, res, builtResponse(JSON.stringify(table), lastModified(state)))) sendCsv(res, fileNameOf('Child safeguarding statements'), table)
  })

  return router
}
