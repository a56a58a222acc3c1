import { publicStatementPath } from '../statements/publicPath'
import { organisationRoleKindLabels } from '../db/models/organisationKinds'
import type { ExportTable } from '../reports/tableExport'
import { reviewStatus, ReviewStatus, reviewStatusLabels, reviewStatusTagClasses } from '../statements/reviewStatus'
import type { DirectoryEntry } from './queries'

/** The stable public address of an organisation's current statement (server/statements/publicRoutes.ts). */
export const statementPath = (entry: DirectoryEntry) => publicStatementPath(entry.partnershipId, entry.organisationId)
export const statementPdfPath = (entry: DirectoryEntry) => `${statementPath(entry)}/statement.pdf`

/** A published statement without a review date cannot be overdue: it counts as current. */
export const statusOf = (entry: DirectoryEntry, today: string): ReviewStatus => (entry.reviewOn ? reviewStatus(entry.reviewOn, today) : 'current')

/** An entry as the page shows it. */
export function entryView(entry: DirectoryEntry, today: string) {
  const status = statusOf(entry, today)
  return {
    ...entry,
    roleLabel: organisationRoleKindLabels[entry.role] ?? entry.role,
    statusLabel: reviewStatusLabels[status],
    statusClass: reviewStatusTagClasses[status],
    href: statementPath(entry),
    pdfHref: statementPdfPath(entry),
  }
}

/**
 * An entry as open data: the same facts the page shows, with absolute links. Built field by field
 * so nothing else about the statement (who signed or decided it, its content) can slip out.
 */
export function entryData(entry: DirectoryEntry, today: string, publicUrl: string) {
  const status = statusOf(entry, today)
  return {
    organisationId: entry.organisationId,
    organisation: entry.organisationName,
    partnership: entry.partnershipName,
    role: organisationRoleKindLabels[entry.role] ?? entry.role,
    sector: entry.sectorLabel,
    areas: entry.areas,
    version: entry.version,
    effectiveOn: entry.effectiveOn,
    reviewOn: entry.reviewOn,
    status: reviewStatusLabels[status],
    publishedAt: entry.publishedAt?.toISOString() ?? null,
    statementUrl: `${publicUrl}${statementPath(entry)}`,
    pdfUrl: `${publicUrl}${statementPdfPath(entry)}`,
  }
}

export type DirectoryEntryData = ReturnType<typeof entryData>

/** Every matching entry as a CSV table: one row per statement, the same columns as the JSON. */
export function directoryTable(entries: DirectoryEntryData[]): ExportTable {
  return {
    name: 'Child Safeguarding Statements',
    header: ['Organisation', 'Partnership', 'Role', 'Sector', 'Areas', 'Version', 'Effective date', 'Review date', 'Status', 'Published at', 'Statement', 'PDF'],
    rows: entries.map((entry) => [
      entry.organisation,
      entry.partnership,
      entry.role,
      entry.sector,
      entry.areas.join('; '),
      entry.version,
      entry.effectiveOn,
      entry.reviewOn,
      entry.status,
      entry.publishedAt,
      entry.statementUrl,
      entry.pdfUrl,
    ]),
  }
}
