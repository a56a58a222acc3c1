import express, { Router } from 'express'
import path from 'node:path'
import { govukFrontendDir, publicDir } from '../paths'

/** GOV.UK Frontend's CSS, JS, fonts and images come straight from the package; ours from public/. */
export function setUpStaticResources(production: boolean): Router {
  const router = express.Router()
  const options = { maxAge: production ? '1d' : 0, index: false, redirect: false }
  router.use('/assets', express.static(path.join(govukFrontendDir, 'assets'), options))
  router.use('/govuk', express.static(govukFrontendDir, { ...options, extensions: [] }))
  router.use('/public', express.static(publicDir, options))
  router.get('/favicon.ico', (_req, res) => res.redirect(301, '/assets/images/favicon.ico'))
  return router
}
