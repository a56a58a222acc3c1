import { actionSourceKindLabels, ACTION_SOURCE_KINDS, ActionSourceKind } from '../../db/models/actionSource.model'
import { QueryTypes } from 'sequelize'
import { Action } from '../../db/models'
import { OPEN_STATUSES } from '../../db/models/action.model'
import type { ExportTable } from '../../reports/tableExport'

export interface ThemeSheetRow {
  themeId: number
  name: string
  actions: number
  open: number
  overdue: number
  /** The kinds of source the theme's actions came from, in the kinds' usual order. */
  sourceKinds: ActionSourceKind[]
  /** How many routes those kinds are (the self-assessment's two kinds are one). */
  routes: number
  /** Tagged on actions found by two or more routes: the same problem seen in different ways. */
  recurring: boolean
}

/** A theme is recurring when actions found by this many routes carry it. */
export const RECURRING_ROUTES = 2

/** The route by which a kind of source finds a problem: a return's areas for improvement and the suggested actions it accepted are one route, its self-assessment. */
const routeOf = (kind: ActionSourceKind) => (kind === 'accepted_action' ? 'improvement_area' : kind)

/**
 * Each theme used in the plan with its count of actions, open actions and overdue ones, across
 * every source; recurring themes first, then the most open actions. Two grouped queries.
 */
export async function themesSheet(partnershipId: number, today: string): Promise<ThemeSheetRow[]> {
  const sequelize = Action.sequelize!
  const open = OPEN_STATUSES.map((status) => sequelize.escape(status)).join(', ')
  const [counts, kinds] = await Promise.all([
    sequelize.query<{ theme_id: number; name: string; action_count: number | string; open_count: number | string; overdue_count: number | string }>(
      `SELECT t.id AS theme_id, t.name, COUNT(a.id) AS action_count,
              SUM(CASE WHEN a.status IN (${open}) THEN 1 ELSE 0 END) AS open_count,
              SUM(CASE WHEN a.status IN (${open}) AND a.due_on < :today THEN 1 ELSE 0 END) AS overdue_count
         FROM themes t JOIN action_themes tag ON tag.theme_id = t.id JOIN actions a ON a.id = tag.action_id AND a.partnership_id = t.partnership_id
        WHERE t.partnership_id = :partnershipId
        GROUP BY t.id, t.name`,
      { replacements: { partnershipId, today }, type: QueryTypes.SELECT },
    ),
    sequelize.query<{ theme_id: number; kind: ActionSourceKind }>(
      `SELECT DISTINCT tag.theme_id, s.kind
         FROM action_themes tag JOIN actions a ON a.id = tag.action_id JOIN action_sources s ON s.action_id = a.id
        WHERE a.partnership_id = :partnershipId`,
      { replacements: { partnershipId }, type: QueryTypes.SELECT },
    ),
  ])
  const kindsOf = new Map<number, Set<ActionSourceKind>>()
  for (const { theme_id, kind } of kinds) kindsOf.set(theme_id, (kindsOf.get(theme_id) ?? new Set()).add(kind))
  const rows = counts.map((row) => {
    const sourceKinds = ACTION_SOURCE_KINDS.filter((kind) => kindsOf.get(row.theme_id)?.has(kind))
    const routes = new Set(sourceKinds.map(routeOf)).size
    return { themeId: row.theme_id, name: row.name, actions: Number(row.action_count), open: Number(row.open_count), overdue: Number(row.overdue_count), sourceKinds, routes, recurring: routes >= RECURRING_ROUTES }
  })
  return rows.sort((a, b) => b.routes - a.routes || b.sourceKinds.length - a.sourceKinds.length || b.open - a.open || b.actions - a.actions || a.name.localeCompare(b.name))
}

export function themesSheetTable(rows: ThemeSheetRow[]): ExportTable {
  return {
    name: 'Themes across the plan',
    header: ['Theme', 'Actions', 'Open', 'Overdue', 'Kinds of source', 'Sources', 'Recurring'],
    rows: rows.map((row) => [row.name, row.actions, row.open, row.overdue, row.sourceKinds.length, row.sourceKinds.map((kind) => actionSourceKindLabels[kind]).join('; '), row.recurring ? 'Yes' : 'No']),
  }
}
