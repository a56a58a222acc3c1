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
  // The token is made when a page first renders a form, so pages without one (a 404, /health)
  // do not start a session.
  router.use((req, res, next) => {
    let token: string | undefined
    Object.defineProperty(res.locals, 'csrfToken', {
      enumerable: true,
      get: () => (token ??= generateToken(req)),
    })
    next()
  })
  return router
}
