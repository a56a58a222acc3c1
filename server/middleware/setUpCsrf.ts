import express, { Router } from 'express'
import { csrfSync } from 'csrf-sync'

/** Synchroniser-token CSRF protection on every state-changing request; the token travels in the form body as _csrf. */
export function setUpCsrf(): Router {
  const { csrfSynchronisedProtection, generateToken } = csrfSync({
    getTokenFromRequest: (req) => (typeof req.body?._csrf === 'string' ? req.body._csrf : undefined),
    errorConfig: { statusCode: 403, message: 'Invalid or missing CSRF token', code: 'EBADCSRFTOKEN' },
  })
  const router = express.Router()
  router.use(csrfSynchronisedProtection)
  router.use((req, res, next) => {
    res.locals.csrfToken = generateToken(req)
    next()
  })
  return router
}
