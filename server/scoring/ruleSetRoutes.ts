import express, { Request, Response, Router } from 'express'
import multer from 'multer'
import { can } from '../auth/permissions'
import { currentPartnershipId, requirePermission } from '../auth/requirePermission'
import { Cycle, ScoringJob } from '../db/models'
import { NotFoundError } from '../errors'
import { formatDateTime } from '../forms/dates'
import { FormErrors, formErrors, orInputErrors } from '../forms/validation'
import type { Services } from '../services'
import { checkRuleSet } from './checkRuleSet'

const MAX_RULES_BYTES = 512 * 1024
const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: MAX_RULES_BYTES, files: 1, fields: 5 } })

const inCurrentPartnership = (req: Request) => ({ partnershipId: currentPartnershipId(req) })

/** A rule set upload must be UTF-8 JSON text. */
function uploadedJson(file: Express.Multer.File | undefined): { text?: string; error?: string } {
  if (!file || file.size === 0) return { error: 'Select a JSON rule set file to upload' }
  if (!/\.json$/i.test(file.originalname)) return { error: 'The file must be a JSON file ending .json' }
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(file.buffer)
    return text.includes('\u0000') ? { error: 'The file must be a JSON text file' } : { text }
  } catch {
    return { error: 'The file must be a JSON text file saved as UTF-8' }
  }
}

