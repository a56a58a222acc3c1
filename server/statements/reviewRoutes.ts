import express, { Request, Response, Router } from 'express'
import { requirePermission } from '../auth/requirePermission'
import { InvalidInputError } from '../errors'
import { FormErrors, formErrors } from '../forms/validation'
import type { Services } from '../services'
import { LIMITS } from './content'
import { statementView } from './queries'
import { readReturnReason } from './schema'
import { forStatement, viewHelpers } from './viewHelpers'

/** The partnership's decision on a submitted statement: approve (publish) it, or return it with reasons. */
export function reviewRoutes({ statements }: Services): Router {
  const router = express.Router()
  const canReview = requirePermission('statements:review', forStatement)

  router.post('/statements/:statementId/approve', canReview, async (req, res) => {
    try {
      await statements.approve(req.user!.id, Number(req.params.statementId))
      res.flash('Statement approved and published on the public directory; the organisation’s leads have been emailed')
    } catch (error) {
      if (!(error instanceof InvalidInputError)) throw error
      res.flash(error.message)
    }
    res.redirect(303, `/statements/${req.params.statementId}`)
  })

  async function renderReturn(req: Request, res: Response, values: Record<string, unknown>, errors?: FormErrors) {
    const view = await statementView(Number(req.params.statementId))
    if (view.statement.status !== 'submitted') {
      res.flash('Only a submitted statement can be returned')
      return res.redirect(303, `/statements/${view.statement.id}`)
    }
    res.status(errors ? 400 : 200).render('statements/return', { pageTitle: 'Return the statement with reasons', ...view, values, errors, limits: LIMITS, backLink: `/statements/${view.statement.id}`, ...viewHelpers })
  }

  router.get('/statements/:statementId/return', canReview, (req, res) => renderReturn(req, res, {}))
  router.post('/statements/:statementId/return', canReview, async (req, res) => {
    const form = readReturnReason(req.body ?? {})
    if (!form.ok) return renderReturn(req, res, req.body ?? {}, form.errors)
    try {
      await statements.returnToOrganisation(req.user!.id, Number(req.params.statementId), form.data)
    } catch (error) {
      if (!(error instanceof InvalidInputError)) throw error
      return renderReturn(req, res, req.body, formErrors([{ field: 'reason', text: error.message }]))
    }
    res.flash('Statement returned; the organisation’s leads have been emailed your reasons')
    res.redirect(303, `/statements/${req.params.statementId}`)
  })

  return router
}
