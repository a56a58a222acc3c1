import { randomBytes } from 'node:crypto'
import express, { Router } from 'express'
import helmet from 'helmet'

/** Security headers, with a fresh CSP nonce per request for the one inline script in the layout. */
export function setUpWebSecurity(production: boolean): Router {
  const router = express.Router()
  router.use((_req, res, next) => {
    res.locals.cspNonce = randomBytes(16).toString('base64')
    next()
  })
  router.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'", (_req, res) => `'nonce-${(res as express.Response).locals.cspNonce}'`],
          styleSrc: ["'self'"],
          fontSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          // Only where the service is served over HTTPS; on plain-http development it would break links.
          upgradeInsecureRequests: production ? [] : null,
        },
      },
      referrerPolicy: { policy: 'same-origin' },
    }),
  )
  return router
}
