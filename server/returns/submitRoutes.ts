import express, { Request, Response, Router } from 'express'
import { z } from 'zod'
import { can } from '../auth/permissions'
import { requirePermission } from '../auth/requirePermission'
import { formatDate } from '../forms/dates'
import { FormErrors, orInputErrors, requiredText, validateForm } from '../forms/validation'
import type { Services } from '../services'
import { isEditable, loadedReturn, returnResource } from './loadedReturn'
import { questionAnswersInWords } from './questionAnswers'

const declarationSchema = z.object({
  name: requiredText('Enter your full name'),
  jobTitle: requiredText('Enter your job title'),
  approved: z.literal('yes', { error: 'Confirm that the return is accurate and approved by your senior safeguarding lead' }),
})

/** Check your answers, the lead's declaration, submission and its confirmation. */
export function returnSubmitRoutes({ returns, returnSubmit, evidence }: Services): Router {
  const router = express.Router()
  const forThisReturn = returnResource(returns)

  async function renderCheck(req: Request, res: Response, errors?: FormErrors) {
    const loaded = await loadedReturn(returns, req)
    const sections = await Promise.all(loaded.standards.map(async (standard) => ({ standard, ...(await returns.section(loaded.assessment.id, standard.key, loaded)) })))
    const fileNames = new Map((await evidence.files(loaded.assessment.id)).map((file) => [file.id, file.fileName]))
    res.status(errors ? 400 : 200).render('returns/check', {
      pageTitle: 'Check your answers before submitting',
      ...loaded,
      sections,
      fileNames,
      formatDate,
      questionAnswersInWords,
      scale: loaded.version.definition.scoreScale.levels,
      incomplete: await returnSubmit.incompleteSections(loaded.assessment.id),
      canSubmit: can(req.user, 'return:submit', await forThisReturn(req)) && isEditable(loaded),
      values: req.body ?? {},
      errors,
      backLink: `/returns/${loaded.assessment.id}`,
    })
  }

  router.get('/returns/:id/check', requirePermission('return:edit', forThisReturn), (req, res) => renderCheck(req, res))

  router.post('/returns/:id/submit', requirePermission('return:submit', forThisReturn), async (req, res) => {
    const form = validateForm(declarationSchema, req.body)
    if (!form.ok) return renderCheck(req, res, form.errors)
    const submitted = await orInputErrors(() =>
      returnSubmit.submit(req.user!.id, Number(req.params.id), { name: form.data.name, jobTitle: form.data.jobTitle, approvedBySeniorLead: true }),
    )
    if (!submitted.ok) return renderCheck(req, res, submitted.errors)
    res.redirect(`/returns/${req.params.id}/submitted`)
  })

  router.get('/returns/:id/submitted', requirePermission('return:view', forThisReturn), async (req, res) => {
    const loaded = await loadedReturn(returns, req)
    res.render('returns/submitted', { pageTitle: 'Return submitted', ...loaded })
  })

  return router
}
