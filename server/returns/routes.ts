import express, { Request, Response, Router } from 'express'
import { returnPlanPanel } from '../actions/sources/actionsForSource'
import { can } from '../auth/permissions'
import { requirePermission } from '../auth/requirePermission'
import { returnStatusLabels, returnStatusTagClasses } from '../db/models/assessmentReturn.model'
import { sectionStatusLabels } from '../db/models/returnSection.model'
import { formatDate, formatDateTime, formatTime, todayInEngland } from '../forms/dates'
import { FormErrors, formErrors, orInputErrors } from '../forms/validation'
import { formatBytes } from '../evidence/service'
import type { Services } from '../services'
import { assertEditable, isEditable, loadedReturn, returnResource } from './loadedReturn'
import { InvalidInputError, NotFoundError } from '../errors'
import { IMPROVEMENTS_PER_CRITERION, improvementField } from './improvementForm'
import { savedAsInput, savedImprovementTargets } from './sectionAttachments'
import { fieldName, NARRATIVE_MAX, readSection } from './sectionForm'
import { LoadedReturn, ReturnLockedError, SectionConflictError } from './service'
import { returnSummaryPdf } from './summaryPdf'
import { historyPage, RECENT_HISTORY, recentHistory } from './history'
import { theirChanges } from './conflictChanges'
import { formValuesFrom } from './formValues'
import type { Criterion } from '../standards/frameworkSchema'
import { paginationParams } from '../forms/pagination'

const HISTORY_PAGE_SIZE = 50

