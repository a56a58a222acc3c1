import { expect } from 'chai'
import { Action, Theme } from '../../server/db/models'
import { themesSheet } from '../../server/actions/plan/themesSheet'
import { Agent, signedInAgent } from '../helpers/agents'
import { isoDaysFromToday, planFixture } from '../helpers/actionPlanFixture'

/** The text of a page without its markup, to match sentences across elements. */
const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, '’').replace(/&amp;/g, '&').replace(/\s+/g, ' ')
/** The action titles in the plan's table, in order. */
const titlesIn = (html: string) => [...html.matchAll(/<a class="govuk-link" href="\/actions\/\d+">([^<]+)<\/a>/g)].map((match) => match[1])

describe('the action plan: the whole plan, filtered, overdue and stale, themes, dashboards', () => {
  let fixture: Awaited<ReturnType<typeof planFixture>>
  let admin: Agent
  let auditor: Agent
  let lead: Agent

  before(async () => {
    fixture = await planFixture('Plan View')
    const { action, school, south, neglect, exploitation, voice } = fixture
    await action({ title: 'Early help audit', status: 'on_track', dueInDays: 40, sources: ['audit_case'], themes: [neglect], priority: 'high', updatedDaysAgo: 3 })
    await action({ title: 'Neglect toolkit refresh', status: 'at_risk', dueInDays: -10, sources: ['improvement_area'], themes: [neglect], updatedDaysAgo: 70, escalation: { note: 'Ten days late' } })
    await action({ title: 'School attendance checks', status: 'draft', dueInDays: 5, owner: school, area: south, sources: ['review_recommendation'], themes: [exploitation], createdDaysAgo: 90, priority: 'low' })
    await action({ title: 'Exploitation screening tool', status: 'off_track', dueInDays: -45, sources: ['challenge', 'audit_case'], themes: [exploitation, neglect], updatedDaysAgo: 10 })
    await action({ title: 'Voice of the child in plans', status: 'completed', dueInDays: -30, sources: ['accepted_action'], themes: [voice], updatedDaysAgo: 100 })
    await action({ title: 'Closed interpreter pilot', status: 'closed', dueInDays: -100, sources: ['challenge_event_action'], area: null })
    admin = await signedInAgent(fixture.admin.email)
    auditor = await signedInAgent(fixture.auditor.email)
    lead = await signedInAgent(fixture.trustLead.email)
  })

  it('shows the whole plan to the partnership with counts per status, soonest due first, and a Create button for those who may create', async () => {
    const response = await admin.get('/actions')
    expect(response.status).to.equal(200)
    expect(titlesIn(response.text)).to.deep.equal(['Closed interpreter pilot', 'Exploitation screening tool', 'Voice of the child in plans', 'Neglect toolkit refresh', 'School attendance checks', 'Early help audit'])
    const counts = textOf(response.text.slice(response.text.indexOf('id="status-counts"'), response.text.indexOf('</ul>', response.text.indexOf('id="status-counts"'))))
    for (const expected of ['1 Draft', '1 Active: On track', '1 Active: At risk', '1 Active: Off track', '1 Completed', '1 Closed without completion', '4 Open (draft or active)', '2 Open and overdue']) expect(counts).to.contain(expected)
    expect(response.text).to.contain('href="/actions/new"')
    const text = textOf(response.text)
    expect(text).to.contain('6 actions')
    expect(text).to.contain('From: QA challenge; Case audit.')
    expect(text).to.contain('Plan View Health Trust: Named Owner')
    expect(response.text).to.contain('<strong class="govuk-tag govuk-tag--yellow">Active: At risk</strong>')

    const asAuditor = await auditor.get('/actions')
    expect(asAuditor.status).to.equal(200)
    expect(asAuditor.text).not.to.contain('href="/actions/new"')
  })

  it('refuses the plan to an organisation’s lead, who sees only their own actions on the dashboard', async () => {
    expect((await lead.get('/actions')).status).to.equal(403)
    const dashboard = await lead.get('/dashboard')
    const section = textOf(dashboard.text.slice(dashboard.text.indexOf('id="your-actions"'), dashboard.text.indexOf('What you can do')))
    expect(section).to.contain('Exploitation screening tool')
    expect(section).to.contain('Overdue 45 days')
    expect(section).to.contain('Early help audit')
    expect(section).not.to.contain('School attendance checks')
    expect(section).not.to.contain('Voice of the child in plans')
    const links = [...dashboard.text.matchAll(/href="\/actions\/(\d+)"/g)].map((match) => Number(match[1]))
    const owners = await Action.findAll({ where: { id: links }, attributes: ['ownerOrganisationId', 'status'] })
    expect(owners.every((owned) => owned.ownerOrganisationId === fixture.trust.id && !['completed', 'closed'].includes(owned.status))).to.equal(true)
    expect(dashboard.text).not.to.contain('id="action-plan"')
  })

  it('gives the partnership a summary on the dashboard linking to the plan', async () => {
    const dashboard = textOf((await admin.get('/dashboard')).text)
    expect(dashboard).to.contain('4 Open actions')
    expect(dashboard).to.contain('2 Overdue')
    expect(dashboard).to.contain('1 Escalated, awaiting response')
  })

  const filtered = async (query: string) => {
    const response = await admin.get(`/actions?${query}`)
    expect(response.status, query).to.equal(200)
    return titlesIn(response.text)
  }

  it('filters by source, theme, owner, status (open too), area, priority and due dates, in SQL', async () => {
    const { neglect, school, south } = fixture
    expect(await filtered('source=challenge')).to.deep.equal(['Exploitation screening tool'])
    expect(await filtered('source=audit_case')).to.have.members(['Exploitation screening tool', 'Early help audit'])
    expect(await filtered(`themeId=${neglect.id}`)).to.have.members(['Early help audit', 'Neglect toolkit refresh', 'Exploitation screening tool'])
    expect(await filtered(`organisationId=${school.id}`)).to.deep.equal(['School attendance checks'])
    expect(await filtered('status=open')).to.deep.equal(['Exploitation screening tool', 'Neglect toolkit refresh', 'School attendance checks', 'Early help audit'])
    expect(await filtered('status=completed')).to.deep.equal(['Voice of the child in plans'])
    expect(await filtered(`areaId=${south.id}`)).to.deep.equal(['School attendance checks'])
    expect(await filtered('priority=high')).to.deep.equal(['Early help audit'])
    expect(await filtered(`dueFrom=${isoDaysFromToday(-40)}&dueTo=${isoDaysFromToday(10)}`)).to.deep.equal(['Voice of the child in plans', 'Neglect toolkit refresh', 'School attendance checks'])
    const [year, month, day] = isoDaysFromToday(0).split('-')
    expect(await filtered(`dueFrom-day=${Number(day)}&dueFrom-month=${Number(month)}&dueFrom-year=${year}`)).to.deep.equal(['School attendance checks', 'Early help audit'])
    expect(await filtered('due=overdue')).to.deep.equal(['Exploitation screening tool', 'Neglect toolkit refresh'])
    expect(await filtered('update=stale')).to.deep.equal(['Neglect toolkit refresh', 'School attendance checks'])
    expect(await filtered('escalation=awaiting')).to.deep.equal(['Neglect toolkit refresh'])
    expect(await filtered(`themeId=${neglect.id}&status=open&due=overdue`)).to.deep.equal(['Exploitation screening tool', 'Neglect toolkit refresh'])
  })

  it('counts per status follow the other filters, and each count links to the plan with that status added', async () => {
    const response = await admin.get(`/actions?themeId=${fixture.neglect.id}`)
    const counts = textOf(response.text.slice(response.text.indexOf('id="status-counts"'), response.text.indexOf('</ul>', response.text.indexOf('id="status-counts"'))))
    expect(counts).to.contain('3 Open (draft or active)')
    expect(counts).to.contain('0 Draft')
    expect(response.text).to.contain(`href="/actions?themeId=${fixture.neglect.id}&amp;status=at_risk"`)
  })

  it('sorts by due date either way, keeping the filters', async () => {
    const response = await admin.get('/actions?status=open')
    expect(response.text).to.contain('aria-sort="ascending"')
    expect(response.text).to.contain('href="/actions?status=open&amp;sort=due-desc"')
    expect((await admin.get('/actions?status=open&sort=due-desc')).text).to.contain('<input type="hidden" name="sort" value="due-desc">')
    expect(await filtered('status=open&sort=due-desc')).to.deep.equal(['Early help audit', 'School attendance checks', 'Neglect toolkit refresh', 'Exploitation screening tool'])
  })

  it('says when the filters match nothing, and ignores (and names) values it does not know', async () => {
    const none = await admin.get(`/actions?source=challenge&areaId=${fixture.south.id}`)
    expect(none.status).to.equal(200)
    expect(textOf(none.text)).to.contain('No actions match these filters')
    expect(textOf(none.text)).to.contain(`Area: ${fixture.south.name}`)

    const odd = await admin.get('/actions?status=bogus&source=<script>&themeId=abc&priority=urgent&page=999&sort=sideways')
    expect(odd.status).to.equal(200)
    expect(titlesIn(odd.text)).to.have.length(6)
    expect(textOf(odd.text)).to.contain('Not recognised, so not applied: source, theme, status, priority, sort order')
    expect(odd.text).not.to.contain('<script>')

    const repeated = await admin.get('/actions?status=completed&status=open')
    expect(titlesIn(repeated.text)).to.deep.equal(['Voice of the child in plans'])
  })

  it('shows a date that is not a date with a message, keeps what was typed and applies the other filters', async () => {
    const response = await admin.get('/actions?status=open&dueFrom-day=31&dueFrom-month=2&dueFrom-year=2026')
    expect(response.status).to.equal(400)
    expect(response.text).to.contain('govuk-error-summary')
    expect(textOf(response.text)).to.contain('The due from date must be a real date')
    expect(response.text).to.match(/name="dueFrom-day"[^>]*value="31"|value="31"[^>]*name="dueFrom-day"/)
    expect(titlesIn(response.text)).to.have.length(4)

    const fromALink = await admin.get('/actions?dueTo=2026-13-45')
    expect(fromALink.status).to.equal(400)
    expect(fromALink.text).to.match(/name="dueTo-month"[^>]*value="13"|value="13"[^>]*name="dueTo-month"/)

    const backwards = await admin.get(`/actions?dueFrom=${isoDaysFromToday(10)}&dueTo=${isoDaysFromToday(-10)}`)
    expect(backwards.status).to.equal(400)
    expect(textOf(backwards.text)).to.contain('The due by date must be the same as or after the due from date')
  })

  it('pages a long plan, keeping the filters in the page links', async () => {
    const many = await planFixture('Plan Paging')
    for (let index = 0; index < 55; index++) await many.action({ title: `Paged action ${String(index).padStart(2, '0')}`, dueInDays: index })
    const agent = await signedInAgent(many.admin.email)
    const first = await agent.get('/actions?status=open')
    expect(titlesIn(first.text)).to.have.length(50)
    expect(first.text).to.contain('href="/actions?status=open&amp;page=2"')
    const second = await agent.get('/actions?status=open&page=2')
    expect(titlesIn(second.text)).to.deep.equal(['Paged action 50', 'Paged action 51', 'Paged action 52', 'Paged action 53', 'Paged action 54'])
    expect(textOf(second.text)).to.contain('55 actions matching: Status: Open (draft or active), 51 to 55 shown')
  })

  it('never shows another partnership’s actions', async () => {
    const other = await planFixture('Plan Elsewhere')
    await other.action({ title: 'Elsewhere only action', themes: [other.neglect] })
    expect(titlesIn((await admin.get('/actions')).text)).not.to.include('Elsewhere only action')
    expect(await filtered(`themeId=${other.neglect.id}`)).to.deep.equal([])
    expect(textOf((await admin.get('/actions/themes')).text)).not.to.contain('Elsewhere')
  })

  it('lists overdue actions, the longest overdue first, and open actions with no update in 60 days', async () => {
    const overdue = await admin.get('/actions/overdue')
    expect(overdue.status).to.equal(200)
    expect(titlesIn(overdue.text)).to.deep.equal(['Exploitation screening tool', 'Neglect toolkit refresh'])
    expect(textOf(overdue.text)).to.contain('45 days')

    const stale = await admin.get('/actions/stale')
    expect(stale.status).to.equal(200)
    // Never updated and created 90 days ago first, then the one last updated 70 days ago; the completed one is not open.
    expect(titlesIn(stale.text)).to.deep.equal(['School attendance checks', 'Neglect toolkit refresh'])
  })

  it('shows the themes sheet: counts of actions and open actions per theme across sources, recurring themes first, each number a link', async () => {
    const response = await admin.get('/actions/themes')
    expect(response.status).to.equal(200)
    const rows = [...response.text.matchAll(/<tr class="govuk-table__row">([\s\S]*?)<\/tr>/g)].map((match) => textOf(match[1]).trim()).slice(1)
    const { neglect, exploitation, voice } = fixture
    expect(rows[0]).to.match(new RegExp(`^${neglect.name} Recurring 3 actions .* 3 open .* 2 overdue .* 3 kinds: Self-assessment: area for improvement; QA challenge; Case audit`))
    expect(rows[1]).to.match(new RegExp(`^${exploitation.name} Recurring 2 actions .* 2 open`))
    expect(rows[2]).to.match(new RegExp(`^${voice.name} 1 actions .* 0 open`))
    expect(rows[2]).not.to.contain('Recurring')
    expect(response.text).to.contain(`href="/actions?themeId=${neglect.id}&amp;status=open"`)
  })

  it('does not call a theme recurring when only one self-assessment found it, through both its kinds of source', async () => {
    const oneReturn = await Theme.create({ partnershipId: fixture.partnership.id, name: 'Found by one return' })
    await fixture.action({ title: 'From an area for improvement and an accepted suggestion', sources: ['improvement_area', 'accepted_action'], themes: [oneReturn] })
    const row = (await themesSheet(fixture.partnership.id, '2026-01-01')).find((candidate) => candidate.themeId === oneReturn.id)!
    expect(row).to.include({ actions: 1, routes: 1, recurring: false })
    expect(row.sourceKinds).to.deep.equal(['improvement_area', 'accepted_action'])
  })
})
