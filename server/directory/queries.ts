import { QueryTypes, Sequelize } from 'sequelize'
import { organisationRoleKindLabels, OrganisationRoleKind } from '../db/models/organisationKinds'
import { containsPattern, DirectoryFilters, DirectoryOptions } from './filters'
import { asDate } from '../db/rawRows'

/** One published statement as the public directory lists it: nothing internal (no people, no scores, no returns). */
export interface DirectoryEntry {
  statementId: number
  organisationId: number
  organisationName: string
  partnershipId: number
  partnershipName: string
  role: OrganisationRoleKind
  sectorKey: string
  sectorLabel: string
  areas: string[]
  version: number
  effectiveOn: string
  reviewOn: string
  publishedAt: Date | null
}

export interface DirectoryPage {
  entries: DirectoryEntry[]
  total: number
  page: number
  pageCount: number
}

/** What the directory's content depends on, and when it last changed. */
export interface DirectoryVersion {
  key: string
  lastModified: Date
}

interface EntryRow {
  statement_id: number
  organisation_id: number
  organisation_name: string
  partnership_id: number
  partnership_name: string
  role: OrganisationRoleKind
  sector_key: string
  sector_label: string
  version: number
  effective_on: string | null
  review_on: string | null
  published_at: Date | string | null
  area_names: string | string[] | null
  total: number | string
}

/**
 * Published statements of organisations still active in the partnership; a statement's areas are
 * the organisation's areas in that partnership. Bind parameters only: the search text never
 * becomes SQL.
 */
function whereClause(filters: DirectoryFilters, bind: Record<string, unknown>): string {
  const conditions = ["s.status = 'approved'", 'o.active = $active']
  bind.active = true
  if (filters.q) {
    conditions.push("LOWER(o.name) LIKE $pattern ESCAPE '!'")
    bind.pattern = containsPattern(filters.q)
  }
  if (filters.sector) {
    conditions.push('o.sector_key = $sector')
    bind.sector = filters.sector
  }
  if (filters.role) {
    conditions.push('o.role = $role')
    bind.role = filters.role
  }
  if (filters.partnership !== null) {
    conditions.push('s.partnership_id = $partnership')
    bind.partnership = filters.partnership
  }
  if (filters.area !== null) {
    conditions.push(
      'EXISTS (SELECT 1 FROM organisation_areas fa JOIN areas fx ON fx.id = fa.area_id WHERE fa.organisation_id = s.organisation_id AND fa.area_id = $area AND fx.partnership_id = s.partnership_id)',
    )
    bind.area = filters.area
  }
  return conditions.join(' AND ')
}

const FROM = `FROM statements s
  JOIN organisations o ON o.id = s.organisation_id
  JOIN organisation_partnerships op ON op.organisation_id = s.organisation_id AND op.partnership_id = s.partnership_id
  JOIN sectors sec ON sec.key = o.sector_key
  JOIN partnerships p ON p.id = s.partnership_id`

const ORDER = 'LOWER(o.name), LOWER(p.name), s.id'

/** The directory's reads: one SQL statement per page of results, and the cheap check of whether anything changed. */
export class DirectoryQueries {
  constructor(private readonly sequelize: Sequelize) {}

  private get postgres(): boolean {
    return this.sequelize.getDialect() === 'postgres'
  }

  /** The organisation's area names in the statement's partnership, as one JSON array per row (the aggregate differs by engine). */
  private areasOf(row: string): string {
    const aggregate = this.postgres ? "COALESCE(json_agg(a.name), '[]'::json)" : 'json_group_array(a.name)'
    return `(SELECT ${aggregate} FROM organisation_areas oa JOIN areas a ON a.id = oa.area_id WHERE oa.organisation_id = ${row}.organisation_id AND a.partnership_id = ${row}.partnership_id)`
  }

  /**
   * The matching entries in name order with the total: the page's rows are chosen first and only
   * they have their areas gathered. `limit` null gives every matching entry (the CSV).
   */
  private async select(filters: DirectoryFilters, limit: number | null, offset: number): Promise<{ entries: DirectoryEntry[]; total: number }> {
    const bind: Record<string, unknown> = {}
    const where = whereClause(filters, bind)
    let paging = ''
    if (limit !== null) {
      paging = 'LIMIT $limit OFFSET $offset'
      Object.assign(bind, { limit, offset })
    }
    const rows = await this.sequelize.query<EntryRow>(
      `SELECT page.*, ${this.areasOf('page')} AS area_names FROM (
         SELECT s.id AS statement_id, s.organisation_id, o.name AS organisation_name, s.partnership_id, p.name AS partnership_name,
           o.role, o.sector_key, sec.label AS sector_label, s.version, CAST(s.effective_on AS TEXT) AS effective_on,
           CAST(s.review_on AS TEXT) AS review_on, s.published_at, COUNT(*) OVER () AS total
         ${FROM} WHERE ${where} ORDER BY ${ORDER} ${paging}
       ) page ORDER BY LOWER(page.organisation_name), LOWER(page.partnership_name), page.statement_id`,
      { bind, type: QueryTypes.SELECT },
    )
    return { entries: rows.map(toEntry), total: rows.length ? Number(rows[0].total) : 0 }
  }

  /**
   * One page of results; a page past the end gives the last page (a second query, only then,
   * because the total is not known until the first one has run).
   */
  async page(filters: DirectoryFilters, page: number, pageSize: number): Promise<DirectoryPage> {
    let result = await this.select(filters, pageSize, (page - 1) * pageSize)
    let shown = page
    if (!result.entries.length && page > 1) {
      const total = await this.count(filters)
      shown = Math.max(1, Math.ceil(total / pageSize))
      result = await this.select(filters, pageSize, (shown - 1) * pageSize)
    }
    return { entries: result.entries, total: result.total, page: shown, pageCount: Math.max(1, Math.ceil(result.total / pageSize)) }
  }

