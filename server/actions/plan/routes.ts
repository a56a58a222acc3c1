import { actionSourceKindLabels, ACTION_SOURCE_KINDS } from '../../db/models/actionSource.model'
import express, { Request, Response, Router } from 'express'
import { can } from '../../auth/permissions'
import { currentPartnershipId, requirePermission } from '../../auth/requirePermission'
import { actionPriorityLabels, actionStatusLabels, ACTION_PRIORITIES, ACTION_STATUSES } from '../../db/models/action.model'
import { formatDate, formatDateTime, todayInEngland } from '../../forms/dates'
import { pageOf, paginationParams } from '../../forms/pagination'
import { EXPORT_FORMATS, sendTable } from '../../reports/tableExport'
import type { Services } from '../../services'
import { dueText, ownerOf, planTable } from './exports'
import { isFiltered, PlanFilters, planQueryString, PlanRequest, readPlanQuery, STALE_DAYS, STATUS_FILTERS, statusFilterLabel, statusTagClass } from './filters'
import { planPdf } from './planPdf'
import { filtersInWords, planDetails, planOptions, planRows, statusCounts } from './queries'
import { RECURRING_ROUTES, themesSheet, themesSheetTable } from './themesSheet'

const PAGE_SIZE = 50
const inCurrentPartnership = (req: Request) => ({ partnershipId: currentPartnershipId(req) })

/** The whole plan and its views: filters, overdue and stale lists, themes sheet, exports and the PDF. */
export function planRoutes({ now }: Services): Router {
  const router = express.Router()
  const canView = requirePermission('plan:view', inCurrentPartnership)
  const clock = () => ({ now: now(), today: todayInEngland(now()) })
  const labels = { statusLabels: actionStatusLabels, statusTagClass, priorityLabels: actionPriorityLabels, sourceKindLabels: actionSourceKindLabels, formatDate, formatDateTime, todayOf: todayInEngland, dueText, ownerOf, planQuery: planQueryString, staleDays: STALE_DAYS }

  router.get('/actions', canView, async (req, res) => {
    const partnershipId = currentPartnershipId(req)
    const request = readPlanQuery(req.query)
    const { now: at, today } = clock()
    const [rows, counts, options] = await Promise.all([
      planRows(partnershipId, request.filters, request.sort, today, at),
      statusCounts(partnershipId, request.filters, today, at),
      planOptions(partnershipId),
    ])
    const shown = pageOf(rows, request.page, PAGE_SIZE)
    const query = planQueryString(request.filters)
    res.status(request.errors ? 400 : 200).render('actions/plan/list', {
      pageTitle: 'Action plan',
      ...labels,
      request,
      filters: request.filters,
      values: request.values,
      errors: request.errors,
      filtered: isFiltered(request.filters),
      inWords: filtersInWords(request.filters, options),
      options,
      choices: choices(),
      total: rows.length,
      shown: { ...shown, rows: await planDetails(shown.rows) },
      counts,
      query,
      statusHref: (status: string) => `/actions?${planQueryString({ ...request.filters, status: status as PlanFilters['status'] })}`,
      sortHref: `/actions?${planQueryString(request.filters, { sort: request.sort === 'due' ? 'due-desc' : undefined })}`,
      pagination: paginationParams('/actions', Object.fromEntries(new URLSearchParams(planQueryString(request.filters, { sort: request.sort === 'due' ? undefined : request.sort }))), shown.page, shown.pageCount),
      canCreate: can(req.user, 'actions:create', { partnershipId }),
    })
  })

  /** The overdue and the stale lists: the plan with one filter fixed, sorted by what makes them urgent. */
  const attentionList = (kind: 'overdue' | 'stale') => async (req: Request, res: Response) => {
    const partnershipId = currentPartnershipId(req)
    const filters: PlanFilters = kind === 'overdue' ? { overdue: true } : { stale: true }
    const { now: at, today } = clock()
    const rows = await planRows(partnershipId, filters, kind === 'overdue' ? 'due' : 'stale', today, at)
    const shown = pageOf(rows, req.query.page, PAGE_SIZE)
    res.render('actions/plan/attention', {
      pageTitle: kind === 'overdue' ? 'Overdue actions' : `Actions with no update in ${STALE_DAYS} days`,
      ...labels,
      kind,
      today,
      total: rows.length,
      shown: { ...shown, rows: await planDetails(shown.rows) },
      query: planQueryString(filters),
      pagination: paginationParams(`/actions/${kind}`, {}, shown.page, shown.pageCount),
      backLink: '/actions',
    })
  }
  router.get('/actions/overdue', canView, attentionList('overdue'))
  router.get('/actions/stale', canView, attentionList('stale'))

  router.get('/actions/themes', canView, async (req, res) => {
    const rows = await themesSheet(currentPartnershipId(req), clock().today)
    res.render('actions/plan/themes', { pageTitle: 'Themes across the action plan', rows, sourceKindLabels: actionSourceKindLabels, recurringRoutes: RECURRING_ROUTES, backLink: '/actions' })
  })

  for (const format of EXPORT_FORMATS) {
    router.get(`/actions/themes.${format}`, canView, async (req, res) => {
      await sendTable(res, format, 'action-plan-themes', themesSheetTable(await themesSheet(currentPartnershipId(req), clock().today)))
    })

    router.get(`/actions.${format}`, canView, async (req, res) => {
      const loaded = await loadFiltered(req)
      if (!loaded.ok) return res.status(400).type('text/plain').send(loaded.message)
      await sendTable(res, format, `action-plan-${clock().today}`, planTable(loaded.rows))
    })
  }

  router.get('/actions/plan.pdf', canView, async (req, res) => {
    const loaded = await loadFiltered(req)
    if (!loaded.ok) return res.status(400).type('text/plain').send(loaded.message)
    const partnershipId = currentPartnershipId(req)
    const { now: at, today } = clock()
    const pdf = await planPdf({
      partnershipName: res.locals.partnership?.name ?? '',
      producedAt: at,
      filtersInWords: filtersInWords(loaded.request.filters, await planOptions(partnershipId)),
      counts: await statusCounts(partnershipId, loaded.request.filters, today, at),
      rows: loaded.rows,
    })
    res.attachment(`action-plan-${today}.pdf`).type('application/pdf').send(pdf)
  })

  /** Every matching action with its details, for a download; a date that is not a date is refused with its message. */
  async function loadFiltered(req: Request): Promise<{ ok: true; request: PlanRequest; rows: Awaited<ReturnType<typeof planDetails>> } | { ok: false; message: string }> {
    const request = readPlanQuery(req.query)
    if (request.errors) return { ok: false, message: request.errors.list[0].text }
    const { now: at, today } = clock()
    const rows = await planRows(currentPartnershipId(req), request.filters, request.sort, today, at)
    return { ok: true, request, rows: await planDetails(rows) }
  }

  return router
}

/** The select boxes' fixed choices. */
function choices() {
  return {
    sources: ACTION_SOURCE_KINDS.map((kind) => ({ value: kind, text: actionSourceKindLabels[kind] })),
    statuses: STATUS_FILTERS.map((status) => ({ value: status, text: statusFilterLabel(status, actionStatusLabels) })),
    priorities: ACTION_PRIORITIES.map((priority) => ({ value: priority, text: actionPriorityLabels[priority] })),
    statusOrder: ACTION_STATUSES,
  }
}