export function returnRoutes({ returns, carryForward, evidence, logger, now }: Services): Router {
  const router = express.Router()
  const forThisReturn = returnResource(returns)

  router.get('/returns', requirePermission('returns:list'), async (req, res) => {
    const organisationIds = req.user!.memberships.map((membership) => membership.organisationId).filter((id): id is number => id !== null)
    res.render('returns/list', { pageTitle: 'Your returns', returns: await returns.returnsOf(organisationIds), statusLabels: returnStatusLabels, statusTags: returnStatusTagClasses, formatDate })
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
      history: await recentHistory(loaded.assessment.id, RECENT_HISTORY),
      challenges: await returns.challengeStatuses(loaded.assessment.id),
      inThePlan: await returnPlanPanel(req.user, loaded.assessment.id, now()),
      previousReturn: loaded.assessment.status === 'not_started' ? await carryForward.previousReturn(loaded.assessment.id) : null,
      sectionStatusLabels,
      statusLabels: returnStatusLabels,
      formatDate,
      formatDateTime,
      canEdit: isEditable(loaded) && can(req.user, 'return:edit', { organisationId: loaded.organisation.id, partnershipIds: loaded.partnershipIds }),
    })
  })

  router.get('/returns/:id/history', requirePermission('return:view', forThisReturn), async (req, res) => {
    const loaded = await loadedReturn(returns, req)
    const shown = await historyPage(loaded.assessment.id, req.query.page, HISTORY_PAGE_SIZE)
    res.render('returns/history', {
      pageTitle: `History: ${loaded.organisation.name}, ${loaded.version.title}`,
      ...loaded,
      shown,
      pagination: paginationParams(`/returns/${loaded.assessment.id}/history`, {}, shown.page, shown.pageCount),
      formatDateTime,
    })
  })

  async function renderSection(req: Request, res: Response, options: { values?: Record<string, unknown>; errors?: FormErrors; conflict?: SectionConflictError; loaded?: LoadedReturn } = {}) {
    const loaded = options.loaded ?? (await loadedReturn(returns, req))
    const standard = loaded.standards.find((candidate) => candidate.key === req.params.standardKey)
    if (!standard) throw new NotFoundError(`No standard ${req.params.standardKey} in this return`)
    const criterionKeys = standard.criteria.map((criterion) => criterion.key)
    const [section, files] = await Promise.all([returns.section(loaded.assessment.id, standard.key, loaded), evidence.files(loaded.assessment.id)])
    // A completed section opens with "completed" still ticked, so saving a change does not quietly put it back in progress.
    const values = options.values ?? { ...formValuesFrom(standard.criteria, [...section.answers.values()], savedAsInput(section.attachments, criterionKeys)), ...(section.status === 'completed' ? { completed: 'yes' } : {}) }
    res.status(options.errors || options.conflict ? (options.conflict ? 409 : 400) : 200).render('returns/section', {
      pageTitle: `${standard.key} ${standard.title}`,
      ...loaded,
      standard,
      scale: loaded.version.definition.scoreScale.levels,
      values,
      sectionVersion: options.conflict ? section.version : (options.values?.version ?? section.version),
      errors: options.errors,
      conflict: options.conflict
        ? { savedBy: options.conflict.savedBy, savedAt: options.conflict.savedAt, changes: conflictChanges(standard.criteria, options.conflict, values, files) }
        : undefined,
      files,
      formatBytes,
      formatTime,
      fieldName,
      improvementField,
      improvementsPerCriterion: IMPROVEMENTS_PER_CRITERION,
      narrativeMax: NARRATIVE_MAX,
      carried: new Set([...section.answers.values()].filter((answer) => answer.carriedForward).map((answer) => answer.criterionKey)),
      backLink: `/returns/${loaded.assessment.id}`,
    })
  }

  router.post('/returns/:id/carry-forward', requirePermission('return:edit', forThisReturn), async (req, res) => {
    const carried = await orInputErrors(() => carryForward.carryForward(req.user!.id, Number(req.params.id)))
    res.flash(carried.ok ? `${carried.value} answers carried forward from your previous return. Check and confirm each section.` : carried.errors.list[0].text)
    res.redirect(`/returns/${req.params.id}`)
  })

  router.get('/returns/:id/summary.pdf', requirePermission('return:view', forThisReturn), async (req, res) => {
    const loaded = await loadedReturn(returns, req)
    const pdf = await returnSummaryPdf(await returns.summary(loaded))
    res.setHeader('Content-Type', 'application/pdf')
    res.setHeader('Content-Disposition', `inline; filename="return-${loaded.assessment.id}.pdf"`)
    res.send(pdf)
  })

  router.get('/returns/:id/sections/:standardKey', requirePermission('return:edit', forThisReturn), async (req, res) => {
    // A submitted return is read on its own page and in its PDF, not in a form that can no longer be saved.
    const loaded = await loadedReturn(returns, req)
    if (!isEditable(loaded)) return res.redirect(`/returns/${req.params.id}`)
    await renderSection(req, res, { loaded })
  })

  router.post('/returns/:id/sections/:standardKey', requirePermission('return:edit', forThisReturn), async (req, res) => {
    const loaded = await loadedReturn(returns, req)
    assertEditable(loaded, req, logger)
    const standard = loaded.standards.find((candidate) => candidate.key === req.params.standardKey)
    if (!standard) throw new NotFoundError(`No standard ${req.params.standardKey} in this return`)
    const [savedTargets, files] = await Promise.all([savedImprovementTargets(loaded.assessment.id, standard.criteria.map((criterion) => criterion.key)), evidence.files(loaded.assessment.id)])
    const { answers, attachments, completed, errors } = readSection(req.body, standard, loaded.version.definition, {
      today: todayInEngland(now()),
      evidenceFileIds: new Set(files.map((file) => file.id)),
      savedTargets,
    })
    if (errors) return renderSection(req, res, { values: req.body, errors })
    try {
      await returns.saveSection(req.user!.id, loaded.assessment.id, standard.key, answers, completed, Number(req.body.version), attachments)
    } catch (error) {
      if (error instanceof ReturnLockedError) return renderSection(req, res, { values: req.body, errors: formErrors([{ field: 'completed', text: error.message }]) })
      if (error instanceof InvalidInputError) return renderSection(req, res, { values: req.body, errors: formErrors([{ field: error.field, text: error.message }]) })
      if (!(error instanceof SectionConflictError)) throw error
      return renderSection(req, res, { values: req.body, conflict: error })
    }
    res.flash(`${standard.key} ${standard.title} saved${completed ? ' and marked completed' : ''}`)
    // Buttons beside a criterion save first, then go where the person asked, so nothing typed is lost.
    const [next, criterionKey] = String(req.body.next ?? '').split(':')
    const criterion = standard.criteria.find((candidate) => candidate.key === criterionKey)
    if (criterion && next === 'upload') return res.redirect(`/returns/${loaded.assessment.id}/evidence/new?criterion=${encodeURIComponent(criterion.key)}`)
    if (criterion && next === 'improvement') return res.redirect(`/returns/${loaded.assessment.id}/sections/${encodeURIComponent(standard.key)}#${encodeURIComponent(criterion.key)}-improvements`)
    res.redirect(`/returns/${loaded.assessment.id}`)
  })

  return router
}

/** By criterion, what the other person saved that differs from what this person typed. */
function conflictChanges(criteria: Criterion[], conflict: SectionConflictError, yours: Record<string, unknown>, files: { id: number; fileName: string }[]) {
  const theirs = formValuesFrom(criteria, conflict.theirAnswers, savedAsInput(conflict.theirAttachments, criteria.map((criterion) => criterion.key)))
  const fileNames = new Map(files.map((file) => [String(file.id), file.fileName]))
  return Object.fromEntries(criteria.map((criterion) => [criterion.key, theirChanges(criterion, theirs, yours, fileNames)]))
}
