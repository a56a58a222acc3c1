import { z } from 'zod'
import { organisationRoleKinds, sizeTiers } from '../db/models/organisationKinds'
import { manyValues, requiredText } from '../forms/validation'

export const organisationSchema = z.object({
  name: requiredText('Enter the organisation’s name'),
  role: z.enum(organisationRoleKinds, { error: 'Select the organisation’s role in the partnership' }),
  sectorKey: requiredText('Select a sector', 50),
  sizeTier: z.enum(sizeTiers, { error: 'Select the size of the organisation' }),
  areaIds: manyValues(z.coerce.number().int().positive()).pipe(z.array(z.number()).min(1, { error: 'Select at least one area it works in' })),
})

export type OrganisationInput = z.infer<typeof organisationSchema>

export const organisationFiltersSchema = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  role: z.enum(organisationRoleKinds).optional().catch(undefined),
  sector: z.string().max(50).optional().catch(undefined),
  area: z.coerce.number().int().positive().optional().catch(undefined),
  status: z.enum(['active', 'inactive', 'all']).default('active').catch('active'),
  page: z.coerce.number().int().min(1).default(1).catch(1),
})

export type OrganisationFilters = z.infer<typeof organisationFiltersSchema>
