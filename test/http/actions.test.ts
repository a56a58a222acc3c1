import { expect } from 'chai'
import { Action, ActionSource, AuditEvent, Organisation, Partnership, PlanReview, PlanReviewRecommendation, Theme, User } from '../../server/db/models'
import type { NewActionInput } from '../../server/actions/schema'
import { Agent, postForm, signedInAgent } from '../helpers/agents'
import { testContext } from '../helpers/testContext'

const dateFields = (name: string, iso: string) => {
  const [year, month, day] = iso.split('-')
  return { [`${name}-day`]: String(Number(day)), [`${name}-month`]: String(Number(month)), [`${name}-year`]: year }
}
/** The text of a page without its markup, to match sentences across elements. */
const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, '’').replace(/&amp;/g, '&').replace(/\s+/g, ' ')

describe('an action: create, similar actions, see, change', () => {
  let qa: Agent
  let schoolLead: Agent
  let policeLead: Agent
  let partnershipId: number
  let police: Organisation
  let school: Organisation
  let qaUser: User
  let neglectTheme: Theme

  before(async () => {
    ;[qa, schoolLead, policeLead] = await Promise.all(['qa@riverside.test', 'lead@school.riverside.test', 'lead@police.riverside.test'].map((email) => signedInAgent(email)))
    partnershipId = (await Partnership.findOne({ where: { slug: 'riverside' } }))!.id
    police = (await Organisation.findOne({ where: { name: 'Riverside and Millbrook Police' } }))!
    school = (await Organisation.findOne({ where: { name: 'Millbrook Academy' } }))!
    qaUser = (await User.findOne({ where: { email: 'qa@riverside.test' } }))!
    neglectTheme = (await Theme.findOne({ where: { partnershipId, name: 'Actions test: neglect' } })) ?? (await Theme.create({ partnershipId, name: 'Actions test: neglect' }))
  })

  /** A valid new-action form, with `overrides` on top. */
  const actionForm = (overrides: Record<string, string | string[]> = {}) => ({
    title: 'Youth workers complete exploitation awareness training',
    outcomeSought: 'Young people at risk of county lines exploitation are spotted at youth clubs and referred the same week',
    whyItMatters: 'Rapid review learning',
    deliverable: 'Half-day course for every youth worker',
    ownerOrganisationId: String(school.id),
    ownerName: 'Morgan Hughes',
    areaId: '',
    ...dateFields('startsOn', '2026-02-01'),
    ...dateFields('dueOn', '2026-09-30'),
    priority: 'high',
    themeIds: [String(neglectTheme.id)],
    newTheme: '',
    ...overrides,
  })
  const directly = (overrides: Partial<NewActionInput> = {}) =>
    testContext().services.actions.create(qaUser.id, partnershipId, {
      title: 'Infant neglect: health visitors recognise early signs',
      outcomeSought: 'Babies at risk of neglect are identified by health visitors before harm',
      whyItMatters: '',
      deliverable: '',
      ownerOrganisationId: police.id,
      ownerName: 'Chris Patel',
      areaId: null,
      startsOn: '2026-01-01',
      dueOn: '2026-06-30',
      priority: 'medium',
      themeIds: [],
      newTheme: '',
      ...overrides,
    }, null)

  it('offers the form with the partnership’s organisations, areas and themes', async () => {
    const response = await qa.get('/actions/new')
    expect(response.status).to.equal(200)
    expect(response.text).to.contain(`<option value="${school.id}">Millbrook Academy</option>`)
    expect(response.text).to.contain('Actions test: neglect')
    expect(textOf(response.text)).to.contain('What will be different for children when this is done?')
  })

  it('refuses a due date before the start, keeping everything typed', async () => {
    const response = await postForm(qa, '/actions/new', actionForm(dateFields('dueOn', '2026-01-15')))
    expect(response.status).to.equal(400)
    expect(textOf(response.text)).to.contain('The due date must be the same as or after the start date')
    expect(response.text).to.contain('value="Youth workers complete exploitation awareness training"').and.contain('Half-day course for every youth worker')
    expect(response.text).to.match(/name="dueOn-day"[^>]*value="15"/)
    // A start date that is not a real date is named as such, without a misleading comparison.
    const unreal = textOf((await postForm(qa, '/actions/new', actionForm(dateFields('startsOn', '2026-02-31')))).text)
    expect(unreal).to.contain('The start date must be a real date, like 31 3 2026').and.not.contain('The due date must be')
  })

  it('refuses an owner outside the partnership, naming it', async () => {
    const outsider = await Organisation.create({ name: 'Actions Outsider Trust', role: 'relevant_agency', sectorKey: 'nhs-provider', sizeTier: 'large' })
    const response = await postForm(qa, '/actions/new', actionForm({ ownerOrganisationId: String(outsider.id), confirm: 'yes' }))
    expect(response.status).to.equal(400)
    expect(textOf(response.text)).to.contain('Actions Outsider Trust is not one of the partnership’s organisations: choose the owner from the list')
    expect(response.text).to.contain('Young people at risk of county lines exploitation')
  })

  it('creates a draft with its themes (a new theme joins the shared list) and an audit event, and shows it', async () => {
    const response = await postForm(qa, '/actions/new', actionForm({ newTheme: 'Actions test: county lines' }))
    expect(response.status, textOf(response.text).slice(0, 800)).to.equal(302)
    const id = Number(response.headers.location.split('/').pop())
    const action = (await Action.findByPk(id))!
    expect([action.status, action.priority, action.ownerOrganisationId, action.dueOn, action.version, action.createdById]).to.deep.equal(['draft', 'high', school.id, '2026-09-30', 1, qaUser.id])
    const created = (await Theme.findOne({ where: { partnershipId, name: 'Actions test: county lines' } }))!
    const event = (await AuditEvent.findOne({ where: { action: 'action.created', entityId: String(id) } }))!
    expect((event.after as { themeIds: number[] }).themeIds).to.have.members([neglectTheme.id, created.id])
    const page = textOf((await qa.get(`/actions/${id}`)).text)
    for (const text of ['Action added to the plan as a draft', 'Draft', 'High priority', 'Half-day course for every youth worker', 'Morgan Hughes, Millbrook Academy', '30 September 2026', 'Actions test: county lines', 'Added directly to the plan', 'No updates yet']) {
      expect(page).to.contain(text)
    }
  })

  it('offers similar open actions first; "Create a new action anyway" keeps every typed value', async () => {
    const existing = await directly({ themeIds: [neglectTheme.id] })
    const typed = actionForm({ title: 'Health visitors trained to recognise infant neglect', outcomeSought: 'Infants at risk of neglect are recognised early by health visitors', newTheme: 'Actions test: infants' })
    const offered = await postForm(qa, '/actions/new', typed)
    expect(offered.status).to.equal(200)
    const page = textOf(offered.text)
    expect(page).to.contain('Similar open actions already in the plan').and.contain(existing.title).and.contain('Both mention: health, visitor').and.contain('Both tagged: Actions test: neglect').and.contain('Chris Patel, Riverside and Millbrook Police')
    expect(offered.text).not.to.contain('Link to this action instead')
    for (const [name, value] of Object.entries(typed)) for (const one of ([] as string[]).concat(value)) expect(offered.text).to.contain(`name="${name}" value="${one}"`)
    expect(await Action.count({ where: { title: typed.title } })).to.equal(0)
    const created = await postForm(qa, '/actions/new', { ...typed, confirm: 'yes' })
    expect(created.status).to.equal(302)
    expect(await Action.count({ where: { title: typed.title } })).to.equal(1)
  })

  it('"Change what I typed" brings the form back as it was', async () => {
    await directly({ title: 'Fathers included in child protection assessments', outcomeSought: 'Assessments consider fathers and male carers' })
    const typed = actionForm({ title: 'Include fathers in assessments', outcomeSought: 'Assessments always consider fathers and male carers', confirm: 'change' })
    const response = await postForm(qa, '/actions/new', typed)
    expect(response.status).to.equal(200)
    expect(response.text).to.contain('value="Include fathers in assessments"').and.contain('Add an action to the plan')
  })

  describe('from a source', () => {
    let recommendationId: number
    before(async () => {
      const review = await PlanReview.create({ partnershipId, kind: 'rapid_review', name: 'Actions test review', heldOn: '2026-01-10', summary: null, createdById: qaUser.id })
      recommendationId = (await PlanReviewRecommendation.create({ reviewId: review.id, number: 1, text: 'Health visitors should be trained to recognise infant neglect' })).id
    })

    it('is prefilled from the source, and 404 for a source that is not the partnership’s', async () => {
      const response = await qa.get(`/actions/new?source=review_recommendation:${recommendationId}`)
      expect(response.status).to.equal(200)
      expect(textOf(response.text)).to.contain('This action answers Rapid Review: Actions test review (2026), recommendation 1')
      expect(response.text).to.contain(`name="source" value="review_recommendation:${recommendationId}"`)
      expect((await qa.get('/actions/new?source=review_recommendation:999999')).status).to.equal(404)
      expect((await qa.get('/actions/new?source=nonsense')).status).to.equal(404)
    })

    it('links the source to a similar action instead of duplicating it', async () => {
      const existing = await directly({ themeIds: [neglectTheme.id] })
      const source = `review_recommendation:${recommendationId}`
      const typed = actionForm({ title: 'Health visitor training on infant neglect signs', outcomeSought: 'Babies at risk of neglect are recognised by health visitors', source })
      const offered = await postForm(qa, '/actions/new', typed)
      expect(offered.text).to.contain('Link to this action instead').and.contain(`action="/actions/${existing.id}/link-source"`)
      const linked = await postForm(qa, `/actions/${existing.id}/link-source`, { source })
      expect(linked.status).to.equal(302)
      expect(linked.headers.location).to.equal(`/actions/${existing.id}`)
      expect(await ActionSource.count({ where: { actionId: existing.id, kind: 'review_recommendation', sourceId: recommendationId } })).to.equal(1)
      expect(await AuditEvent.count({ where: { action: 'action.source_linked', entityId: String(existing.id) } })).to.equal(1)
      expect(textOf((await qa.get(`/actions/${existing.id}`)).text)).to.contain('Rapid Review: Actions test review (2026), recommendation 1')
      expect(await Action.count({ where: { title: typed.title } })).to.equal(0)
      // Creating anyway records the source on the new action.
      const created = await postForm(qa, '/actions/new', { ...typed, confirm: 'yes' })
      const id = Number(created.headers.location.split('/').pop())
      expect(await ActionSource.count({ where: { actionId: id, kind: 'review_recommendation', sourceId: recommendationId } })).to.equal(1)
    })
  })

  it('shows an organisation’s users only their organisation’s actions', async () => {
    const policeAction = await directly({ title: 'Police action for access test' })
    expect((await policeLead.get(`/actions/${policeAction.id}`)).status).to.equal(200)
    expect((await schoolLead.get(`/actions/${policeAction.id}`)).status).to.equal(403)
    expect((await policeLead.get(`/actions/${policeAction.id}/edit`)).status).to.equal(403)
    expect((await qa.get('/actions/999999')).status).to.equal(404)
    expect((await schoolLead.get('/actions/new')).status).to.equal(403)
  })

  describe('changing its details', () => {
    it('saves with an audit event of before and after, and bumps the version', async () => {
      const action = await directly({ title: 'Edit test action' })
      const form = await qa.get(`/actions/${action.id}/edit`)
      expect(form.status).to.equal(200)
      expect(form.text).to.contain('name="version" value="1"').and.contain('value="Edit test action"')
      const saved = await postForm(qa, `/actions/${action.id}/edit`, { ...actionForm({ title: 'Edit test action, renamed' }), version: '1' })
      expect(saved.status).to.equal(302)
      await action.reload()
      expect([action.title, action.version, action.deliverable, action.ownerOrganisationId]).to.deep.equal(['Edit test action, renamed', 2, 'Half-day course for every youth worker', police.id])
      const event = (await AuditEvent.findOne({ where: { action: 'action.edited', entityId: String(action.id) } }))!
      expect([(event.before as { title: string }).title, (event.after as { title: string }).title]).to.deep.equal(['Edit test action', 'Edit test action, renamed'])
    })

    it('refuses a save from an older copy, showing the current values and keeping what was typed', async () => {
      const action = await directly({ title: 'Conflict test action' })
      await postForm(qa, `/actions/${action.id}/edit`, { ...actionForm({ title: 'Conflict test action: first save' }), version: '1' })
      const stale = await postForm(qa, `/actions/${action.id}/edit`, { ...actionForm({ title: 'Conflict test action: second save' }), version: '1' })
      expect(stale.status).to.equal(409)
      const page = textOf(stale.text)
      expect(page).to.contain('Someone else changed this action after you opened this page').and.contain('The action as it is now (version 2)').and.contain('Conflict test action: first save')
      expect(stale.text).to.contain('value="Conflict test action: second save"').and.contain('name="version" value="2"')
      expect((await action.reload()).title).to.equal('Conflict test action: first save')
    })

    it('refuses a due date before the start and clearing an active action’s deliverable', async () => {
      const action = await directly({ title: 'Edit rules action', deliverable: 'A deliverable' })
      const early = await postForm(qa, `/actions/${action.id}/edit`, { ...actionForm(dateFields('dueOn', '2025-01-01')), version: '1' })
      expect(early.status).to.equal(400)
      expect(textOf(early.text)).to.contain('The due date must be the same as or after the start date')
      await action.update({ status: 'on_track' })
      const cleared = await postForm(qa, `/actions/${action.id}/edit`, { ...actionForm({ deliverable: '' }), version: '1' })
      expect(cleared.status).to.equal(400)
      expect(textOf(cleared.text)).to.contain('Enter the deliverable: an active action must have one')
    })
  })
})
