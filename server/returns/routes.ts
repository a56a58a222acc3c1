import express, { Request, Response, Router } from 'express'
import { can } from '../auth/permissions'
import { ForbiddenError, requirePermission } from '../auth/requirePermission'
import { returnStatusLabels } from '../db/models/assessmentReturn.model'
import { sectionStatusLabels } from '../db/models/returnSection.model'
import { formatDate } from '../forms/dates'
import { FormErrors, orInputErrors } from '../forms/validation'
import type { Services } from '../services'
import { loadedReturn, returnResource } from './loadedReturn'
import { NotFoundError } from '../errors'
import { fieldName, NARRATIVE_MAX, readSection } from './sectionForm'
import { SectionConflictError } from './service'
import { returnSummaryPdf } from './summaryPdf'

const EDITABLE = ['not_started', 'in_progress']

export function returnRoutes({ returns, carryForward, logger }: Services): Router {
  const router = express.Router()
  const forThisReturn = returnResource(returns)

  router.get('/returns', requirePermission('returns:list'), async (req, res) => {
    const organisationIds = req.user!.memberships.map((membership) => membership.organisationId).filter((id): id is number => id !== null)
    res.render('returns/list', { pageTitle: 'Your returns', returns: await returns.returnsOf(organisationIds), statusLabels: returnStatusLabels, formatDate })
  })

  router.get('/returns/:id', requirePermission('return:view', forThisReturn), async (req, res) => {
    const loaded = await loadedReturn(returns, req)
    const statuses = await returns.sectionStatuses(loaded.assessment.id)
    const tasks = loaded.standards.map((standard) => ({ standard, status: statuses.get(standard.key) ?? 'not_started' }))
    res.render('returns/task-list', {
      pageTitle: `${loaded.organisation.name}: ${loaded.version.title}`,
      ...loaded,
      tasks,
      completed: tasks.filter((task) => task.status === 'completed').length,
      history: await returns.history(loaded.assessment.id),
      previousReturn: loaded.assessment.status === 'not_started' ? await carryForward.previousReturn(loaded.assessment.id) : null,
      sectionStatusLabels,
      statusLabels: returnStatusLabels,
      formatDate,
      canEdit: EDITABLE.includes(loaded.assessment.status) && can(req.user, 'return:edit', { organisationId: loaded.organisation.id, partnershipIds: loaded.partnershipIds }),
    })
  })

  async function renderSection(req: Request, res: Response, options: { values?: Record<string, unknown>; errors?: FormErrors; conflict?: SectionConflictError } = {}) {
    const loaded = await loadedReturn(returns, req)
    const standard = loaded.standards.find((candidate) => candidate.key === req.params.standardKey)
    if (!standard) throw new NotFoundError(`No standard ${req.params.standardKey} in this return`)
    const section = await returns.section(loaded.assessment.id, standard.key)
    const values = options.values ?? formValuesFrom(section.answers)
    res.status(options.errors || options.conflict ? (options.conflict ? 409 : 400) : 200).render('returns/section', {
      pageTitle: `${standard.key} ${standard.title}`,
      ...loaded,
      standard,
      scale: loaded.version.definition.scoreScale.levels,
      values,
      sectionVersion: options.conflict ? section.version : (options.values?.version ?? section.version),
      errors: options.errors,
      conflict: options.conflict ? { savedBy: options.conflict.savedBy, savedAt: options.conflict.savedAt, theirs: formValuesFrom(new Map(options.conflict.theirAnswers.map((answer) => [answer.criterionKey, answer]))) } : undefined,
      fieldName,
      narrativeMax: NARRATIVE_MAX,
      carried: new Set([...section.answers.values()].filter((answer) => answer.carriedForward).map((answer) => answer.criterionKey)),
      backLink: `/returns/${loaded.assessment.id}`,
    })
  }

  router.post('/returns/:id/carry-forward', requirePermission('return:edit', forThisReturn), async (req, res) => {
    const carried = await orInputErrors(() => carryForward.carryForward(req.user!.id, Number(req.params.id)))
    req.session.flash = carried.ok
      ? `${carried.value} answers carried forward from your previous return. Check and confirm each section.`
      : carried.errors.list[0].text
    res.redirect(`/returns/${req.params.id}`)
  })

  router.get('/returns/:id/summary.pdf', requirePermission('return:view', forThisReturn), async (req, res) => {
    const loaded = await loadedReturn(returns, req)
    const pdf = await returnSummaryPdf(await returns.summary(loaded))
    res.setHeader('Content-Type', 'application/pdf')
    res.setHeader('Content-Disposition', `inline; filename="return-${loaded.assessment.id}.pdf"`)
    res.send(pdf)
  })

  router.get('/returns/:id/sections/:standardKey', requirePermission('return:edit', forThisReturn), (req, res) => renderSection(req, res))

  router.post('/returns/:id/sections/:standardKey', requirePermission('return:edit', forThisReturn), async (req, res) => {
    const loaded = await loadedReturn(returns, req)
    if (!EDITABLE.includes(loaded.assessment.status)) {
      logger.warn({ userId: req.user!.id, returnId: loaded.assessment.id, status: loaded.assessment.status }, 'Refused an edit to a return that is not a draft')
      throw new ForbiddenError('The return is not a draft')
    }
    const standard = loaded.standards.find((candidate) => candidate.key === req.params.standardKey)
    if (!standard) throw new NotFoundError(`No standard ${req.params.standardKey} in this return`)
    const { answers, completed, errors } = readSection(req.body, standard, loaded.version.definition)
    if (errors) return renderSection(req, res, { values: req.body, errors })
    try {
      await returns.saveSection(req.user!.id, loaded.assessment.id, standard.key, answers, completed, Number(req.body.version))
    } catch (error) {
      if (!(error instanceof SectionConflictError)) throw error
      return renderSection(req, res, { values: req.body, conflict: error })
    }
    req.session.flash = `${standard.key} ${standard.title} saved${completed ? ' and marked completed' : ''}`
    res.redirect(`/returns/${loaded.assessment.id}`)
  })

  return router
}

/** Saved answers as the form's field values. */
function formValuesFrom(answers: Map<string, { criterionKey: string; score: number | null; notApplicable: boolean; notApplicableReason: string | null; narrative: string | null; questionAnswers: Record<string, string> }>) {
  const values: Record<string, string> = {}
  for (const answer of answers.values()) {
    const key = answer.criterionKey
    values[fieldName.score(key)] = answer.notApplicable ? 'na' : answer.score === null ? '' : String(answer.score)
    values[fieldName.reason(key)] = answer.notApplicableReason ?? ''
    values[fieldName.narrative(key)] = answer.narrative ?? ''
    for (const [question, value] of Object.entries(answer.questionAnswers)) {
      const name = fieldName.question(key, question)
      const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
      if (date) Object.assign(values, { [`${name}-year`]: date[1], [`${name}-month`]: String(Number(date[2])), [`${name}-day`]: String(Number(date[3])) })
      else values[name] = value
    }
  }
  return values
}
