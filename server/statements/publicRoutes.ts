import { createHash } from 'node:crypto'
import express, { Request, Response, Router } from 'express'
import { builtResponse, lastModifiedOf, NONCE_PLACEHOLDER, sendBuilt } from '../directory/httpCache'
import { NotFoundError } from '../errors'
import { todayInEngland } from '../forms/dates'
import type { Services } from '../services'
import { statementPdf } from './pdf'
import { publicStatementPath } from './publicPath'
import { publishedStatement, publishedVersions, StatementView } from './queries'
import { reviewStatus } from './reviewStatus'
import { viewHelpers } from './viewHelpers'

/**
 * Sets the validators and the public lifetime; answers 304 (without a Content-Security-Policy,
 * whose new nonce would block the kept page's script) when the client's copy is current.
 * The last change is the statement's, or midnight if later: its review status moves with the date.
 */
function notModified(req: Request, res: Response, etag: string, view: StatementView, now: Date): boolean {
  res.setHeader('Cache-Control', 'public, max-age=300')
  res.setHeader('ETag', etag)
  res.setHeader('Last-Modified', lastModifiedOf(view.statement.updatedAt, todayInEngland(now), now).toUTCString())
  if (!req.fresh) return false
  res.removeHeader('Content-Security-Policy')
  res.status(304).end()
  return true
}

/**
 * A published statement's public pages, no sign-in (mounted with the directory, before the session):
 * /directory/partnerships/:partnershipId/organisations/:organisationId (the current statement, a stable
 * URL: an organisation in two partnerships has a statement in each), its PDF, and each
 * earlier published version. Drafts, submitted and returned statements are never shown: 404.
 * Responses are cacheable: express adds an ETag, and conditional requests get 304.
 */
export function publicStatementRoutes({ now }: Services): Router {
  const router = express.Router()
  const today = () => todayInEngland(now())

  async function published(req: Request): Promise<StatementView> {
    const ids = [req.params.partnershipId, req.params.organisationId, req.params.version ?? '0'].map(String)
    const version = req.params.version === undefined ? undefined : Number(req.params.version)
    const view = ids.every((id) => /^\d{1,9}$/.test(id)) ? await publishedStatement(Number(req.params.partnershipId), Number(req.params.organisationId), version) : null
    if (!view) throw new NotFoundError('No published statement')
    return view
  }

  /** The page is rendered with a placeholder for the CSP nonce, so its ETag is the same for every request. */
  const render = (res: Response, locals: Record<string, unknown>) =>
    new Promise<string>((resolve, reject) => res.render('directory/statement', { ...locals, cspNonce: NONCE_PLACEHOLDER }, (error: Error | null, html: string) => (error ? reject(error) : resolve(html))))

  async function page(req: Request, res: Response) {
    const view = await published(req)
    const { statement } = view
    const current = statement.status === 'approved'
    const html = await render(res, {
      pageTitle: `${view.organisationName}: Child Safeguarding Statement${current ? '' : `, version ${statement.version}`}`,
      ...view,
      current,
      reviewState: current && statement.reviewOn ? reviewStatus(statement.reviewOn, today()) : null,
      versions: await publishedVersions(statement.organisationId, statement.partnershipId),
      base: publicStatementPath(statement.partnershipId, statement.organisationId),
      backLink: '/directory',
      ...viewHelpers,
    })
    const built = builtResponse(html, statement.updatedAt)
    if (notModified(req, res, built.etag, view, now())) return
    sendBuilt(res, built, 'html')
  }

  async function pdf(req: Request, res: Response) {
    const view = await published(req)
    // The PDF carries its creation time, so its ETag comes from what it shows: checked before it is drawn.
    const etag = `"${createHash('sha1').update(`statement-pdf:${view.statement.id}:${view.statement.updatedAt.toISOString()}:${today()}`).digest('base64url')}"`
    if (notModified(req, res, etag, view, now())) return
    res.setHeader('Content-Type', 'application/pdf')
    res.setHeader('Content-Disposition', `inline; filename="child-safeguarding-statement-${view.statement.organisationId}-v${view.statement.version}.pdf"`)
    res.send(await statementPdf(view, today()))
  }

  router.get('/directory/partnerships/:partnershipId/organisations/:organisationId', page)
  router.get('/directory/partnerships/:partnershipId/organisations/:organisationId/statement.pdf', pdf)
  // Before /versions/:version, which would otherwise take "3.pdf" as a version.
  router.get('/directory/partnerships/:partnershipId/organisations/:organisationId/versions/:version.pdf', pdf)
  router.get('/directory/partnerships/:partnershipId/organisations/:organisationId/versions/:version', page)
  return router
}
