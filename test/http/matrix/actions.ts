import { Organisation, Partnership, User } from '../../../server/db/models'
import { testContext } from '../../helpers/testContext'
import { MatrixModule, reviewers } from './routeCase'

/**
 * An action's own pages (server/actions/routes.ts, updateRoutes.ts), on a draft owned by the police:
 * the partnership's people and the police lead see it; only admins and QA reviewers create and
 * change actions; the owner's users and the reviewers write updates. POSTs send invalid bodies.
 */
export const actionMatrix: MatrixModule = {
  async setUp() {
    const partnership = (await Partnership.findOne({ where: { slug: 'riverside' } }))!
    const police = (await Organisation.findOne({ where: { name: 'Riverside and Millbrook Police' } }))!
    const qa = (await User.findOne({ where: { email: 'qa@riverside.test' } }))!
    const action = await testContext().services.actions.create(
      qa.id,
      partnership.id,
      { title: 'Matrix action', outcomeSought: 'Matrix outcome', whyItMatters: '', deliverable: 'Matrix deliverable', ownerOrganisationId: police.id, ownerName: 'Chris Patel', areaId: null, startsOn: '2026-01-01', dueOn: '2026-12-31', priority: 'medium', themeIds: [], newTheme: '' },
      null,
    )
    return { actionId: String(action.id) }
  },
  routes: [
    { method: 'get', path: '/actions/new', allowed: reviewers(200) },
    { method: 'post', path: '/actions/new', allowed: reviewers(400), body: { title: '' } },
    { method: 'post', path: '/actions/:actionId/link-source', allowed: reviewers(404), body: { source: 'nonsense' } },
    { method: 'get', path: '/actions/:actionId', allowed: { admin: 200, qa: 200, auditor: 200, policeLead: 200 } },
    { method: 'get', path: '/actions/:actionId/edit', allowed: reviewers(200) },
    { method: 'post', path: '/actions/:actionId/edit', allowed: reviewers(400), body: { title: '' } },
    { method: 'get', path: '/actions/:actionId/update', allowed: { admin: 200, qa: 200, policeLead: 200 } },
    { method: 'post', path: '/actions/:actionId/update', allowed: { admin: 400, qa: 400, policeLead: 400 }, body: { note: '', version: '1' } },
  ],
}
