import express, { Router } from 'express'

/** Form posts only, with a size limit: a bigger body gets the 413 page. */
export function setUpBodyParsing(limit: string): Router {
  const router = express.Router()
  router.use(express.urlencoded({ extended: true, limit, parameterLimit: 1000 }))
  return router
}
