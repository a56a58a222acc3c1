import { DEMO_PARTNERSHIP } from '../../server/demo/demoData'
import { Action, Organisation, Partnership, User } from '../../server/db/models'
import type { ActionStatus } from '../../server/db/models/action.model'
import { todayInEngland } from '../../server/forms/dates'
import { actionPanels } from '../../server/actions/panels'
import { testContext } from './testContext'

const DAY = 86_400_000
/** Today in England moved by a number of days, as YYYY-MM-DD. */
export const isoDaysFromToday = (days: number) => todayInEngland(new Date(Date.now() + days * DAY))

/** The demo partnership and its organisations that the demo users belong to. */
export async function demoActionOwners() {
  const partnership = (await Partnership.findOne({ where: { name: DEMO_PARTNERSHIP.name } }))!
  const police = (await Organisation.findOne({ where: { name: 'Riverside and Millbrook Police' } }))!
  const school = (await Organisation.findOne({ where: { name: 'Millbrook Academy' } }))!
  const admin = (await User.findOne({ where: { email: 'admin@riverside.test' } }))!
  return { partnership, police, school, admin }
}

/** An action in the demo partnership, owned by the police unless told otherwise: made directly, as the create page is another feature's. */
export async function newAction(overrides: Partial<{ title: string; status: ActionStatus; dueOn: string; ownerOrganisationId: number | null }> = {}): Promise<Action> {
  const { partnership, police, admin } = await demoActionOwners()
  return Action.create({
    partnershipId: partnership.id,
    title: 'Record the voice of the child at every strategy meeting',
    outcomeSought: 'Children’s wishes and feelings shape the plans made for them',
    whyItMatters: 'The Rapid Review found the child’s voice missing from strategy discussions',
    deliverable: 'A revised strategy meeting template and briefing for chairs',
    ownerOrganisationId: police.id,
    ownerName: 'Chris Patel',
    areaId: null,
    startsOn: isoDaysFromToday(-200),
    dueOn: isoDaysFromToday(60),
    status: 'on_track',
    priority: 'high',
    createdById: admin.id,
    ...overrides,
  })
}

/**
 * The action page's measures, evidence and escalation panels as `email` sees them, rendered from
 * actionPanels exactly as the action page spreads it into its locals.
 */
export async function actionPanelsHtml(actionId: number, email: string): Promise<string> {
  const { app, services } = testContext()
  const user = (await User.findOne({ where: { email } }))!
  const viewer = (await services.signIn.currentUser(user.id))!
  const action = (await Action.findByPk(actionId))!
  const locals = { action, ...(await actionPanels(action, viewer, todayInEngland(services.now()))), layout: false }
  const render = (view: string) => new Promise<string>((resolve, reject) => app.render(view, locals, (error, html) => (error ? reject(error) : resolve(html))))
  return (await Promise.all(['actions/_measures', 'actions/_evidence', 'actions/_escalations'].map(render))).join('\n')
}
