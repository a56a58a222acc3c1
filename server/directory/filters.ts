import { organisationRoleKinds } from '../db/models/organisationKinds'

/** The choices the directory's filters offer, taken from the published statements themselves. */
export interface DirectoryOptions {
  sectors: { key: string; label: string }[]
  roles: { key: string; label: string }[]
  areas: { id: number; name: string; partnershipId: number; partnershipName: string }[]
  partnerships: { id: number; name: string }[]
}

/** A directory search as the server runs it: every value checked, so equal searches are equal keys. */
export interface DirectoryFilters {
  q: string
  sector: string
  role: string
  area: number | null
  partnership: number | null
}

export const DIRECTORY_PAGE_SIZE = 20
/** Longer than any organisation name (200 characters); anything past it cannot match anyway. */
const MAX_SEARCH_LENGTH = 200
/** Beyond any real directory: keeps an absurd page number a small integer (it is clamped to the last page later). */
const MAX_PAGE = 1_000_000

/** The first value of a query parameter, whether it came once, several times, or not at all. */
function single(value: unknown): string {
  const first = Array.isArray(value) ? value[0] : value
  return typeof first === 'string' ? first : ''
}

function positiveInteger(text: string): number | null {
  return /^\d{1,9}$/.test(text.trim()) && Number(text) > 0 ? Number(text) : null
}

/**
 * Reads a directory search from the query string. A filter value the directory does not offer
 * (an unknown sector, a made-up area) is dropped rather than matching nothing: the page then shows
 * the filter as "Any", which is what the search actually did.
 */
export function parseDirectoryFilters(query: Record<string, unknown>, options: DirectoryOptions): DirectoryFilters {
  // Control characters cannot be in a name, and a NUL would cut the search short in SQLite's driver (matching everything).
  const q = single(query.q).replace(/[\u0000-\u001f\u007f\s]+/g, ' ').trim().slice(0, MAX_SEARCH_LENGTH)
  const sector = single(query.sector)
  const role = single(query.role)
  const area = positiveInteger(single(query.area))
  const partnership = positiveInteger(single(query.partnership))
  return {
    q,
    sector: options.sectors.some((option) => option.key === sector) ? sector : '',
    role: (organisationRoleKinds as readonly string[]).includes(role) && options.roles.some((option) => option.key === role) ? role : '',
    area: area !== null && options.areas.some((option) => option.id === area) ? area : null,
    partnership: partnership !== null && options.partnerships.some((option) => option.id === partnership) ? partnership : null,
  }
}

/** The page asked for: a whole number from 1; anything else is page 1, and a huge one is capped (then clamped to the last page). */
export function requestedPage(value: unknown): number {
  const text = single(value).trim()
  if (!/^\d+$/.test(text)) return 1
  return Math.min(Math.max(Number(text), 1), MAX_PAGE)
}

/** The search as query parameters, leaving out the empty ones: for links (pagination, open data) and cache keys. */
export function filterParams(filters: DirectoryFilters): Record<string, string> {
  const params: Record<string, string> = {}
  if (filters.q) params.q = filters.q
  if (filters.sector) params.sector = filters.sector
  if (filters.role) params.role = filters.role
  if (filters.area !== null) params.area = String(filters.area)
  if (filters.partnership !== null) params.partnership = String(filters.partnership)
  return params
}

/** A path with the search's parameters, e.g. /directory.csv?q=youth&sector=faith. */
export function pathWithFilters(path: string, filters: DirectoryFilters, extra: Record<string, string> = {}): string {
  const query = new URLSearchParams({ ...filterParams(filters), ...extra }).toString()
  return query ? `${path}?${query}` : path
}

/** A LIKE pattern matching `text` anywhere, with LIKE's own wildcards in it taken literally (escape character `!`). */
export function containsPattern(text: string): string {
  return `%${text.toLowerCase().replace(/[!%_]/g, '!$&')}%`
}
