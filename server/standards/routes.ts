import express, { Request, Response, Router } from 'express'
import multer from 'multer'
import { z } from 'zod'
import { can } from '../auth/permissions'
import { currentPartnershipId, requirePermission } from '../auth/requirePermission'
import { organisationRoleKindLabels, organisationRoleKinds, sizeTierLabels, sizeTiers } from '../db/models/organisationKinds'
import { NotFoundError } from '../errors'
import { FormErrors, formErrors } from '../forms/validation'
import { SECTORS } from '../organisations/sectors'
import type { Services } from '../services'
import { standardsFor } from './applicability'
import { compareVersions } from './compareVersions'

const MAX_FRAMEWORK_BYTES = 1024 * 1024
const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: MAX_FRAMEWORK_BYTES, files: 1, fields: 5 } })

const inCurrentPartnership = (req: Request) => ({ partnershipId: currentPartnershipId(req) })

const profileSchema = z.object({
  role: z.enum(organisationRoleKinds).catch('relevant_agency'),
  sector: z.string().refine((key) => SECTORS.some((sector) => sector.key === key)).catch('nhs-provider'),
  tier: z.enum(sizeTiers).catch('large'),
})

/** A YAML upload must be text: refuse binaries (a NUL byte) and anything that is not UTF-8. */
function uploadedText(file: Express.Multer.File | undefined): { text?: string; error?: string } {
  if (!file || file.size === 0) return { error: 'Select a YAML file to upload' }
  if (!/\.ya?ml$/i.test(file.originalname)) return { error: 'The file must be a YAML file ending .yaml or .yml' }
  if (file.buffer.includes(0)) return { error: 'The file must be a YAML text file' }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(file.buffer) }
  } catch {
    return { error: 'The file must be a YAML text file saved as UTF-8' }
  }
}

export function frameworkRoutes({ frameworks }: Services): Router {
  const router = express.Router()
  const canView = requirePermission('frameworks:view', inCurrentPartnership)
  const canManage = requirePermission('frameworks:manage', inCurrentPartnership)

  router.get('/frameworks', canView, async (req, res) => {
    const [versions, cycleCounts] = await Promise.all([frameworks.list(currentPartnershipId(req)), frameworks.cycleCounts()])
    const rows = versions.map((version) => ({ version, cycles: cycleCounts.get(version.id) ?? 0 }))
    res.render('frameworks/list', { pageTitle: 'Frameworks', rows, canManage: can(req.user, 'frameworks:manage', inCurrentPartnership(req)) })
  })

  const renderUpload = (res: Response, errors?: FormErrors, problems: { line: number; message: string }[] = []) =>
    res.status(errors ? 400 : 200).render('frameworks/upload', { pageTitle: 'Upload a framework version', errors, problems, maxBytes: MAX_FRAMEWORK_BYTES })

  router.get('/frameworks/upload', canManage, (_req, res) => renderUpload(res))

  router.post('/frameworks/upload', canManage, (req, res, next) => {
    upload.single('file')(req, res, (error: unknown) => {
      if (error instanceof multer.MulterError) {
        const text = error.code === 'LIMIT_FILE_SIZE' ? 'The file must be smaller than 1 MB' : 'Upload one YAML file'
        return renderUpload(res, formErrors([{ field: 'file', text }]))
      }
      next(error)
    })
  }, async (req, res) => {
    const { text, error } = uploadedText(req.file)
    if (error || text === undefined) return renderUpload(res, formErrors([{ field: 'file', text: error ?? 'Select a YAML file to upload' }]))
    const result = await frameworks.upload(req.user!.id, currentPartnershipId(req), req.file!.originalname, text)
    if (!result.ok) {
      const errors = formErrors(result.problems.slice(0, 1).map(() => ({ field: 'file', text: `${req.file!.originalname} has ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}: nothing was saved` })))
      errors.list.push(...result.problems.map((problem) => ({ text: `Line ${problem.line}: ${problem.message}`, href: '#file' })))
      return renderUpload(res, errors, result.problems)
    }
    res.flash(`${result.version.title} version ${result.version.version} has been added`)
    res.redirect(`/frameworks/${result.version.id}`)
  })

  router.get('/frameworks/:id', canView, async (req, res) => {
    const partnershipId = currentPartnershipId(req)
    const version = await frameworks.get(partnershipId, Number(req.params.id))
    const profile = profileSchema.parse(req.query)
    const framework = version.definition
    const standards = standardsFor(framework, { role: profile.role, sectorKey: profile.sector, sizeTier: profile.tier })
    const total = framework.standards.reduce((sum, standard) => sum + standard.criteria.length, 0)
    const shown = standards.reduce((sum, standard) => sum + standard.criteria.length, 0)
    const versions = await frameworks.list(partnershipId)
    const previous = versions.find((other) => other.key === version.key && other.version === framework.previousVersion)
    res.render('frameworks/show', {
      pageTitle: `${framework.title} ${framework.version}`,
      version,
      framework,
      standards,
      profile,
      total,
      shown,
      previous,
      roleItems: organisationRoleKinds.map((value) => ({ value, text: organisationRoleKindLabels[value] })),
      sectorItems: SECTORS.map((sector) => ({ value: sector.key, text: sector.label })),
      tierItems: sizeTiers.map((value) => ({ value, text: sizeTierLabels[value] })),
      cycles: await frameworks.usedByCycles(version.id),
    })
  })

  router.get('/frameworks/:id/compare', canView, async (req, res) => {
    const partnershipId = currentPartnershipId(req)
    const version = await frameworks.get(partnershipId, Number(req.params.id))
    const previous = (await frameworks.list(partnershipId)).find((other) => other.key === version.key && other.version === version.definition.previousVersion)
    if (!previous) throw new NotFoundError(`${version.key} ${version.version} has no previous version`)
    res.render('frameworks/compare', {
      pageTitle: `Compare ${version.title} ${previous.version} and ${version.version}`,
      version,
      previous,
      rows: compareVersions(previous.definition, version.definition),
    })
  })

  return router
}
