import express, { Request, Response, Router } from 'express'
import { ForbiddenError } from '../../auth/requirePermission'
import { Organisation } from '../../db/models'
import { formatDate, formatDateTime } from '../../forms/dates'
import { FormErrors, orInputErrors } from '../../forms/validation'
import type { Services } from '../../services'
import { requireRoundAccess } from '../access'
import { oversees, requireFacilitator, requireFacilitatorOrOverseer } from './guards'
import { caseInRound, CaseContext, gradingOf, gradingStatus, gradingStatusLabels, involvedAgency, missingSubmissions, roundSubmissions } from './queries'
import { gradeField, gradingField, gradingValues, readGrading } from './schema'
import { GradingConflictError } from './service'
import { describeCase } from '../cases/reference'

const gradingPath = (roundId: number, caseId: number, organisationId: number) => `/audits/${roundId}/cases/${caseId}/grading/${organisationId}`

/** Before the workshop: each agency's auditor grades its part of each case; facilitators see who has submitted. */
export function auditGradingRoutes({ auditGrading }: Services): Router {
  const router = express.Router()

  router.get('/audits/:roundId/grading', requireRoundAccess((access) => access.seesCases), async (req, res) => {
    const round = res.locals.round!
    const access = res.locals.roundAccess!
    const rows = (await roundSubmissions(round.id)).flatMap((auditCase) => auditCase.rows.filter((row) => access.gradesFor.includes(row.organisationId)))
    res.render('audits/grading/list', {
      pageTitle: `Your gradings: ${round.title}`,
      round,
      rows,
      submitted: rows.filter((row) => row.status === 'submitted').length,
      seesSubmissions: access.facilitates || oversees(req.user, round),
      statusLabels: gradingStatusLabels,
      gradingPath,
      formatDate,
      backLink: `/audits/${round.id}`,
    })
  })

  router.get('/audits/:roundId/submissions', ...requireFacilitatorOrOverseer, async (req, res) => {
    const round = res.locals.round!
    const cases = await roundSubmissions(round.id)
    const total = cases.reduce((sum, auditCase) => sum + auditCase.rows.length, 0)
    res.render('audits/grading/submissions', {
      pageTitle: `Who has submitted: ${round.title}`,
      round,
      cases,
      total,
      missing: missingSubmissions(cases).length,
      facilitates: res.locals.roundAccess!.facilitates,
      statusLabels: gradingStatusLabels,
      gradingPath,
      formatDate,
      formatDateTime,
      backLink: `/audits/${round.id}`,
    })
  })

  /** The case and the agency whose grading it is; an agency not involved in the case is refused with a page that says so. */
  async function gradingContext(req: Request, res: Response) {
    const context = await caseInRound(res.locals.round!, Number(req.params.caseId))
    const organisationId = Number(req.params.organisationId)
    if (context.agencies.some((agency) => agency.id === organisationId)) return { context, agency: involvedAgency(context, organisationId) }
    const organisation = Number.isInteger(organisationId) ? await Organisation.findByPk(organisationId, { attributes: ['name'] }) : null
    res.status(404).render('audits/grading/not-involved', {
      pageTitle: `Not involved in ${context.auditCase.reference}`,
      ...context,
      organisationName: organisation?.name ?? 'This agency',
      backLink: `/audits/${context.round.id}/grading`,
    })
    return null
  }

  async function renderGrading(
    req: Request,
    res: Response,
    { context, agency }: { context: CaseContext; agency: { id: number; name: string } },
    options: { values?: Record<string, unknown>; errors?: FormErrors; conflict?: GradingConflictError } = {},
  ) {
    const access = res.locals.roundAccess!
    const { grading, auditorName } = await gradingOf(context.auditCase.id, agency.id)
    const status = gradingStatus(grading)
    const open = context.round.status === 'open'
    res.status(options.conflict ? 409 : options.errors ? 400 : 200).render('audits/grading/form', {
      describeCase,
      pageTitle: `${agency.name}: ${context.auditCase.reference}`,
      ...context,
      agency,
      grading,
      auditorName,
      status,
      statusLabels: gradingStatusLabels,
      canGrade: open && status !== 'submitted' && access.gradesFor.includes(agency.id),
      canReopen: open && status === 'submitted' && access.facilitates,
      values: options.values ?? (grading ? gradingValues(grading.domains, grading.noDirectInvolvement) : {}),
      version: options.conflict ? (grading?.version ?? 0) : (options.values?.version ?? grading?.version ?? 0),
      errors: options.errors,
      conflict: options.conflict ? { savedBy: options.conflict.savedBy, savedAt: options.conflict.savedAt, theirs: gradingValues(options.conflict.theirs, false) } : undefined,
      gradeField: gradeField(context.tool),
      gradingField,
      gradeLabel: (key: string | undefined) => context.tool.gradeScale.find((grade) => grade.key === key)?.label ?? 'Not graded',
      path: gradingPath(context.round.id, context.auditCase.id, agency.id),
      formatDateTime,
      backLink: access.gradesFor.includes(agency.id) ? `/audits/${context.round.id}/grading` : `/audits/${context.round.id}/submissions`,
    })
  }

  // An auditor sees only the agencies they grade for; facilitators and the QA sub-group see every agency's.
  router.get('/audits/:roundId/cases/:caseId/grading/:organisationId', requireRoundAccess((access) => access.seesCases), async (req, res) => {
    const access = res.locals.roundAccess!
    const loaded = await gradingContext(req, res)
    if (!loaded) return
    if (!access.gradesFor.includes(loaded.agency.id) && !access.facilitates && !oversees(req.user, loaded.context.round)) {
      throw new ForbiddenError('audit grading: not an auditor for this agency')
    }
    await auditGrading.recordView(req.user!.id, loaded.context, 'grading', loaded.agency.id)
    await renderGrading(req, res, loaded)
  })

  router.post('/audits/:roundId/cases/:caseId/grading/:organisationId', requireRoundAccess((access) => access.gradesFor.length > 0), async (req, res) => {
    // Refused before anything else: grading for an agency one is not assigned to in the round is a permission matter, logged.
    if (!res.locals.roundAccess!.gradesFor.includes(Number(req.params.organisationId))) throw new ForbiddenError('audit grading: not an auditor for this agency')
    const loaded = await gradingContext(req, res)
    if (!loaded) return
    const form = readGrading(req.body ?? {}, loaded.context.tool)
    if (!form.ok) return renderGrading(req, res, loaded, { values: req.body, errors: form.errors })
    let done
    try {
      done = await orInputErrors(() => auditGrading.save(req.user!.id, loaded.context, loaded.agency.id, form.data, Number(req.body.version) || 0))
    } catch (error) {
      if (!(error instanceof GradingConflictError)) throw error
      return renderGrading(req, res, loaded, { values: req.body, conflict: error })
    }
    if (!done.ok) return renderGrading(req, res, loaded, { values: req.body, errors: done.errors })
    res.flash(
      form.data.intent === 'submit'
        ? `${loaded.agency.name}’s grading of ${loaded.context.auditCase.reference} submitted`
        : `${loaded.agency.name}’s grading of ${loaded.context.auditCase.reference} saved as a draft`,
    )
    res.redirect(`/audits/${loaded.context.round.id}/grading`)
  })

  router.post('/audits/:roundId/cases/:caseId/grading/:organisationId/reopen', requireFacilitator, async (req, res) => {
    const loaded = await gradingContext(req, res)
    if (!loaded) return
    const done = await orInputErrors(() => auditGrading.reopen(req.user!.id, loaded.context, loaded.agency.id))
    res.flash(done.ok ? `${loaded.agency.name}’s grading of ${loaded.context.auditCase.reference} reopened: it is a draft again` : done.errors.list[0].text)
    res.redirect(gradingPath(loaded.context.round.id, loaded.context.auditCase.id, loaded.agency.id))
  })

  return router
}
