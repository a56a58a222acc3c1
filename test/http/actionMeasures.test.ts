import { expect } from 'chai'
import { Action, ActionMeasure, ActionMeasureReading, AuditEvent } from '../../server/db/models'
import { Agent, postForm, signedInAgent } from '../helpers/agents'
import { actionPanelsHtml, isoDaysFromToday, newAction } from '../helpers/actionFixture'

const dateFields = (name: string, iso: string) => {
  const [year, month, day] = iso.split('-')
  return { [`${name}-day`]: String(Number(day)), [`${name}-month`]: String(Number(month)), [`${name}-year`]: year }
}
/** The text of a page without its markup, to match sentences across elements. */
const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, '’').replace(/&#34;/g, '"').replace(/\s+/g, ' ')
const asNumber = (text: string) => Number(text.replace(/[,%]/g, '').trim())

describe('an action’s measures and readings', () => {
  let police: Agent
  let qa: Agent
  let action: Action

  before(async () => {
    action = await newAction({ title: 'Measures test: strategy meetings hear the child' })
    police = await signedInAgent('lead@police.riverside.test')
    qa = await signedInAgent('qa@riverside.test')
  })

  const measureOf = async (name: string) => (await ActionMeasure.findOne({ where: { actionId: action.id, name } }))!
  const record = (agent: Agent, measureId: number, fields: Record<string, string>) => postForm(agent, `/actions/${action.id}/measures/${measureId}/readings`, fields)

  it('lets the owner organisation add a measure with a baseline and a target, audited', async () => {
    expect((await police.get(`/actions/${action.id}/measures/new`)).status).to.equal(200)
    const response = await postForm(police, `/actions/${action.id}/measures/new`, { name: 'Strategy meetings recording the child’s wishes', unit: '%', baseline: '40', target: '75' })
    expect(response.status, response.text.slice(0, 500)).to.equal(302)
    expect(response.headers.location).to.equal(`/actions/${action.id}#measures`)
    const measure = await measureOf('Strategy meetings recording the child’s wishes')
    expect({ unit: measure.unit, baseline: measure.baseline, target: measure.target, position: measure.position }).to.deep.equal({ unit: '%', baseline: 40, target: 75, position: 0 })
    const event = (await AuditEvent.findOne({ where: { action: 'action.measure_added', entityId: String(action.id) } }))!
    expect(event.after).to.include({ measureId: measure.id, baseline: 40, target: 75 })
  })

  it('refuses a baseline or target that is not a number, keeping what was typed', async () => {
    const response = await postForm(police, `/actions/${action.id}/measures/new`, { name: 'Repeat referrals', unit: 'children', baseline: 'forty', target: '' })
    expect(response.status).to.equal(400)
    const text = textOf(response.text)
    expect(text).to.include('The baseline must be a number, like 40 or 12.5')
    expect(text).to.include('Enter the target: the value that will show the difference has been made')
    expect(response.text).to.include('value="forty"')
    expect(response.text).to.include('value="Repeat referrals"')
    expect(await ActionMeasure.count({ where: { actionId: action.id, name: 'Repeat referrals' } })).to.equal(0)
  })

  it('records dated readings and refuses one without a date, in the future or not a number, losing nothing', async () => {
    const measure = await measureOf('Strategy meetings recording the child’s wishes')
    expect((await police.get(`/actions/${action.id}/measures/${measure.id}/readings`)).status).to.equal(200)

    const noDate = await record(police, measure.id, { value: '52', note: 'From the March dip sample' })
    expect(noDate.status).to.equal(400)
    expect(textOf(noDate.text)).to.include('Enter the date of the reading')
    expect(noDate.text).to.include('value="52"')
    expect(noDate.text).to.include('From the March dip sample')

    const future = await record(police, measure.id, { ...dateFields('readOn', isoDaysFromToday(3)), value: '52' })
    expect(future.status).to.equal(400)
    expect(textOf(future.text)).to.include('The date of the reading must be today or in the past')

    const notReal = await record(police, measure.id, { 'readOn-day': '31', 'readOn-month': '2', 'readOn-year': '2025', value: '52' })
    expect(notReal.status).to.equal(400)
    expect(textOf(notReal.text)).to.include('The date of the reading must be a real date')

    const words = await record(police, measure.id, { ...dateFields('readOn', isoDaysFromToday(-90)), value: 'about half' })
    expect(words.status).to.equal(400)
    expect(textOf(words.text)).to.include('The value must be a number, like 42 or 3.5')
    expect(words.text).to.include('value="about half"')
    expect(await ActionMeasureReading.count({ where: { measureId: measure.id } })).to.equal(0)

    for (const [days, value] of [[-180, '44'], [-90, '52.5'], [-10, '61']] as const) {
      const response = await record(police, measure.id, { ...dateFields('readOn', isoDaysFromToday(days)), value, note: days === -10 ? 'After the chairs’ briefing' : '' })
      expect(response.status, response.text.slice(0, 500)).to.equal(302)
    }
    expect((await ActionMeasureReading.findAll({ where: { measureId: measure.id }, order: [['readOn', 'ASC']] })).map((reading) => reading.value)).to.deep.equal([44, 52.5, 61])
    const event = (await AuditEvent.findOne({ where: { action: 'action.reading_recorded', entityId: String(action.id) }, order: [['id', 'DESC']] }))!
    expect(event.after).to.include({ measureId: measure.id, value: 61, readOn: isoDaysFromToday(-10) })

    const twice = await record(police, measure.id, { ...dateFields('readOn', isoDaysFromToday(-10)), value: '62' })
    expect(twice.status).to.equal(400)
    expect(textOf(twice.text)).to.match(/There is already a reading for \d+ \w+ \d{4}/)
  })

  it('shows baseline, target, latest reading and a server-drawn chart whose numbers are the table’s', async () => {
    const html = await actionPanelsHtml(action.id, 'auditor@riverside.test')
    const text = textOf(html)
    expect(text).to.include('Baseline 40%')
    expect(text).to.include('Target 75%')
    expect(text).to.match(/Latest reading 61% on \d+ \w+ \d{4}/)
    const chart = html.match(/<svg class="app-chart" role="img" aria-label="Strategy meetings recording the child’s wishes: readings from [^"]+ against a target of 75%"[^]*?<\/svg>/)
    expect(chart, 'a chart named for screen readers').to.not.equal(null)
    expect(chart![0]).not.to.match(/ style=|<style/)
    const pointLabels = [...chart![0].matchAll(/<text[^>]*font-size="11px"[^>]*>([^<]*)<\/text>/g)].map((match) => asNumber(match[1]))
    const table = html.match(/<table class="govuk-table">[^]*?Readings of Strategy meetings recording the child’s wishes[^]*?<\/table>/)![0]
    const tableValues = [...table.matchAll(/govuk-table__cell--numeric">([^<]*)</g)].map((match) => asNumber(match[1]))
    expect(tableValues).to.deep.equal([44, 52.5, 61])
    expect(pointLabels).to.deep.equal(tableValues)
    // The action page carries the same panel.
    const page = await (await signedInAgent('auditor@riverside.test')).get(`/actions/${action.id}`)
    expect(page.status).to.equal(200)
    expect(page.text).to.include(chart![0])
    // The auditor sees the plan but changes nothing in it.
    expect(html).not.to.include(`/actions/${action.id}/measures/new`)
    expect(html).not.to.include('Record a reading')
  })

  it('lets the owner rename a measure but not move its target once readings are in; a QA reviewer can', async () => {
    const measure = await measureOf('Strategy meetings recording the child’s wishes')
    const form = await police.get(`/actions/${action.id}/measures/${measure.id}/edit`)
    expect(form.text).to.include('value="75"')
    const moved = await postForm(police, `/actions/${action.id}/measures/${measure.id}/edit`, { name: measure.name, unit: '%', baseline: '40', target: '60' })
    expect(moved.status).to.equal(400)
    expect(textOf(moved.text)).to.include('only the partnership’s QA reviewers or admins can change its baseline or target')
    expect(moved.text).to.include('value="60"')
    expect((await measure.reload()).target).to.equal(75)
    expect((await postForm(police, `/actions/${action.id}/measures/${measure.id}/remove`)).status).to.equal(400)

    const renamed = await postForm(police, `/actions/${action.id}/measures/${measure.id}/edit`, { name: 'Strategy meetings recording the child’s wishes and feelings', unit: '%', baseline: '40', target: '75' })
    expect(renamed.status).to.equal(302)
    const changed = await postForm(qa, `/actions/${action.id}/measures/${measure.id}/edit`, { name: 'Strategy meetings recording the child’s wishes and feelings', unit: '%', baseline: '40', target: '80' })
    expect(changed.status).to.equal(302)
    expect((await measure.reload()).target).to.equal(80)
    const event = (await AuditEvent.findOne({ where: { action: 'action.measure_changed', entityId: String(action.id) }, order: [['id', 'DESC']] }))!
    expect(event.before).to.include({ target: 75 })
    expect(event.after).to.include({ target: 80 })
  })

  it('lets whoever recorded a reading remove it, and a measure without readings be removed', async () => {
    const measure = await measureOf('Strategy meetings recording the child’s wishes and feelings')
    const reading = (await ActionMeasureReading.findOne({ where: { measureId: measure.id, value: 61 } }))!
    const removed = await postForm(police, `/actions/${action.id}/measures/${measure.id}/readings/${reading.id}/remove`)
    expect(removed.status).to.equal(302)
    expect(await ActionMeasureReading.findByPk(reading.id)).to.equal(null)
    expect(await AuditEvent.count({ where: { action: 'action.reading_removed', entityId: String(action.id) } })).to.equal(1)

    expect((await postForm(police, `/actions/${action.id}/measures/new`, { name: 'Chairs briefed', unit: '', baseline: '0', target: '1,200' })).status).to.equal(302)
    const spare = await measureOf('Chairs briefed')
    expect(spare.target).to.equal(1200)
    expect((await police.get(`/actions/${action.id}/measures/${spare.id}/remove`)).status).to.equal(200)
    expect((await postForm(police, `/actions/${action.id}/measures/${spare.id}/remove`)).status).to.equal(302)
    expect(await ActionMeasure.findByPk(spare.id)).to.equal(null)
  })

  it('keeps another organisation’s users, and the auditor, out of the action’s measures', async () => {
    const measure = await measureOf('Strategy meetings recording the child’s wishes and feelings')
    const school = await signedInAgent('lead@school.riverside.test')
    const auditor = await signedInAgent('auditor@riverside.test')
    expect((await school.get(`/actions/${action.id}/measures/new`)).status).to.equal(403)
    expect((await postForm(school, `/actions/${action.id}/measures/new`, { name: 'Sneaky', baseline: '1', target: '2' })).status).to.equal(403)
    expect((await postForm(school, `/actions/${action.id}/measures/${measure.id}/readings`, { ...dateFields('readOn', isoDaysFromToday(-1)), value: '1' })).status).to.equal(403)
    expect((await postForm(auditor, `/actions/${action.id}/measures/${measure.id}/readings`, { ...dateFields('readOn', isoDaysFromToday(-1)), value: '1' })).status).to.equal(403)
    expect(await ActionMeasure.count({ where: { name: 'Sneaky' } })).to.equal(0)
    expect(await ActionMeasureReading.count({ where: { measureId: measure.id, readOn: isoDaysFromToday(-1) } })).to.equal(0)
    // A measure of another action is not reachable through this one.
    const other = await newAction({ title: 'Measures test: another action' })
    expect((await police.get(`/actions/${other.id}/measures/${measure.id}/edit`)).status).to.equal(404)
  })

  it('freezes the measures of a completed action but still takes readings', async () => {
    const completed = await newAction({ title: 'Measures test: completed', status: 'completed' })
    const response = await postForm(qa, `/actions/${completed.id}/measures/new`, { name: 'Late measure', baseline: '1', target: '2' })
    expect(response.status).to.equal(400)
    expect(textOf(response.text)).to.include('This action is completed, so its measures can no longer change')
    const measure = await ActionMeasure.create({ actionId: completed.id, position: 0, name: 'Sustained', unit: null, baseline: 1, target: 2 })
    expect((await record(police, measure.id, { ...dateFields('readOn', isoDaysFromToday(-1)), value: '3' })).status).to.equal(404)
    const reading = await postForm(police, `/actions/${completed.id}/measures/${measure.id}/readings`, { ...dateFields('readOn', isoDaysFromToday(-1)), value: '3' })
    expect(reading.status).to.equal(302)
  })
})
