import express, { Request, Response, Router } from 'express'
import { requirePermission } from '../auth/requirePermission'
import { formatDateTime } from '../forms/dates'
import { FormErrors, orInputErrors, validateForm } from '../forms/validation'
import { loadedReturn, returnResource } from '../returns/loadedReturn'
import type { Services } from '../services'
import { answerSchema } from './schema'

/** The organisation's side of a review: the partnership's challenges on its return, and its answers. */
export function challengeAnswerRoutes({ returns, reviews, evidence }: Services): Router {
  const router = express.Router()
  const forThisReturn = returnResource(returns)

  async function renderChallenges(req: Request, res: Response, errors?: FormErrors, answering?: number) {
    const loaded = await loadedReturn(returns, req)
    res.status(errors ? 400 : 200).render('qa/challenges', {
      pageTitle: `Questions from the partnership: ${loaded.organisation.name}`,
      ...loaded,
      challenges: await reviews.challenges(loaded.assessment.id),
      files: await evidence.files(loaded.assessment.id),
      answering,
      values: req.body ?? {},
      errors,
      formatDateTime,
      backLink: `/returns/${loaded.assessment.id}`,
    })
  }

  router.get('/returns/:id/challenges', requirePermission('return:view', forThisReturn), (req, res) => renderChallenges(req, res))

  router.post('/returns/:id/challenges/:challengeId/answer', requirePermission('return:answerChallenges', forThisReturn), async (req, res) => {
    const challengeId = Number(req.params.challengeId)
    const form = validateForm(answerSchema, req.body)
    if (!form.ok) return renderChallenges(req, res, form.errors, challengeId)
    const done = await orInputErrors(async () => reviews.answerChallenge(req.user!.id, await loadedReturn(returns, req), challengeId, form.data.answer, form.data.evidenceFileId))
    if (!done.ok) return renderChallenges(req, res, done.errors, challengeId)
    res.flash('Answer sent: the reviewer has been emailed')
    res.redirect(`/returns/${req.params.id}/challenges`)
  })

  return router
}
