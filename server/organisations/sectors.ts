/**
 * The fixed, extendable list of organisation sectors. Each is also a row in the `sectors` table:
 * to add one, add it here and insert its row in a new migration (a test keeps the two in step).
 */
export const SECTORS = [
  { key: 'local-authority', label: 'Local authority' },
  { key: 'health-commissioner', label: 'Health commissioner' },
  { key: 'nhs-provider', label: 'NHS provider' },
  { key: 'police', label: 'Police' },
  { key: 'probation', label: 'Probation' },
  { key: 'youth-justice', label: 'Youth justice' },
  { key: 'education', label: 'Education (school, college or early years)' },
  { key: 'voluntary-community', label: 'Voluntary and community' },
  { key: 'faith', label: 'Faith' },
  { key: 'sport-leisure', label: 'Sport and leisure' },
  { key: 'out-of-school', label: 'Out-of-school setting' },
  { key: 'social-housing', label: 'Social housing' },
  { key: 'other', label: 'Other' },
] as const

export const SECTOR_KEYS: readonly string[] = SECTORS.map((sector) => sector.key)
