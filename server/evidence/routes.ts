import express, { Request, Response, Router } from 'express'
import { can } from '../auth/permissions'
import { requirePermission } from '../auth/requirePermission'
import { NotFoundError } from '../errors'
import { formatDateTime } from '../forms/dates'
import { FormErrors, formErrors, orInputErrors } from '../forms/validation'
import { assertEditable, isEditable, loadedReturn, returnResource } from '../returns/loadedReturn'
import type { LoadedReturn } from '../returns/service'
import type { Services } from '../services'
import { formatBytes, MAX_FILE_BYTES, MAX_RETURN_BYTES } from './service'
import { EVIDENCE_ACCEPT, receiveEvidenceFile, sendEvidenceFile } from './upload'

const chosen = (value: unknown): string[] => (value === undefined ? [] : [value].flat().map(String))

/** A return's evidence files: the list, upload, download (organisation and reviewers) and removal. */
export function evidenceRoutes({ returns, evidence, reviews, logger }: Services): Router {
  const router = express.Router()
  const forThisReturn = returnResource(returns)
  const canView = requirePermission('return:view', forThisReturn)
  const canEdit = requirePermission('return:edit', forThisReturn)

  router.get('/returns/:id/evidence', canView, async (req, res) => {
    const loaded = await loadedReturn(returns, req)
    const files = await evidence.files(loaded.assessment.id)
    res.render('evidence/list', {
      pageTitle: 'Evidence files',
      ...loaded,
      files,
      used: formatBytes(files.reduce((sum, file) => sum + file.sizeBytes, 0)),
      limit: formatBytes(MAX_RETURN_BYTES),
      formatBytes,
      formatDateTime,
      canEdit: isEditable(loaded) && can(req.user, 'return:edit', await forThisReturn(req)),
      backLink: `/returns/${loaded.assessment.id}`,
    })
  })

  /**
   * An upload to answer the partnership's questions: allowed while a submitted return has a
   * question waiting for the organisation's answer. The file joins the return's files for the
   * answer to name; it is attached to no criterion, since the return's answers are locked.
   */
  async function forAnswers(req: Request, loaded: LoadedReturn): Promise<boolean> {
    if (String(req.body?.purpose ?? req.query.for ?? '') !== 'challenges' || isEditable(loaded)) return false
    return (await reviews.challenges(loaded.assessment.id)).some((challenge) => challenge.status === 'open')
  }

  async function uploadable(req: Request): Promise<{ loaded: LoadedReturn; answering: boolean }> {
    const loaded = await loadedReturn(returns, req)
    const answering = await forAnswers(req, loaded)
    if (!answering) assertEditable(loaded, req, logger)
    return { loaded, answering }
  }

  async function renderUpload(req: Request, res: Response, errors?: FormErrors) {
    const { loaded, answering } = await uploadable(req)
    // Answering a question, the file is attached to no criterion: the form offers none.
    const from = answering ? '' : String(req.body?.criterion ?? req.query.criterion ?? '')
    const standard = answering ? null : (loaded.standards.find((candidate) => candidate.criteria.some((criterion) => criterion.key === from)) ?? loaded.standards[0])
    const selected = answering ? [] : req.body?.criteria !== undefined || errors ? chosen(req.body?.criteria) : [from]
    const backToSection = from && standard ? `/returns/${loaded.assessment.id}/sections/${encodeURIComponent(standard.key)}#${encodeURIComponent(from)}-evidence-files` : null
    res.status(errors ? 400 : 200).render('evidence/upload', {
      pageTitle: answering ? 'Upload an evidence file for your answer' : 'Upload an evidence file',
      ...loaded,
      answering,
      standard,
      from: standard?.criteria.some((criterion) => criterion.key === from) ? from : '',
      selected,
      accept: EVIDENCE_ACCEPT,
      maxFile: formatBytes(MAX_FILE_BYTES),
      used: formatBytes(await evidence.usedBytes(loaded.assessment.id)),
      limit: formatBytes(MAX_RETURN_BYTES),
      errors,
      backLink: answering ? `/returns/${loaded.assessment.id}/challenges` : (backToSection ?? `/returns/${loaded.assessment.id}/evidence`),
    })
  }

  router.get('/returns/:id/evidence/new', canEdit, (req, res) => renderUpload(req, res))

  router.post('/returns/:id/evidence', canEdit, receiveEvidenceFile(renderUpload, 200), async (req, res) => {
    const { loaded, answering } = await uploadable(req)
    if (!req.file) return renderUpload(req, res, formErrors([{ field: 'file', text: 'Select a file to upload' }]))
    const criteria = answering ? [] : chosen(req.body.criteria)
    const uploaded = await orInputErrors(() => evidence.upload(req.user!.id, loaded, { name: req.file!.originalname, content: req.file!.buffer }, criteria))
    if (!uploaded.ok) return renderUpload(req, res, uploaded.errors)
    if (answering) {
      res.flash(`${uploaded.value.fileName} uploaded: choose it as the evidence file in your answer`)
      return res.redirect(`/returns/${loaded.assessment.id}/challenges`)
    }
    res.flash(`${uploaded.value.fileName} uploaded${criteria.length ? ` and attached to ${criteria.join(', ')}` : ''}`)
    const standard = loaded.standards.find((candidate) => candidate.criteria.some((criterion) => criterion.key === req.body.criterion))
    res.redirect(
      standard
        ? `/returns/${loaded.assessment.id}/sections/${encodeURIComponent(standard.key)}#${encodeURIComponent(String(req.body.criterion))}-evidence-files`
        : `/returns/${loaded.assessment.id}/evidence`,
    )
  })

  router.get('/returns/:id/evidence/:fileId', canView, async (req, res) => {
    const loaded = await loadedReturn(returns, req)
    const file = await evidence.download(loaded.assessment.id, Number(req.params.fileId) || 0)
    sendEvidenceFile(res, file)
  })

  router.get('/returns/:id/evidence/:fileId/remove', canEdit, async (req, res) => {
    const loaded = await loadedReturn(returns, req)
    assertEditable(loaded, req, logger)
    const file = (await evidence.files(loaded.assessment.id)).find((candidate) => candidate.id === Number(req.params.fileId))
    if (!file) throw new NotFoundError(`Evidence file ${req.params.fileId} is not part of this return`)
    res.render('evidence/remove', { pageTitle: `Remove ${file.fileName}`, ...loaded, file, backLink: `/returns/${loaded.assessment.id}/evidence` })
  })

  router.post('/returns/:id/evidence/:fileId/remove', canEdit, async (req, res) => {
    const loaded = await loadedReturn(returns, req)
    assertEditable(loaded, req, logger)
    const fileName = await evidence.remove(req.user!.id, loaded, Number(req.params.fileId) || 0)
    res.flash(`${fileName} removed`)
    res.redirect(`/returns/${loaded.assessment.id}/evidence`)
  })

  return router
}
