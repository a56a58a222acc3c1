import type { InferAttributes, Sequelize } from 'sequelize'
import type { AssessmentReturn, Organisation } from '../db/models'
import type { OrganisationRoleKind, SizeTier } from '../db/models/organisationKinds'
import { asBoolean, asDate, asJson, selectRows } from '../db/rawRows'
import { type FrameworkVersionRecord, frameworkVersionRecord } from '../standards/frameworkVersionRecords'

export type ReturnRecord = InferAttributes<AssessmentReturn>
export type OrganisationRecord = InferAttributes<Organisation>

interface Row {
  id: number
  organisationId: number
  frameworkVersionId: number
  firstCycleId: number
  status: ReturnRecord['status']
  submittedAt: Date | string | null
  firstSubmittedAt: Date | string | null
  submittedById: number | null
  declaration: string | null
  returnedReason: string | null
  createdAt: Date | string
  updatedAt: Date | string
  organisationName: string
  organisationRole: OrganisationRoleKind
  organisationSectorKey: string
  organisationSizeTier: SizeTier
  organisationActive: boolean | number
  organisationCreatedAt: Date | string
  organisationUpdatedAt: Date | string
  sourceHash: string
  /** Of one cycle receiving the return (none when no cycle does). */
  dueOn: string | null
  partnershipId: number | null
}

// One row per cycle that receives the return (withdrawn ones left out), or one row with no cycle.
const SQL = `
SELECT r.id, r.organisation_id AS "organisationId", r.framework_version_id AS "frameworkVersionId",
  r.first_cycle_id AS "firstCycleId", r.status, r.submitted_at AS "submittedAt", r.first_submitted_at AS "firstSubmittedAt",
  r.submitted_by_id AS "submittedById", r.declaration, r.returned_reason AS "returnedReason",
  r.created_at AS "createdAt", r.updated_at AS "updatedAt",
  o.name AS "organisationName", o.role AS "organisationRole", o.sector_key AS "organisationSectorKey",
  o.size_tier AS "organisationSizeTier", o.active AS "organisationActive",
  o.created_at AS "organisationCreatedAt", o.updated_at AS "organisationUpdatedAt",
  fv.source_hash AS "sourceHash", cr.due_on AS "dueOn", c.partnership_id AS "partnershipId"
FROM returns r
JOIN organisations o ON o.id = r.organisation_id
JOIN framework_versions fv ON fv.id = r.framework_version_id
LEFT JOIN cycle_returns cr ON cr.return_id = r.id AND cr.withdrawn_at IS NULL
LEFT JOIN cycles c ON c.id = cr.cycle_id
WHERE r.id = :id`

export interface ReturnRecords {
  assessment: ReturnRecord
  organisation: OrganisationRecord
  version: FrameworkVersionRecord
  /** Each cycle receiving the return: its partnership and the return's due date in it. */
  cycles: { partnershipId: number; dueOn: string }[]
}

/** A return with its organisation, framework version and receiving cycles, in one query (read on every page of a return). */
export async function readReturnRecords(sequelize: Sequelize, id: number): Promise<ReturnRecords | undefined> {
  const rows = await selectRows<Row>(sequelize, SQL, { id })
  if (rows.length === 0) return undefined
  const [row] = rows
  return {
    assessment: {
      id: row.id,
      organisationId: row.organisationId,
      frameworkVersionId: row.frameworkVersionId,
      firstCycleId: row.firstCycleId,
      status: row.status,
      submittedAt: asDate(row.submittedAt),
      firstSubmittedAt: asDate(row.firstSubmittedAt),
      submittedById: row.submittedById,
      declaration: asJson(row.declaration),
      returnedReason: row.returnedReason,
      createdAt: asDate(row.createdAt)!,
      updatedAt: asDate(row.updatedAt)!,
    },
    organisation: {
      id: row.organisationId,
      name: row.organisationName,
      role: row.organisationRole,
      sectorKey: row.organisationSectorKey,
      sizeTier: row.organisationSizeTier,
      active: asBoolean(row.organisationActive),
      createdAt: asDate(row.organisationCreatedAt)!,
      updatedAt: asDate(row.organisationUpdatedAt)!,
    },
    version: await frameworkVersionRecord(row.frameworkVersionId, row.sourceHash),
    cycles: rows.filter((cycle) => cycle.partnershipId !== null).map((cycle) => ({ partnershipId: cycle.partnershipId!, dueOn: cycle.dueOn! })),
  }
}
