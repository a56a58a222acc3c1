import { Organisation, Statement, User } from '../../../server/db/models'
import { completeContent, riverside } from '../statementsFixture'
import { everyone, MatrixModule, RouteCase, reviewers } from './routeCase'

const school = (status: number) => ({ schoolLead: status, schoolContributor: status })
const startRoute: RouteCase = { method: 'post', path: '/statements/new', allowed: school(302), body: {} }

/** Child Safeguarding Statements (server/statements): a draft of the school's to act on, and a published statement for the public pages. */
export const statementsMatrix: MatrixModule = {
  async setUp() {
    const partnership = await riverside()
    const schoolOrganisation = (await Organisation.findOne({ where: { name: 'Millbrook Academy' } }))!
    const published = (await Organisation.findOne({ where: { name: 'Riverside Leisure Centres' } }))!
    const lead = (await User.findOne({ where: { email: 'lead@school.riverside.test' } }))!
    const nextVersion = async (organisationId: number) => ((await Statement.max<number, Statement>('version', { where: { organisationId, partnershipId: partnership.id } })) ?? 0) + 1
    // Made directly, not through StatementService.start, which allows one open statement at a time.
    const draft = await Statement.create({ organisationId: schoolOrganisation.id, partnershipId: partnership.id, version: await nextVersion(schoolOrganisation.id), status: 'draft', content: completeContent(), createdById: lead.id })
    await Statement.update({ status: 'superseded' }, { where: { organisationId: published.id, status: 'approved' } })
    const current = await Statement.create({
      organisationId: published.id, partnershipId: partnership.id, version: await nextVersion(published.id), status: 'approved', content: completeContent(),
      signedByName: 'Matrix Signer', signedByRole: 'Chair', signedAt: new Date(), effectiveOn: '2026-01-01', reviewOn: '2027-12-31', publishedAt: new Date(), createdById: lead.id,
    })
    // Starting from the current statement: refused (a draft is open) and sent back to the list, as a 302.
    startRoute.body = { organisationId: String(schoolOrganisation.id), from: 'current' }
    return { statementId: String(draft.id), partnershipId: String(partnership.id), organisationId: String(published.id), version: String(current.version) }
  },
  routes: [
    { method: 'get', path: '/statements', allowed: { admin: 200, qa: 200, policeLead: 200, schoolLead: 200, schoolContributor: 200, youthClubLead: 200 } },
    startRoute,
    { method: 'get', path: '/statements/:statementId', allowed: { ...reviewers(200), ...school(200) } },
    { method: 'get', path: '/statements/:statementId/statement.pdf', allowed: { ...reviewers(200), ...school(200) } },
    ...['service', 'principles', 'risks', 'procedures', 'relevant-persons'].flatMap((section): RouteCase[] => [
      { method: 'get', path: `/statements/:statementId/${section}`, allowed: school(200) },
      { method: 'post', path: `/statements/:statementId/${section}`, allowed: school(400) },
    ]),
    { method: 'get', path: '/statements/:statementId/signature', allowed: { schoolLead: 200 } },
    { method: 'post', path: '/statements/:statementId/signature', allowed: { schoolLead: 400 } },
    { method: 'get', path: '/statements/:statementId/check', allowed: { schoolLead: 200 } },
    // Not every section is signed, so submitting is refused on the check page.
    { method: 'post', path: '/statements/:statementId/submit', allowed: { schoolLead: 400 } },
    // A draft cannot be decided: the reviewers are sent back to it.
    { method: 'post', path: '/statements/:statementId/approve', allowed: reviewers(303) },
    { method: 'get', path: '/statements/:statementId/return', allowed: reviewers(303) },
    { method: 'post', path: '/statements/:statementId/return', allowed: reviewers(303) },
    { method: 'get', path: '/directory/partnerships/:partnershipId/organisations/:organisationId', allowed: everyone(200) },
    { method: 'get', path: '/directory/partnerships/:partnershipId/organisations/:organisationId/statement.pdf', allowed: everyone(200) },
    { method: 'get', path: '/directory/partnerships/:partnershipId/organisations/:organisationId/versions/:version.pdf', allowed: everyone(200) },
    { method: 'get', path: '/directory/partnerships/:partnershipId/organisations/:organisationId/versions/:version', allowed: everyone(200) },
  ],
}
