import express, { Request, Router } from 'express'
import { z } from 'zod'
import { can } from '../auth/permissions'
import { ForbiddenError, currentPartnershipId, requirePermission } from '../auth/requirePermission'
import { InvalidInputError } from '../errors'
import { todayInEngland } from '../forms/dates'
import type { Services } from '../services'
import { builderRoutes } from './builderRoutes'
import { sectionComplete, SECTION_KEYS, sectionStarted } from './content'
import { statementPdf } from './pdf'
import { QUEUE_FILTERS, QueueFilter, queueFilterLabels, reviewQueue, startingPoints, statementsOf, statementView } from './queries'
import { reviewRoutes } from './reviewRoutes'
import { EDITABLE } from './service'
import { reviewStatus } from './reviewStatus'
import { forStatement, viewHelpers } from './viewHelpers'

const startSchema = z.object({ organisationId: z.coerce.number().int().positive().catch(0), from: z.enum(['blank', 'current']).catch('blank') })
const filterSchema = z.object({ status: z.enum(QUEUE_FILTERS).optional().catch(undefined) })

/** Child Safeguarding Statements: the organisation's list and the partnership's review queue, a statement's page and PDF; the builder and decisions in their own routers. */
export function statementRoutes(services: Services): Router {
  const { statements, organisations, now } = services
  const router = express.Router()
  const today = () => todayInEngland(now())

  router.get('/statements', requirePermission('statement:view'), async (req, res) => {
    const partnershipId = currentPartnershipId(req)
    if (can(req.user, 'statements:review', { partnershipId })) {
      const { status } = filterSchema.parse(req.query)
      return res.render('statements/queue', {
        pageTitle: 'Child Safeguarding Statements',
        queue: await reviewQueue(partnershipId, today(), status as QueueFilter | undefined),
        filter: status ?? '',
        filters: QUEUE_FILTERS.map((value) => ({ value, text: queueFilterLabels[value] })),
        today: today(),
        reviewStatus,
        ...viewHelpers,
      })
    }
    const memberships = req.user!.memberships.filter((membership) => membership.organisationId !== null)
    const rows = await statementsOf(memberships.map((membership) => membership.organisationId!), partnershipId)
    const organisationsHere = [...new Map(memberships.map((membership) => [membership.organisationId!, membership.organisationName ?? ''])).entries()]
    const mine = await Promise.all(
      organisationsHere.map(async ([organisationId, name]) => ({
        organisationId,
        name,
        canStart: can(req.user, 'statement:edit', { organisationId, partnershipIds: [partnershipId] }),
        ...(await startingPoints(organisationId, partnershipId)),
        statements: rows.filter((row) => row.organisationId === organisationId),
      })),
    )
    res.render('statements/list', { pageTitle: 'Your Child Safeguarding Statements', organisations: mine.filter((organisation) => organisation.statements.length || organisation.canStart), ...viewHelpers })
  })

  const startResource = async (req: Request) => {
    const { organisationId } = startSchema.parse(req.body ?? {})
    return { organisationId, partnershipIds: organisationId ? await organisations.partnershipIdsOf(organisationId) : [] }
  }
  router.post('/statements/new', requirePermission('statement:edit', startResource), async (req, res) => {
    const { organisationId, from } = startSchema.parse(req.body ?? {})
    const partnershipId = currentPartnershipId(req)
    if (!(await organisations.partnershipIdsOf(organisationId)).includes(partnershipId)) throw new ForbiddenError('statement: organisation not in this partnership')
    try {
      const statement = await statements.start(req.user!.id, organisationId, partnershipId, from === 'current')
      res.flash(from === 'current' ? `Version ${statement.version} started from your current statement: check each section is still right` : `Version ${statement.version} started`)
      res.redirect(`/statements/${statement.id}`)
    } catch (error) {
      if (!(error instanceof InvalidInputError)) throw error
      res.flash(error.message)
      res.redirect('/statements')
    }
  })

  router.get('/statements/:statementId', requirePermission('statement:view', forStatement), async (req, res) => {
    const view = await statementView(Number(req.params.statementId))
    const resource = { organisationId: view.statement.organisationId, partnershipIds: [view.statement.partnershipId] }
    const signed = view.statement
    const complete = sectionComplete(view.content, signed)
    const started = sectionStarted(view.content, signed)
    const canEdit = EDITABLE.includes(view.statement.status) && can(req.user, 'statement:edit', resource)
    const canSign = canEdit && can(req.user, 'statement:submit', resource)
    res.render('statements/show', {
      pageTitle: `${view.organisationName}: Child Safeguarding Statement, version ${view.statement.version}`,
      ...view,
      tasks: SECTION_KEYS.map((key) => ({ key, complete: complete[key], started: started[key], locked: key === 'signature' && !canSign })),
      completeCount: SECTION_KEYS.filter((key) => complete[key]).length,
      canEdit,
      canSubmit: canSign && SECTION_KEYS.every((key) => complete[key]),
      canDecide: view.statement.status === 'submitted' && can(req.user, 'statements:review', resource),
      today: today(),
      reviewStatus,
      backLink: '/statements',
      ...viewHelpers,
    })
  })

  router.get('/statements/:statementId/statement.pdf', requirePermission('statement:view', forStatement), async (req, res) => {
    const view = await statementView(Number(req.params.statementId))
    const pdf = await statementPdf(view, today())
    res.setHeader('Content-Type', 'application/pdf')
    res.setHeader('Content-Disposition', `inline; filename="child-safeguarding-statement-${view.statement.organisationId}-v${view.statement.version}.pdf"`)
    res.send(pdf)
  })

  router.use(builderRoutes(services))
  router.use(reviewRoutes(services))
  return router
}
