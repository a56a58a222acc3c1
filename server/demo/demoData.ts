import type { Role } from '../auth/roles'
import type { OrganisationRoleKind, SizeTier } from '../db/models/organisationKinds'

/** Entirely fictional: no real organisation appears here. */
export const DEMO_PASSWORD = 'assure-demo-2024'
export const DEMO_PARTNERSHIP = { name: 'Riverside Safeguarding Children Partnership', slug: 'riverside' }
export const DEMO_AREAS = ['Riverside', 'Millbrook'] as const
type AreaName = (typeof DEMO_AREAS)[number]

type DemoOrganisation = [name: string, role: OrganisationRoleKind, sector: string, tier: SizeTier, areas: AreaName[]]

const both: AreaName[] = ['Riverside', 'Millbrook']

export const DEMO_ORGANISATIONS: DemoOrganisation[] = [
  ['Riverside Borough Council Children’s Services', 'safeguarding_partner', 'local-authority', 'large', ['Riverside']],
  ['Millbrook District Council Children’s Services', 'safeguarding_partner', 'local-authority', 'large', ['Millbrook']],
  ['North Riverside Integrated Care Board', 'safeguarding_partner', 'health-commissioner', 'large', both],
  ['Riverside and Millbrook Police', 'safeguarding_partner', 'police', 'large', both],
  ['Riverside University Hospitals NHS Trust', 'relevant_agency', 'nhs-provider', 'large', both],
  ['Millbrook Community Health NHS Trust', 'relevant_agency', 'nhs-provider', 'large', ['Millbrook']],
  ['Riverside Mental Health NHS Foundation Trust', 'relevant_agency', 'nhs-provider', 'large', both],
  ['Riverside GP Federation', 'relevant_agency', 'nhs-provider', 'medium', ['Riverside']],
  ['Riverside and Millbrook Probation Delivery Unit', 'relevant_agency', 'probation', 'large', both],
  ['Riverside Youth Justice Service', 'relevant_agency', 'youth-justice', 'medium', both],
  ['Riverside Fire and Rescue Service', 'relevant_agency', 'other', 'large', both],
  ['Riverside Borough Housing Service', 'relevant_agency', 'local-authority', 'large', ['Riverside']],
  ['Millbrook Academy', 'relevant_agency', 'education', 'large', ['Millbrook']],
  ['Kingsgate Secondary School', 'relevant_agency', 'education', 'large', ['Riverside']],
  ['St Anne’s Church of England Primary School', 'relevant_agency', 'education', 'medium', ['Riverside']],
  ['Millbrook Primary School', 'relevant_agency', 'education', 'medium', ['Millbrook']],
  ['Oakfield Special School', 'relevant_agency', 'education', 'medium', ['Riverside']],
  ['Riverside Sixth Form College', 'relevant_agency', 'education', 'large', both],
  ['Riverside College of Further Education', 'relevant_agency', 'education', 'large', both],
  ['Little Acorns Nursery', 'relevant_agency', 'education', 'small', ['Millbrook']],
  ['Riverside Drug and Alcohol Service', 'relevant_agency', 'voluntary-community', 'medium', both],
  ['Eastside Youth Club', 'named_organisation', 'voluntary-community', 'small', ['Riverside']],
  ['Riverside Food Bank', 'named_organisation', 'voluntary-community', 'small', ['Riverside']],
  ['Millbrook Domestic Abuse Support', 'named_organisation', 'voluntary-community', 'medium', ['Millbrook']],
  ['Riverside Family Support Network', 'named_organisation', 'voluntary-community', 'medium', both],
  ['Riverside Young Carers', 'named_organisation', 'voluntary-community', 'small', both],
  ['Millbrook Scouts District', 'named_organisation', 'voluntary-community', 'small', ['Millbrook']],
  ['St Mark’s Parish Church', 'named_organisation', 'faith', 'small', ['Riverside']],
  ['Millbrook Mosque Education Centre', 'named_organisation', 'faith', 'small', ['Millbrook']],
  ['Riverside Gurdwara Youth Programme', 'named_organisation', 'faith', 'small', ['Riverside']],
  ['Riverside Football Club Community Trust', 'named_organisation', 'sport-leisure', 'medium', both],
  ['Millbrook Swimming Club', 'named_organisation', 'sport-leisure', 'small', ['Millbrook']],
  ['Riverside Leisure Centres', 'named_organisation', 'sport-leisure', 'medium', ['Riverside']],
  ['Millbrook Boxing Academy', 'named_organisation', 'sport-leisure', 'small', ['Millbrook']],
  ['Bright Stars Tuition Centre', 'named_organisation', 'out-of-school', 'small', ['Riverside']],
  ['Millbrook Saturday Language School', 'named_organisation', 'out-of-school', 'small', ['Millbrook']],
  ['Riverside Dance Academy', 'named_organisation', 'out-of-school', 'small', ['Riverside']],
  ['Riverside Homes Housing Association', 'named_organisation', 'social-housing', 'large', both],
  ['Millbrook Community Housing', 'named_organisation', 'social-housing', 'medium', ['Millbrook']],
  ['Riverside Library and Community Hubs', 'named_organisation', 'other', 'medium', ['Riverside']],
]

export interface DemoUser {
  email: string
  name: string
  role: Role
  /** Organisation name for organisation roles; absent for partnership roles. */
  organisation?: string
}

export const DEMO_USERS: DemoUser[] = [
  { email: 'admin@riverside.test', name: 'Alex Morgan', role: 'partnership_admin' },
  { email: 'qa@riverside.test', name: 'Sam Okafor', role: 'qa_reviewer' },
  { email: 'auditor@riverside.test', name: 'Jordan Ellis', role: 'auditor' },
  // Case audit auditors for two more agencies (the police lead audits for the police): see server/demo for the rounds.
  { email: 'auditor.health@riverside.test', name: 'Priya Shah', role: 'auditor' },
  { email: 'auditor.socialcare@riverside.test', name: 'Dana Kowalski', role: 'auditor' },
  { email: 'lead@police.riverside.test', name: 'Chris Patel', role: 'organisation_lead', organisation: 'Riverside and Millbrook Police' },
  { email: 'lead@school.riverside.test', name: 'Morgan Hughes', role: 'organisation_lead', organisation: 'Millbrook Academy' },
  { email: 'contributor@school.riverside.test', name: 'Taylor Nowak', role: 'organisation_contributor', organisation: 'Millbrook Academy' },
  { email: 'lead@youthclub.riverside.test', name: 'Robin Adeyemi', role: 'organisation_lead', organisation: 'Eastside Youth Club' },
]
