import { z } from 'zod'
import { MINIMUM_PASSWORD_LENGTH } from '../auth/password'
import { roles } from '../auth/roles'
import { requiredText } from '../forms/validation'

const email = z
  .string({ error: 'Enter an email address' })
  .trim()
  .toLowerCase()
  .min(1, { error: 'Enter an email address' })
  .max(320, { error: 'Email address must be 320 characters or fewer' })
  .pipe(z.email({ error: 'Enter an email address in the correct format, like name@example.com' }))

const roleAndOrganisation = {
  role: z.enum(roles, { error: 'Select a role' }),
  organisationId: z.preprocess((value) => (value === '' ? undefined : value), z.coerce.number().int().positive().optional()),
}

function organisationRequiredForOrganisationRoles<T extends { role: string; organisationId?: number }>(value: T, ctx: z.RefinementCtx) {
  if (value.role.startsWith('organisation_') && !value.organisationId) {
    ctx.addIssue({ code: 'custom', path: ['organisationId'], message: 'Select the organisation for this role' })
  }
}

export const inviteSchema = z
  .object({ name: requiredText('Enter the person’s full name'), email, ...roleAndOrganisation })
  .superRefine(organisationRequiredForOrganisationRoles)

export const membershipSchema = z.object(roleAndOrganisation).superRefine(organisationRequiredForOrganisationRoles)

export type InviteInput = z.infer<typeof inviteSchema>
export type MembershipInput = z.infer<typeof membershipSchema>

export const acceptInvitationSchema = z
  .object({
    password: z
      .string({ error: 'Enter a password' })
      .min(MINIMUM_PASSWORD_LENGTH, { error: `Password must be at least ${MINIMUM_PASSWORD_LENGTH} characters` })
      .max(200, { error: 'Password must be 200 characters or fewer' })
      .refine((password) => password.trim().length >= MINIMUM_PASSWORD_LENGTH, { error: `Password must have at least ${MINIMUM_PASSWORD_LENGTH} characters that are not spaces` }),
    confirmPassword: z.string({ error: 'Confirm your password' }),
  })
  .refine((value) => value.password === value.confirmPassword, { path: ['confirmPassword'], message: 'Passwords do not match' })

export const signInSchema = z.object({
  email: z.string().trim().toLowerCase().min(1, { error: 'Enter your email address' }).max(320),
  password: z.string().min(1, { error: 'Enter your password' }).max(200),
})
