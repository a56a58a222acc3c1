import { z } from 'zod'
import { ACTION_PRIORITIES, ACTION_STATUSES, ActionPriority, ActionStatus } from '../../db/models/action.model'
import { ACTION_SOURCE_KINDS, ActionSourceKind } from '../../db/models/actionSource.model'
import { calendarDate, isoDateFromParts } from '../../forms/dates'
import { FormErrors, formErrors } from '../../forms/validation'


/** Each status's GOV.UK tag colour: green on track, yellow at risk, red off track. */
export const statusTagClass: Record<ActionStatus, string> = { draft: 'govuk-tag--grey', on_track: 'govuk-tag--green', at_risk: 'govuk-tag--yellow', off_track: 'govuk-tag--red', completed: 'govuk-tag--blue', closed: 'govuk-tag--grey' }

export const STATUS_FILTERS = ['open', ...ACTION_STATUSES] as const
export type StatusFilter = (typeof STATUS_FILTERS)[number]
export const SORTS = ['due', 'due-desc'] as const
export type PlanSort = (typeof SORTS)[number]

/** Which of the plan's actions to show; every filter is optional and they combine with AND. */
export interface PlanFilters {
  source?: ActionSourceKind
  themeId?: number
  organisationId?: number
  status?: StatusFilter
  areaId?: number
  priority?: ActionPriority
  dueFrom?: string
  dueTo?: string
  /** Open and past its due date. */
  overdue?: boolean
  /** Open, with no update (or, never updated, not created) in the last STALE_DAYS days. */
  stale?: boolean
  /** Escalated to the executive and still awaiting its response. */
  awaitingResponse?: boolean
}

export const STALE_DAYS = 60

const optionalId = z.preprocess((value) => (value === '' || value === undefined ? undefined : Number(value)), z.number().int().positive().max(2_147_483_647).optional()).catch(undefined)
const oneOf = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values).optional().catch(undefined)

const querySchema = z.object({
  source: oneOf(ACTION_SOURCE_KINDS),
  themeId: optionalId,
  organisationId: optionalId,
  status: oneOf(STATUS_FILTERS),
  areaId: optionalId,
  priority: oneOf(ACTION_PRIORITIES),
  due: z.literal('overdue').optional().catch(undefined),
  update: z.literal('stale').optional().catch(undefined),
  escalation: z.literal('awaiting').optional().catch(undefined),
  sort: oneOf(SORTS),
})

/** How the filter form names each query parameter, for the note on values that were ignored. */
const parameterLabels: Record<keyof typeof querySchema.shape, string> = {
  source: 'source',
  themeId: 'theme',
  organisationId: 'owner organisation',
  status: 'status',
  areaId: 'area',
  priority: 'priority',
  due: 'overdue',
  update: 'no update',
  escalation: 'escalated',
  sort: 'sort order',
}

export interface PlanRequest {
  filters: PlanFilters
  sort: PlanSort
  page: unknown
  /** What the filter form shows: the date fields as typed. */
  values: Record<string, string>
  /** Dates that are not real dates, or a range the wrong way round: shown, and not applied. */
  errors?: FormErrors
  /** The filters (as the form names them) whose value was not one the plan knows, so they were ignored. */
  ignored: string[]
}

const DATE_FIELDS = { dueFrom: 'due from date', dueTo: 'due by date' } as const

/** A date filter given as an ISO date (`dueFrom=2026-03-31`, in links) or as the form's three fields. */
function readDate(query: Record<string, unknown>, name: keyof typeof DATE_FIELDS): { value?: string; typed: Record<string, string>; error?: string } {
  const iso = typeof query[name] === 'string' && query[name] !== '' ? (query[name] as string) : undefined
  const fromParts = isoDateFromParts(query, name)
  const text = iso ?? fromParts
  const typed = Object.fromEntries(['day', 'month', 'year'].map((part) => [`${name}-${part}`, String(query[`${name}-${part}`] ?? '')]))
  if (!text) return { typed }
  const parsed = calendarDate(DATE_FIELDS[name]).safeParse(text)
  // A bad date from a link is shown in the fields as it came, so what was asked for is not lost.
  const shown = iso ? Object.fromEntries(['year', 'month', 'day'].map((part, index) => [`${name}-${part}`, iso.split('-')[index] ?? ''])) : typed
  if (!parsed.success) return { typed: shown, error: `The ${DATE_FIELDS[name]} must be a real date, like 31 3 2026` }
  return { value: parsed.data, typed: splitDate(name, parsed.data) }
}

function splitDate(name: string, iso: string): Record<string, string> {
  const [year = '', month = '', day = ''] = iso ? iso.split('-') : []
  return { [`${name}-day`]: day ? String(Number(day)) : '', [`${name}-month`]: month ? String(Number(month)) : '', [`${name}-year`]: year }
}

/** The plan's filters, sort and page from the query string: unknown values are ignored (and named), never an error page. */
export function readPlanQuery(query: Record<string, unknown>): PlanRequest {
  const single = Object.fromEntries(Object.entries(query).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]))
  const parsed = querySchema.parse(single)
  const ignored = (Object.keys(querySchema.shape) as (keyof typeof parameterLabels)[]).filter((key) => single[key] !== undefined && single[key] !== '' && parsed[key] === undefined).map((key) => parameterLabels[key])
  const from = readDate(single, 'dueFrom')
  const to = readDate(single, 'dueTo')
  const messages = [from.error && { field: 'dueFrom', text: from.error }, to.error && { field: 'dueTo', text: to.error }].filter((message): message is { field: string; text: string } => Boolean(message))
  let dueTo = to.value
  if (from.value && dueTo && dueTo < from.value) {
    messages.push({ field: 'dueTo', text: 'The due by date must be the same as or after the due from date' })
    dueTo = undefined
  }
  const filters: PlanFilters = {
    source: parsed.source,
    themeId: parsed.themeId,
    organisationId: parsed.organisationId,
    status: parsed.status,
    areaId: parsed.areaId,
    priority: parsed.priority,
    dueFrom: from.value,
    dueTo,
    overdue: parsed.due === 'overdue' || undefined,
    stale: parsed.update === 'stale' || undefined,
    awaitingResponse: parsed.escalation === 'awaiting' || undefined,
  }
  return {
    filters,
    sort: parsed.sort ?? 'due',
    page: single.page,
    values: { ...from.typed, ...to.typed },
    errors: messages.length ? formErrors(messages) : undefined,
    ignored,
  }
}

export const isFiltered = (filters: PlanFilters) => Object.values(filters).some((value) => value !== undefined)

/** The filters as a query string, in the form links and downloads use (dates as ISO dates). */
export function planQueryString(filters: PlanFilters, extra: Record<string, string | undefined> = {}): string {
  const params = new URLSearchParams()
  const put = (key: string, value: string | number | undefined) => {
    if (value !== undefined) params.set(key, String(value))
  }
  put('source', filters.source)
  put('themeId', filters.themeId)
  put('organisationId', filters.organisationId)
  put('status', filters.status)
  put('areaId', filters.areaId)
  put('priority', filters.priority)
  put('dueFrom', filters.dueFrom)
  put('dueTo', filters.dueTo)
  put('due', filters.overdue ? 'overdue' : undefined)
  put('update', filters.stale ? 'stale' : undefined)
  put('escalation', filters.awaitingResponse ? 'awaiting' : undefined)
  for (const [key, value] of Object.entries(extra)) put(key, value)
  return params.toString()
}

export const statusFilterLabel = (status: StatusFilter, labels: Record<ActionStatus, string>) => (status === 'open' ? 'Open (draft or active)' : labels[status])
