import express, { Router } from 'express'

/** A one-time success message set before a redirect, shown once as a notification banner. */
export function setUpFlash(): Router {
  const router = express.Router()
  router.use((req, res, next) => {
    if (req.session?.flash) {
      res.locals.flash = req.session.flash
      delete req.session.flash
    }
    next()
  })
  return router
}
