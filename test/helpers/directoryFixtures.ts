import type { Sequelize } from 'sequelize'
import { Area, Organisation, Partnership, Statement } from '../../server/db/models'
import type { OrganisationRoleKind } from '../../server/db/models/organisationKinds'
import { PROCEDURE_KEYS, StatementContent, StatementStatus } from '../../server/db/models/statement.model'

/** A whole statement's content, with words that must never reach the public directory. */
export function statementContent(marker = 'Confidential risk wording'): StatementContent {
  return {
    service: { description: `${marker}: service`, childrenAndYoungPeople: 'Children aged 8 to 16', locations: 'Riverside' },
    principles: `${marker}: principles`,
    risks: [{ risk: `${marker}: risk`, whereOrWhen: 'Changing rooms', likelihood: 'low', seriousness: 'high', procedure: 'Two adults present' }],
    procedures: Object.fromEntries(PROCEDURE_KEYS.map((key) => [key, { documentName: `${key} policy`, lastReviewedOn: '2025-01-01' }])) as StatementContent['procedures'],
    relevantPersons: [{ name: 'Relevant Person Name', role: 'Designated lead', contact: 'relevant.person@example.test' }],
  }
}

/** YYYY-MM-DD, `days` from `from`. */
export function addDays(from: string, days: number): string {
  const date = new Date(`${from}T00:00:00Z`)
  date.setUTCDate(date.getUTCDate() + days)
  return date.toISOString().slice(0, 10)
}

export interface OrganisationSpec {
  name: string
  role?: OrganisationRoleKind
  sectorKey?: string
  areas?: Area[]
  active?: boolean
}

/** An organisation in the partnership, in the given areas. */
export async function organisationIn(sequelize: Sequelize, partnership: Partnership, spec: OrganisationSpec): Promise<Organisation> {
  const organisation = await Organisation.create({
    name: spec.name,
    role: spec.role ?? 'named_organisation',
    sectorKey: spec.sectorKey ?? 'voluntary-community',
    sizeTier: 'small',
    active: spec.active ?? true,
  })
  await sequelize.models.organisation_partnerships.create({ organisationId: organisation.id, partnershipId: partnership.id })
  for (const area of spec.areas ?? []) await sequelize.models.organisation_areas.create({ organisationId: organisation.id, areaId: area.id })
  return organisation
}

/** A statement made directly with the model: published ones have their dates, signature and publication time. */
export async function statementFor(
  organisation: Organisation,
  partnership: Partnership,
  status: StatementStatus,
  fields: { version?: number; effectiveOn?: string; reviewOn?: string; publishedAt?: Date; returnReason?: string; marker?: string } = {},
): Promise<Statement> {
  const published = status === 'approved' || status === 'superseded'
  return Statement.create({
    organisationId: organisation.id,
    partnershipId: partnership.id,
    version: fields.version ?? 1,
    status,
    content: statementContent(fields.marker),
    signedByName: 'Senior Signer Name',
    signedByRole: 'Chief executive',
    signedAt: new Date(),
    effectiveOn: fields.effectiveOn ?? '2025-04-01',
    reviewOn: fields.reviewOn ?? '2027-03-31',
    returnReason: fields.returnReason ?? null,
    publishedAt: published ? (fields.publishedAt ?? new Date()) : null,
    supersededAt: status === 'superseded' ? new Date() : null,
    createdById: null,
  })
}