/** Admins read, upload, preview and publish a framework version's rule sets, and rescore cycles. */
export function ruleSetRoutes({ frameworks, ruleSets, ruleSetPreview, scoring, scoringJobs }: Services): Router {
  const router = express.Router()
  const canView = requirePermission('frameworks:view', inCurrentPartnership)
  const canManage = requirePermission('frameworks:manage', inCurrentPartnership)
  const versionOf = (req: Request) => frameworks.get(currentPartnershipId(req), Number(req.params.id))

  router.get('/frameworks/:id/rules', canView, async (req, res) => {
    const partnershipId = currentPartnershipId(req)
    const version = await versionOf(req)
    const [versions, published, failures, cycles] = await Promise.all([
      ruleSets.versionsOf(version.id),
      ruleSets.published(version.id),
      scoring.failures(version.id, partnershipId),
      Cycle.findAll({ where: { partnershipId, frameworkVersionId: version.id }, order: [['opensOn', 'DESC']] }),
    ])
    const jobs = await ScoringJob.findAll({ where: { cycleId: cycles.map((cycle) => cycle.id) }, order: [['id', 'DESC']] })
    const rules = published ? checkRuleSet(published.source, version.definition) : undefined
    res.render('scoring/rules', {
      pageTitle: `Scoring rules: ${version.title} ${version.version}`,
      version,
      versions,
      published,
      rules: rules?.ok ? rules.ruleSet.rules : [],
      failures,
      cycles: cycles.map((cycle) => ({ cycle, job: jobs.find((job) => job.cycleId === cycle.id) })),
      canManage: can(req.user, 'frameworks:manage', inCurrentPartnership(req)),
      canRescore: can(req.user, 'cycles:manage', inCurrentPartnership(req)),
      formatDateTime,
      backLink: `/frameworks/${version.id}`,
    })
  })

  router.get('/frameworks/:id/rules/:ruleSetId/download', canView, async (req, res) => {
    const version = await versionOf(req)
    const ruleSet = await ruleSets.get(Number(req.params.ruleSetId), version.id)
    res.attachment(`${version.key}.${version.version}.rules-v${ruleSet.version}.json`).type('application/json').send(ruleSet.source)
  })

  const renderUpload = async (req: Request, res: Response, errors?: FormErrors) =>
    res.status(errors ? 400 : 200).render('scoring/upload', { pageTitle: 'Upload a changed rule set', version: await versionOf(req), errors, backLink: `/frameworks/${req.params.id}/rules` })

  router.get('/frameworks/:id/rules/upload', canManage, (req, res) => renderUpload(req, res))

  router.post('/frameworks/:id/rules/upload', canManage, (req, res, next) => {
    upload.single('file')(req, res, (error: unknown) => {
      if (error instanceof multer.MulterError) return renderUpload(req, res, formErrors([{ field: 'file', text: error.code === 'LIMIT_FILE_SIZE' ? 'The file must be smaller than 512 KB' : 'Upload one JSON file' }]))
      next(error)
    })
  }, async (req, res) => {
    const version = await versionOf(req)
    const { text, error } = uploadedJson(req.file)
    if (error || text === undefined) return renderUpload(req, res, formErrors([{ field: 'file', text: error ?? 'Select a JSON rule set file to upload' }]))
    const result = await ruleSets.uploadDraft(req.user!.id, currentPartnershipId(req), version, text)
    if (!result.ok) {
      const errors = formErrors([{ field: 'file', text: `${req.file!.originalname} has ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}: nothing was saved` }])
      errors.list.push(...result.problems.map((problem) => ({ text: problem, href: '#file' })))
      return renderUpload(req, res, errors)
    }
    res.redirect(`/frameworks/${version.id}/rules/${result.ruleSet.id}/preview`)
  })

  router.get('/frameworks/:id/rules/:ruleSetId/preview', canManage, async (req, res) => {
    const version = await versionOf(req)
    const ruleSet = await ruleSets.get(Number(req.params.ruleSetId), version.id)
    res.render('scoring/preview', {
      pageTitle: `Preview rule set version ${ruleSet.version}`,
      version,
      ruleSet,
      preview: await ruleSetPreview.preview(currentPartnershipId(req), ruleSet),
      published: await ruleSets.published(version.id),
      backLink: `/frameworks/${version.id}/rules`,
    })
  })

  router.post('/frameworks/:id/rules/:ruleSetId/publish', canManage, async (req, res) => {
    const partnershipId = currentPartnershipId(req)
    const version = await versionOf(req)
    const ruleSet = await ruleSets.get(Number(req.params.ruleSetId), version.id)
    const preview = await ruleSetPreview.preview(partnershipId, ruleSet)
    if (ruleSet.publishedAt || preview.failures.length) return res.redirect(`/frameworks/${version.id}/rules/${ruleSet.id}/preview`)
    await ruleSets.publish(req.user!.id, partnershipId, ruleSet)
    res.flash(`Rule set version ${ruleSet.version} is published: new submissions are scored with it. Rescore a cycle to apply it to returns already scored.`)
    res.redirect(`/frameworks/${version.id}/rules`)
  })

  const cycleOf = async (req: Request) => {
    const cycle = await Cycle.findByPk(Number(req.params.id))
    if (!cycle) throw new NotFoundError('Cycle not found')
    return cycle
  }

  router.post('/cycles/:id/rescore', requirePermission('cycles:manage', async (req) => ({ partnershipId: (await cycleOf(req)).partnershipId })), async (req, res) => {
    const cycle = await cycleOf(req)
    const job = await orInputErrors(() => scoringJobs.createOrResume(req.user!.id, cycle.id))
    if (!job.ok) {
      res.flash(job.errors.list[0]?.text)
      return res.redirect(`/frameworks/${cycle.frameworkVersionId}/rules`)
    }
    res.redirect(`/scoring-jobs/${job.value.id}`)
  })

  const jobOf = async (req: Request) => {
    const job = await ScoringJob.findByPk(Number(req.params.id), { include: [{ model: Cycle, as: 'cycle' }] })
    if (!job) throw new NotFoundError('Scoring job not found')
    return job as ScoringJob & { cycle: Cycle }
  }

  router.get('/scoring-jobs/:id', requirePermission('cycles:view', async (req) => ({ partnershipId: (await jobOf(req)).cycle.partnershipId })), async (req, res) => {
    const job = await jobOf(req)
    res.render('scoring/job', {
      pageTitle: `Rescoring ${job.cycle.name}`,
      job,
      percent: job.total ? Math.floor((job.done / job.total) * 100) : 100,
      ruleSet: await ruleSets.get(job.ruleSetId),
      backLink: `/frameworks/${job.cycle.frameworkVersionId}/rules`,
    })
  })

  router.get('/scoring-jobs/:id/progress', requirePermission('cycles:view', async (req) => ({ partnershipId: (await jobOf(req)).cycle.partnershipId })), async (req, res) => {
    const job = await jobOf(req)
    res.set('Cache-Control', 'no-store').json({ status: job.status, done: job.done, total: job.total, failed: job.failed, percent: job.total ? Math.floor((job.done / job.total) * 100) : 100 })
  })

  return router
}
