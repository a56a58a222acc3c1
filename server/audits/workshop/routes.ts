import express, { Request, Response, Router } from 'express'
import { caseActions } from '../../actions/caseActions'
import { sourcePanels } from '../../actions/sources/actionsForSource'
import { NotFoundError } from '../../errors'
import { formatDate, formatDateTime, todayInEngland } from '../../forms/dates'
import { FormErrors, orInputErrors, validateForm } from '../../forms/validation'
import type { Services } from '../../services'
import { requireFacilitator, requireFacilitatorOrOverseer } from '../grading/guards'
import { caseInRound, CaseContext, gradingStatusLabels, missingSubmissions, roundSubmissions } from '../grading/queries'
import { workshopView } from './queries'
import { ACTIONS_PER_CASE, agreementValues, closeSchema, dipSampleSchema, FINDINGS_MAX, NOTE_MAX, readAgreement, workshopField } from './schema'
import { AgreementConflictError } from './service'
import { describeCase } from '../cases/reference'

const workshopPath = (context: CaseContext) => `/audits/${context.round.id}/cases/${context.auditCase.id}/workshop`
const dipSamplePath = (context: CaseContext) => `/audits/${context.round.id}/cases/${context.auditCase.id}/dip-sample`

/** The workshop: each agency's grades side by side, the agreed record per case, dip samples, and closing the round. */
export function auditWorkshopRoutes({ auditGrading, auditWorkshop, auditRoundClosing, now }: Services): Router {
  const router = express.Router()
  const today = () => todayInEngland(now())
  const caseContext = (req: Request, res: Response) => caseInRound(res.locals.round!, Number(req.params.caseId))

  async function renderWorkshop(res: Response, context: CaseContext, options: { values?: Record<string, unknown>; errors?: FormErrors; conflict?: AgreementConflictError } = {}) {
    const view = await workshopView(context)
    const values = options.values ?? agreementValues(view.snapshot, view.caseThemeIds)
    const filledActions = [...Array(ACTIONS_PER_CASE).keys()].filter((row) => ['title', 'outcome', 'owner-name'].some((part) => values[workshopField.action(row, part as 'title')]))
    const gradeLabel = (key: string | null | undefined) => context.tool.gradeScale.find((grade) => grade.key === key)?.label ?? 'Not agreed yet'
    res.status(options.conflict ? 409 : options.errors ? 400 : 200).render('audits/workshop/workshop', {
      describeCase,
      inThePlan: (await sourcePanels(res.locals.user, 'audit_case', [context.auditCase.id], [context.round.partnershipId], now())).get(context.auditCase.id),
      pageTitle: `Workshop: ${context.auditCase.reference}`,
      ...context,
      ...view,
      canRecord: res.locals.roundAccess!.facilitates && context.round.status === 'open',
      facilitates: res.locals.roundAccess!.facilitates,
      values,
      version: options.conflict ? (view.agreement?.version ?? 0) : (options.values?.version ?? view.agreement?.version ?? 0),
      errors: options.errors,
      conflict: options.conflict,
      actionRows: Math.min(ACTIONS_PER_CASE, (filledActions.length ? filledActions[filledActions.length - 1] + 1 : 0) + 2),
      gradeLabel,
      ownerName: (id: number | null) => view.owners.find((owner) => owner.id === id)?.name ?? 'No agency',
      statusLabels: gradingStatusLabels,
      workshopField,
      findingsMax: FINDINGS_MAX,
      noteMax: NOTE_MAX,
      path: workshopPath(context),
      dipSamplePath: dipSamplePath(context),
      formatDate,
      formatDateTime,
      backLink: `/audits/${context.round.id}/submissions`,
    })
  }

  router.get('/audits/:roundId/cases/:caseId/workshop', ...requireFacilitatorOrOverseer, async (req, res) => {
    const context = await caseContext(req, res)
    await auditGrading.recordView(req.user!.id, context, 'workshop')
    await renderWorkshop(res, context)
  })

  router.post('/audits/:roundId/cases/:caseId/workshop', requireFacilitator, async (req, res) => {
    const context = await caseContext(req, res)
    const view = await workshopView(context)
    const savedActions = new Map((await caseActions(context.auditCase.id)).map((action) => [action.id, action.dueOn]))
    const form = readAgreement(req.body ?? {}, { tool: context.tool, themeIds: view.themes.map((theme) => theme.id), ownerOrganisationIds: view.owners.map((owner) => owner.id), savedActions, today: today() })
    if (!form.ok) return renderWorkshop(res, context, { values: req.body, errors: form.errors })
    let done
    try {
      done = await orInputErrors(() => auditWorkshop.saveAgreement(req.user!.id, context, form.data, Number(req.body.version) || 0))
    } catch (error) {
      if (!(error instanceof AgreementConflictError)) throw error
      return renderWorkshop(res, context, { values: req.body, conflict: error })
    }
    if (!done.ok) return renderWorkshop(res, context, { values: req.body, errors: done.errors })
    res.flash(`Workshop record for ${context.auditCase.reference} saved`)
    res.redirect(workshopPath(context))
  })

  async function renderDipSample(res: Response, context: CaseContext, values: Record<string, unknown>, errors?: FormErrors) {
    const view = await workshopView(context)
    if (!view.dipSample) throw new NotFoundError('No dip sample is scheduled for this case')
    res.status(errors ? 400 : 200).render('audits/workshop/dip-sample', {
      pageTitle: `Dip sample: ${context.auditCase.reference}`,
      ...context,
      dipSample: view.dipSample,
      overallGrade: context.tool.gradeScale.find((grade) => grade.key === view.agreement?.overallGrade)?.label ?? null,
      due: view.dipSample.dueOn <= today(),
      canRecord: res.locals.roundAccess!.facilitates,
      values,
      errors,
      noteMax: NOTE_MAX,
      path: dipSamplePath(context),
      formatDate,
      formatDateTime,
      backLink: workshopPath(context),
    })
  }

  router.get('/audits/:roundId/cases/:caseId/dip-sample', ...requireFacilitatorOrOverseer, async (req, res) => {
    const context = await caseContext(req, res)
    await auditGrading.recordView(req.user!.id, context, 'dip_sample')
    const sample = (await workshopView(context)).dipSample
    await renderDipSample(res, context, sample?.result ? { result: sample.result, notes: sample.notes ?? '' } : {})
  })

  router.post('/audits/:roundId/cases/:caseId/dip-sample', requireFacilitator, async (req, res) => {
    const context = await caseContext(req, res)
    const form = validateForm(dipSampleSchema, req.body)
    if (!form.ok) return renderDipSample(res, context, req.body, form.errors)
    const done = await orInputErrors(() => auditWorkshop.recordDipSample(req.user!.id, context, form.data, today()))
    if (!done.ok) return renderDipSample(res, context, req.body, done.errors)
    res.flash(`Dip sample result for ${context.auditCase.reference} recorded`)
    res.redirect(workshopPath(context))
  })

  async function renderClose(res: Response, values: Record<string, unknown>, errors?: FormErrors) {
    const round = res.locals.round!
    res.status(errors ? 400 : 200).render('audits/workshop/close', {
      pageTitle: `Close the round: ${round.title}`,
      round,
      missing: missingSubmissions(await roundSubmissions(round.id)),
      statusLabels: gradingStatusLabels,
      values,
      errors,
      formatDateTime,
      backLink: `/audits/${round.id}/submissions`,
    })
  }

  router.get('/audits/:roundId/close', requireFacilitator, (_req, res) => renderClose(res, {}))

  router.post('/audits/:roundId/close', requireFacilitator, async (req, res) => {
    const round = res.locals.round!
    const form = validateForm(closeSchema, req.body)
    if (!form.ok) return renderClose(res, req.body, form.errors)
    const done = await orInputErrors(() => auditRoundClosing.close(req.user!.id, round.id, form.data.reason))
    if (!done.ok) return renderClose(res, req.body, done.errors)
    res.flash(`${round.title} closed`)
    res.redirect(`/audits/${round.id}/submissions`)
  })

  return router
}
