import express, { Router } from 'express'
import { csrfSync } from 'csrf-sync'

/** Synchroniser-token CSRF protection on every state-changing request; the token travels in the form as _csrf. */
export function setUpCsrf(): Router {
  const { csrfSynchronisedProtection, generateToken } = csrfSync({
    // File uploads are multipart, parsed only inside their route (after this check), so their
    // forms carry the token in the action URL instead; query strings are never logged.
    getTokenFromRequest: (req) => {
      if (typeof req.body?._csrf === 'string') return req.body._csrf
      return req.is('multipart/form-data') && typeof req.query._csrf === 'string' ? req.query._csrf : undefined
    },
    errorConfig: { statusCode: 403, message: 'Invalid or missing CSRF token', code: 'EBADCSRFTOKEN' },
  })
  const router = express.Router()
  router.use(csrfSynchronisedProtection)
  // Views call csrfToken() in each form, so the token (and with it a session) is made only for
  // pages that have a form; a 404 or /health starts no session.
  router.use((req, res, next) => {
    res.locals.csrfToken = () => generateToken(req)
    next()
  })
  return router
}
