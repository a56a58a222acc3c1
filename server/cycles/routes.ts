import express, { Request, Response, Router } from 'express'
import { can } from '../auth/permissions'
import { currentPartnershipId, requirePermission } from '../auth/requirePermission'
import { returnStatusLabels } from '../db/models/assessmentReturn.model'
import { organisationRoleKindLabels, organisationRoleKinds, sizeTierLabels, sizeTiers } from '../db/models/organisationKinds'
import { formatDate, todayInEngland } from '../forms/dates'
import { FormErrors, orInputErrors, validateForm } from '../forms/validation'
import { SECTORS } from '../organisations/sectors'
import type { Services } from '../services'
import { cycleSchema, extensionSchema, reminderSchema } from './schema'

const inCurrentPartnership = (req: Request) => ({ partnershipId: currentPartnershipId(req) })

export function cycleRoutes({ cycleIssue, cycleProgress, frameworks, organisations, now }: Services): Router {
  const router = express.Router()
  const canView = requirePermission('cycles:view', inCurrentPartnership)
  const canManage = requirePermission('cycles:manage', inCurrentPartnership)
  const today = () => todayInEngland(now())

  async function renderForm(req: Request, res: Response, values: Record<string, unknown>, errors?: FormErrors) {
    const partnershipId = currentPartnershipId(req)
    const [versions, areas] = await Promise.all([frameworks.list(partnershipId), organisations.areas(partnershipId)])
    res.status(errors ? 400 : 200).render('cycles/form', {
      pageTitle: 'Issue a cycle',
      values,
      errors,
      versionItems: versions.map((version) => ({ value: String(version.id), text: `${version.title}, version ${version.version}` })),
      roleItems: organisationRoleKinds.map((value) => ({ value, text: organisationRoleKindLabels[value] })),
      sectorItems: SECTORS.map((sector) => ({ value: sector.key, text: sector.label })),
      areaItems: areas.map((area) => ({ value: String(area.id), text: area.name })),
      tierItems: sizeTiers.map((value) => ({ value, text: sizeTierLabels[value] })),
    })
  }

  async function renderProgress(req: Request, res: Response, errors?: FormErrors) {
    const progress = await cycleProgress.progress(currentPartnershipId(req), Number(req.params.id), today())
    res.status(errors ? 400 : 200).render('cycles/show', {
      pageTitle: `${progress.cycle.name} cycle`,
      ...progress,
      errors,
      statusLabels: returnStatusLabels,
      formatDate,
      canManage: can(req.user, 'cycles:manage', inCurrentPartnership(req)),
    })
  }

  router.get('/cycles', canView, async (req, res) => {
    res.render('cycles/list', {
      pageTitle: 'Assessment cycles',
      cycles: await cycleProgress.list(currentPartnershipId(req)),
      formatDate,
      canManage: can(req.user, 'cycles:manage', inCurrentPartnership(req)),
    })
  })

  router.get('/cycles/new', canManage, (req, res) => renderForm(req, res, {}))

  /** Checks the form and shows who the cycle would go to, before anything is created. */
  router.post('/cycles/new', canManage, async (req, res) => {
    const form = validateForm(cycleSchema, req.body)
    if (!form.ok || req.body.change === 'yes') return renderForm(req, res, req.body, form.ok ? undefined : form.errors)
    const partnershipId = currentPartnershipId(req)
    const [version, matching] = await Promise.all([frameworks.get(partnershipId, form.data.frameworkVersionId), cycleIssue.matchingOrganisations(partnershipId, form.data)])
    res.render('cycles/preview', { pageTitle: 'Check who the cycle goes to', cycle: form.data, values: req.body, version, organisations: matching, formatDate })
  })

  router.post('/cycles/issue', canManage, async (req, res) => {
    const form = validateForm(cycleSchema, req.body)
    if (!form.ok) return renderForm(req, res, req.body, form.errors)
    const issued = await orInputErrors(() => cycleIssue.issue(req.user!.id, currentPartnershipId(req), form.data))
    if (!issued.ok) return renderForm(req, res, req.body, issued.errors)
    const { cycle, issued: count, shared } = issued.value
    res.flash(`${cycle.name} issued to ${count} organisation${count === 1 ? '' : 's'}${shared ? ` (${shared} share a return already started for another partnership)` : ''}`)
    res.redirect(`/cycles/${cycle.id}`)
  })

  router.get('/cycles/:id', canView, (req, res) => renderProgress(req, res))

  router.post('/cycles/:id/reminders', canManage, async (req, res) => {
    const form = validateForm(reminderSchema, req.body)
    if (!form.ok) return renderProgress(req, res, form.errors)
    const reminded = await orInputErrors(() => cycleProgress.remind(req.user!.id, currentPartnershipId(req), Number(req.params.id), form.data, today()))
    if (!reminded.ok) return renderProgress(req, res, reminded.errors)
    const { organisations: remindedCount, emails, withoutLead } = reminded.value
    res.flash(
      `${emails} reminder email${emails === 1 ? '' : 's'} sent for ${remindedCount} organisation${remindedCount === 1 ? '' : 's'}.` +
      (withoutLead.length ? ` No active lead to email at: ${withoutLead.join(', ')}. Invite a lead from the users page.` : ''),
    )
    res.redirect(`/cycles/${req.params.id}`)
  })

  async function renderReturnAction(req: Request, res: Response, view: 'extend' | 'withdraw', errors?: FormErrors) {
    const progress = await cycleProgress.progress(currentPartnershipId(req), Number(req.params.id), today())
    const row = progress.outstanding.find((candidate) => candidate.returnId === Number(req.params.returnId))
    if (!row) return res.status(404).render('errors/not-found', { pageTitle: 'Page not found' })
    res.status(errors ? 400 : 200).render(`cycles/${view}`, {
      pageTitle: view === 'extend' ? `Extend the deadline for ${row.organisationName}` : `Withdraw ${row.organisationName} from ${progress.cycle.name}`,
      cycle: progress.cycle,
      row,
      values: req.body ?? {},
      errors,
      formatDate,
    })
  }

  router.get('/cycles/:id/returns/:returnId/extend', canManage, (req, res) => renderReturnAction(req, res, 'extend'))
  router.post('/cycles/:id/returns/:returnId/extend', canManage, async (req, res) => {
    const form = validateForm(extensionSchema, req.body)
    if (!form.ok) return renderReturnAction(req, res, 'extend', form.errors)
    const extended = await orInputErrors(() =>
      cycleProgress.extend(req.user!.id, currentPartnershipId(req), Number(req.params.id), Number(req.params.returnId), form.data.dueOn),
    )
    if (!extended.ok) return renderReturnAction(req, res, 'extend', extended.errors)
    res.flash(`Deadline extended to ${formatDate(form.data.dueOn)}`)
    res.redirect(`/cycles/${req.params.id}`)
  })

  router.get('/cycles/:id/returns/:returnId/withdraw', canManage, (req, res) => renderReturnAction(req, res, 'withdraw'))
  router.post('/cycles/:id/returns/:returnId/withdraw', canManage, async (req, res) => {
    await cycleProgress.withdraw(req.user!.id, currentPartnershipId(req), Number(req.params.id), Number(req.params.returnId))
    res.flash('Organisation withdrawn from the cycle')
    res.redirect(`/cycles/${req.params.id}`)
  })

  return router
}
