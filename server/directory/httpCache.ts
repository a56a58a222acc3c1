import { createHash, randomBytes } from 'node:crypto'
import type { Request, Response } from 'express'

/**
 * A page is built once and served many times, but each response needs its own CSP nonce: the
 * built page carries this placeholder (random per process, so nothing a visitor types can forge
 * it) where the nonce goes, and is kept split around it.
 */
export const NONCE_PLACEHOLDER = `nonce-placeholder-${randomBytes(12).toString('hex')}`

/** A built response: its body in parts (joined with each request's nonce), and its validators. */
export interface BuiltResponse {
  parts: string[]
  etag: string
  lastModified: string
}

/** The strong ETag is the hash of the content without the nonce, so every app instance gives the same one for the same data. */
export function builtResponse(body: string, lastModified: Date): BuiltResponse {
  const parts = body.split(NONCE_PLACEHOLDER)
  const hash = createHash('sha1')
  for (const part of parts) hash.update(part)
  return { parts, etag: `"${hash.digest('base64url')}"`, lastModified: lastModified.toUTCString() }
}

/**
 * When the directory last changed: the newest change to its data, or midnight today if later,
 * because a statement's status (Current, Review due, Review overdue) moves with the date alone.
 * Never later than now.
 */
export function lastModifiedOf(dataChanged: Date, today: string, now: Date): Date {
  const midnight = new Date(`${today}T00:00:00Z`)
  return new Date(Math.min(now.getTime(), Math.max(dataChanged.getTime(), midnight.getTime())))
}

/**
 * Sets the validators and a short public lifetime, and answers 304 when the client's copy is
 * current (If-None-Match, else If-Modified-Since, as Express's req.fresh reads them). A 304 carries
 * no Content-Security-Policy: the browser keeps the page it has, whose nonce matches the policy it
 * came with, and a new policy's nonce would block that page's script.
 * Returns true when the response has been sent.
 */
export function notModified(req: Request, res: Response, built: Pick<BuiltResponse, 'etag' | 'lastModified'>): boolean {
  res.setHeader('Cache-Control', 'public, max-age=60')
  res.setHeader('ETag', built.etag)
  res.setHeader('Last-Modified', built.lastModified)
  if (!req.fresh) return false
  res.removeHeader('Content-Security-Policy')
  res.status(304).end()
  return true
}

/** The built page with this response's nonce in place. */
export function sendBuilt(res: Response, built: BuiltResponse, type: string): void {
  res.type(type).send(built.parts.join(res.locals.cspNonce as string))
}
