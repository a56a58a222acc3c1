/** A route of the authorisation matrix and who may use it. */
export type RoleName = 'signedOut' | 'admin' | 'qa' | 'auditor' | 'policeLead' | 'schoolLead' | 'schoolContributor' | 'youthClubLead'

export const roleEmails: Record<Exclude<RoleName, 'signedOut'>, string> = {
  admin: 'admin@riverside.test',
  qa: 'qa@riverside.test',
  auditor: 'auditor@riverside.test',
  policeLead: 'lead@police.riverside.test',
  schoolLead: 'lead@school.riverside.test',
  schoolContributor: 'contributor@school.riverside.test',
  youthClubLead: 'lead@youthclub.riverside.test',
}

export const allRoles: RoleName[] = ['signedOut', ...(Object.keys(roleEmails) as RoleName[])]

export interface RouteCase {
  method: 'get' | 'post'
  /** The route as registered; placeholders such as :police and :cycle are filled in with test records. */
  path: string
  /** Roles allowed, with the status each gets. */
  allowed: Partial<Record<RoleName, number>>
  body?: Record<string, string>
}

/**
 * A feature's rows of the matrix, kept beside the feature's own tests' concerns. Paths are written
 * exactly as registered (`/actions/:actionId`); `setUp` makes the records they act on and returns
 * each route parameter's value by name.
 */
export interface MatrixModule {
  setUp(): Promise<Record<string, string>>
  routes: RouteCase[]
}

export const partnershipRoles = { admin: 200, qa: 200, auditor: 200 }
export const reviewers = (status: number) => ({ admin: status, qa: status })
export const signedIn = (status: number) => Object.fromEntries(allRoles.filter((role) => role !== 'signedOut').map((role) => [role, status]))
export const everyone = (status: number) => Object.fromEntries(allRoles.map((role) => [role, status]))
