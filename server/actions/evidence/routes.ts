import { create as contentDisposition } from 'content-disposition'
import express, { NextFunction, Request, Response, Router } from 'express'
import multer from 'multer'
import { EVIDENCE_TAGS, evidenceTagLabels } from '../../db/models/actionEvidence.model'
import { EVIDENCE_TYPES, EvidenceTypeKey } from '../../evidence/fileType'
import { formatBytes, MAX_FILE_BYTES } from '../../evidence/service'
import { NotFoundError } from '../../errors'
import { FormErrors, formErrors, orInputErrors, validateForm } from '../../forms/validation'
import type { Services } from '../../services'
import { canOnAction, requireActionPermission } from '../access'
import { isFinished } from '../measures/service'
import { evidenceSchema, evidenceTagHints } from './schema'

const ACCEPT = Object.values(EVIDENCE_TYPES)
  .flatMap((type) => type.extensions.map((extension) => `.${extension}`))
  .join(',')

// The same limits as a return's evidence files (server/evidence/routes.ts); the content checks are shared in the service.
const upload = multer({ storage: multer.memoryStorage(), defParamCharset: 'utf8', limits: { fileSize: MAX_FILE_BYTES, files: 1, fields: 20 } })

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
      accept: ACCEPT,
      maxFile: formatBytes(MAX_FILE_BYTES),
      errors,
      backLink: actionPage(action.id),
    })
  }

  /** Parses the form and its one file; a file too big, or more than one, is a form error with the rest kept. */
  function receiveFile(req: Request, res: Response, next: NextFunction) {
    upload.single('file')(req, res, (error: unknown) => {
      if (!(error instanceof multer.MulterError)) return next(error)
      renderForm(req, res, formErrors([{ field: 'file', text: error.code === 'LIMIT_FILE_SIZE' ? `The selected file must be smaller than ${formatBytes(MAX_FILE_BYTES)}` : 'Upload one file at a time' }]))
    })
  }

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
    const type: { contentType: string; inline: boolean } = EVIDENCE_TYPES[item.fileType as EvidenceTypeKey] ?? { contentType: 'application/octet-stream', inline: false }
    res.setHeader('Content-Type', type.contentType)
    res.setHeader('Content-Disposition', contentDisposition(item.fileName, { type: type.inline ? 'inline' : 'attachment' }))
    // Evidence is confidential: never kept by a shared cache or the browser's back button.
    res.setHeader('Cache-Control', 'private, no-store')
    res.send(item.content)
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
