import { MatrixModule, partnershipRoles } from './routeCase'

/** The whole plan's views and outputs: the partnership's people only; organisation users see their actions on the dashboard instead. */
export const actionPlanMatrix: MatrixModule = {
  async setUp() {
    return {}
  },
  routes: ['/actions', '/actions/overdue', '/actions/stale', '/actions/themes', '/actions/themes.csv', '/actions/themes.xlsx', '/actions.csv', '/actions.xlsx', '/actions/plan.pdf'].map((path) => ({ method: 'get' as const, path, allowed: partnershipRoles })),
}