  async all(filters: DirectoryFilters): Promise<DirectoryEntry[]> {
    return (await this.select(filters, null, 0)).entries
  }

  private async count(filters: DirectoryFilters): Promise<number> {
    const bind: Record<string, unknown> = {}
    const [row] = await this.sequelize.query<{ total: number | string }>(`SELECT COUNT(*) AS total ${FROM} WHERE ${whereClause(filters, bind)}`, { bind, type: QueryTypes.SELECT })
    return Number(row.total)
  }

  /** The filters' choices: only sectors, roles, areas and partnerships that have a published statement. */
  async options(): Promise<DirectoryOptions> {
    const where = whereClause({ q: '', sector: '', role: '', area: null, partnership: null }, {})
    const bind = { active: true }
    const [sectors, roles, areas, partnerships] = await Promise.all([
      this.sequelize.query<{ key: string; label: string }>(`SELECT DISTINCT sec.key, sec.label, sec.sort_order ${FROM} WHERE ${where} ORDER BY sec.sort_order`, { bind, type: QueryTypes.SELECT }),
      this.sequelize.query<{ role: OrganisationRoleKind }>(`SELECT DISTINCT o.role ${FROM} WHERE ${where}`, { bind, type: QueryTypes.SELECT }),
      this.sequelize.query<{ id: number; name: string; partnership_id: number; partnership_name: string }>(
        `SELECT DISTINCT a.id, a.name, a.partnership_id, p.name AS partnership_name ${FROM}
           JOIN organisation_areas oa ON oa.organisation_id = s.organisation_id JOIN areas a ON a.id = oa.area_id AND a.partnership_id = s.partnership_id
         WHERE ${where} ORDER BY p.name, a.name`,
        { bind, type: QueryTypes.SELECT },
      ),
      this.sequelize.query<{ id: number; name: string }>(`SELECT DISTINCT p.id, p.name ${FROM} WHERE ${where} ORDER BY p.name`, { bind, type: QueryTypes.SELECT }),
    ])
    return {
      sectors: sectors.map(({ key, label }) => ({ key, label })),
      roles: Object.entries(organisationRoleKindLabels)
        .filter(([key]) => roles.some((row) => row.role === key))
        .map(([key, label]) => ({ key, label })),
      areas: areas.map((row) => ({ id: Number(row.id), name: row.name, partnershipId: Number(row.partnership_id), partnershipName: row.partnership_name })),
      partnerships: partnerships.map((row) => ({ id: Number(row.id), name: row.name })),
    }
  }

  /**
   * Everything the directory shows is in these tables; a change to any of them changes a count,
   * a newest timestamp or (for an organisation's areas, which are replaced without timestamps) the
   * sums of the links. Cheap enough to run about once a second.
   */
  async version(): Promise<DirectoryVersion> {
    const [row] = await this.sequelize.query<Record<string, string | number | Date | null>>(
      `SELECT
         (SELECT COUNT(*) FROM statements) AS statements,
         (SELECT MAX(updated_at) FROM statements) AS statements_updated,
         (SELECT MAX(published_at) FROM statements) AS published,
         (SELECT MAX(superseded_at) FROM statements) AS superseded,
         (SELECT COUNT(*) FROM organisations) AS organisations,
         (SELECT MAX(updated_at) FROM organisations) AS organisations_updated,
         (SELECT COUNT(*) FROM organisation_partnerships) AS memberships,
         (SELECT SUM(organisation_id) FROM organisation_partnerships) AS membership_sum,
         (SELECT COUNT(*) FROM organisation_areas) AS area_links,
         (SELECT SUM(area_id) FROM organisation_areas) AS area_link_sum,
         (SELECT SUM(organisation_id) FROM organisation_areas) AS area_link_organisation_sum,
         (SELECT COUNT(*) FROM areas) AS areas,
         (SELECT MAX(updated_at) FROM areas) AS areas_updated,
         (SELECT MAX(updated_at) FROM partnerships) AS partnerships_updated`,
      { type: QueryTypes.SELECT },
    )
    const key = Object.values(row)
      .map((value) => (value instanceof Date ? value.toISOString() : String(value)))
      .join('|')
    // A published or superseded statement changes what the directory lists; a renamed organisation or area changes how.
    const times = [row.published, row.superseded, row.organisations_updated, row.areas_updated, row.partnerships_updated]
      .map((value) => asDate(value as Date | string | null))
      .filter((date): date is Date => date !== null)
    const lastModified = new Date(Math.max(0, ...times.map((date) => date.getTime())))
    return { key, lastModified }
  }
}

function toEntry(row: EntryRow): DirectoryEntry {
  const areas = typeof row.area_names === 'string' ? (JSON.parse(row.area_names) as (string | null)[]) : (row.area_names ?? [])
  return {
    statementId: Number(row.statement_id),
    organisationId: Number(row.organisation_id),
    organisationName: row.organisation_name,
    partnershipId: Number(row.partnership_id),
    partnershipName: row.partnership_name,
    role: row.role,
    sectorKey: row.sector_key,
    sectorLabel: row.sector_label,
    areas: areas.filter((name): name is string => typeof name === 'string').sort((a, b) => a.localeCompare(b, 'en-GB')),
    version: Number(row.version),
    effectiveOn: row.effective_on ?? '',
    reviewOn: row.review_on ?? '',
    publishedAt: asDate(row.published_at),
  }
}
