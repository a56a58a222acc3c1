import { create as contentDisposition } from 'content-disposition'
import type { NextFunction, Request, Response } from 'express'
import multer from 'multer'
import { FormErrors, formErrors } from '../forms/validation'
import { EVIDENCE_TYPES, EvidenceTypeKey } from './fileType'
import { formatBytes, MAX_FILE_BYTES } from './service'

/** What a file input offers to choose: every evidence type's extensions. */
export const EVIDENCE_ACCEPT = Object.values(EVIDENCE_TYPES)
  .flatMap((type) => type.extensions.map((extension) => `.${extension}`))
  .join(',')

/**
 * Parses a multipart form with one evidence file (at most MAX_FILE_BYTES); a file too big or too
 * many become a form error, rendered with what was typed, not a crash. The content checks are the
 * evidence service's.
 */
export function receiveEvidenceFile(render: (req: Request, res: Response, errors: FormErrors) => unknown, maxFields: number) {
  const upload = multer({ storage: multer.memoryStorage(), defParamCharset: 'utf8', limits: { fileSize: MAX_FILE_BYTES, files: 1, fields: maxFields } })
  return (req: Request, res: Response, next: NextFunction) => {
    upload.single('file')(req, res, (error: unknown) => {
      if (!(error instanceof multer.MulterError)) return next(error)
      const text = error.code === 'LIMIT_FILE_SIZE' ? `The selected file must be smaller than ${formatBytes(MAX_FILE_BYTES)}` : 'Upload one file at a time'
      Promise.resolve(render(req, res, formErrors([{ field: 'file', text }]))).catch(next)
    })
  }
}

/** Sends an evidence file: images and PDFs open in the browser, anything else only downloads; never cached (evidence is confidential). */
export function sendEvidenceFile(res: Response, file: { fileName: string; fileType: string | null; content: Buffer }): void {
  const type: { contentType: string; inline: boolean } = EVIDENCE_TYPES[file.fileType as EvidenceTypeKey] ?? { contentType: 'application/octet-stream', inline: false }
  res.setHeader('Content-Type', type.contentType)
  res.setHeader('Content-Disposition', contentDisposition(file.fileName, { type: type.inline ? 'inline' : 'attachment' }))
  res.setHeader('Cache-Control', 'private, no-store')
  res.send(file.content)
}
