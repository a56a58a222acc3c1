import express, { Request, Response, Router } from 'express'
import { EVIDENCE_TAGS, evidenceTagLabels } from '../../db/models/actionEvidence.model'
import { formatBytes, MAX_FILE_BYTES } from '../../evidence/service'
import { EVIDENCE_ACCEPT, receiveEvidenceFile, sendEvidenceFile } from '../../evidence/upload'
import { NotFoundError } from '../../errors'
import { FormErrors, orInputErrors, validateForm } from '../../forms/validation'
import type { Services } from '../../services'
import { canOnAction, requireActionPermission } from '../access'
import { isFinished } from '../measures/service'
import { evidenceSchema, evidenceTagHints } from './schema'

const idOf = (value: unknown) => (/^\d{1,9}$/.test(String(value)) ? Number(value) : 0)

/** An action's evidence items: add (with a file or not), download a file, remove. */
export function actionEvidenceRoutes({ actionEvidence }: Services): Router {
  const router = express.Router()
  const canView = requireActionPermission('action:view')
  const canUpdate = requireActionPermission('action:update')
  const actionPage = (actionId: number) => `/actions/${actionId}#evidence`

  function renderForm(req: Request, res: Response, errors?: FormErrors) {
    const action = res.locals.action!
    res.status(errors ? 400 : 200).render('actions/evidence/form', {
      pageTitle: 'Add evidence',
      action,
      finished: isFinished(action),
      values: req.body ?? {},
      tags: EVIDENCE_TAGS.map((tag) => ({ value: tag, text: evidenceTagLabels[tag], hint: { text: evidenceTagHints[tag] } })),
      accept: EVIDENCE_ACCEPT,
      maxFile: formatBytes(MAX_FILE_BYTES),
      errors,
      backLink: actionPage(action.id),
    })
  }

  // Fields: the tag, the description and the token.
  const receiveFile = receiveEvidenceFile(renderForm, 20)

  router.get('/actions/:actionId/evidence/new', canUpdate, (req, res) => renderForm(req, res))

  router.post('/actions/:actionId/evidence/new', canUpdate, receiveFile, async (req, res) => {
    const form = validateForm(evidenceSchema, req.body)
    if (!form.ok) return renderForm(req, res, form.errors)
    const file = req.file ? { name: req.file.originalname, content: req.file.buffer } : undefined
    const done = await orInputErrors(() => actionEvidence.add(req.user!.id, res.locals.action!.id, form.data, file))
    if (!done.ok) return renderForm(req, res, done.errors)
    res.flash(`${evidenceTagLabels[done.value.tag]} evidence added${done.value.fileName ? ` with ${done.value.fileName}` : ''}`)
    res.redirect(actionPage(res.locals.action!.id))
  })

  // Images and PDFs open in the browser, as a return's evidence files do; anything else only downloads.
  router.get('/actions/:actionId/evidence/:evidenceId/file', canView, async (req, res) => {
    const item = await actionEvidence.find(res.locals.action!.id, idOf(req.params.evidenceId), true)
    if (!item.content || !item.fileName) throw new NotFoundError(`Evidence item ${item.id} has no file`)
    sendEvidenceFile(res, { fileName: item.fileName, fileType: item.fileType, content: item.content })
  })

  async function renderRemove(req: Request, res: Response, errors?: FormErrors) {
    const action = res.locals.action!
    const item = await actionEvidence.find(action.id, idOf(req.params.evidenceId))
    res.status(errors ? 400 : 200).render('actions/evidence/remove', { pageTitle: 'Remove an evidence item', action, item, tagLabel: evidenceTagLabels[item.tag], errors, backLink: actionPage(action.id) })
  }

  router.get('/actions/:actionId/evidence/:evidenceId/remove', canUpdate, (req, res) => renderRemove(req, res))

  router.post('/actions/:actionId/evidence/:evidenceId/remove', canUpdate, async (req, res) => {
    const action = res.locals.action!
    const done = await orInputErrors(() => actionEvidence.remove(req.user!.id, action.id, idOf(req.params.evidenceId), canOnAction(req.user, 'action:edit', action)))
    if (!done.ok) return renderRemove(req, res, done.errors)
    res.flash(`${evidenceTagLabels[done.value.tag]} evidence removed`)
    res.redirect(actionPage(action.id))
  })

  return router
}
