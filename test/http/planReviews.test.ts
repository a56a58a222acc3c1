import { expect } from 'chai'
import { Action, ActionSource, AuditEvent, Partnership, PlanReview, PlanReviewRecommendation } from '../../server/db/models'
import { todayInEngland } from '../../server/forms/dates'
import { Agent, postForm, signedInAgent } from '../helpers/agents'

const DAY = 86_400_000
const isoDaysFromToday = (days: number) => todayInEngland(new Date(Date.now() + days * DAY))
const dateFields = (name: string, iso: string) => {
  const [year, month, day] = iso.split('-')
  return { [`${name}-day`]: String(Number(day)), [`${name}-month`]: String(Number(month)), [`${name}-year`]: year }
}
const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, '’').replace(/&#34;|&quot;/g, '"').replace(/\s+/g, ' ')

describe('reviews entered by the business unit (Rapid Reviews, CSPRs, thematic reviews, inspections)', () => {
  let admin: Agent
  let partnershipId: number

  const reviewForm = (overrides: Record<string, string> = {}) => ({
    kind: 'rapid_review',
    name: 'Child Z',
    ...dateFields('heldOn', isoDaysFromToday(-30)),
    summary: 'A baby with a head injury; the Rapid Review found missed chances to hear from the father.',
    'recommendation-0-text': 'Every pre-birth assessment names and assesses each father and male carer.',
    'recommendation-1-text': 'Health visitors ask about safe sleep at every contact in the first year.',
    ...overrides,
  })

  const addReview = async (overrides: Record<string, string> = {}) => {
    const response = await postForm(admin, '/plan-reviews/new', reviewForm(overrides))
    expect(response.status, textOf(response.text).slice(0, 1500)).to.equal(302)
    return Number(response.headers.location.split('/').pop())
  }

  const recommendationsOf = async (reviewId: number) => (await PlanReviewRecommendation.findAll({ where: { reviewId }, order: [['number', 'ASC']] })).map(({ id, number, text }) => ({ id, number, text }))

  before(async () => {
    admin = await signedInAgent('admin@riverside.test')
    partnershipId = (await Partnership.findOne({ where: { slug: 'riverside' } }))!.id
  })

  it('adds a review with numbered recommendations, audited, and lists it', async () => {
    const reviewId = await addReview({ name: 'Child Z (list)' })
    expect(await recommendationsOf(reviewId)).to.deep.equal([
      { id: (await recommendationsOf(reviewId))[0].id, number: 1, text: 'Every pre-birth assessment names and assesses each father and male carer.' },
      { id: (await recommendationsOf(reviewId))[1].id, number: 2, text: 'Health visitors ask about safe sleep at every contact in the first year.' },
    ])
    const event = await AuditEvent.findOne({ where: { action: 'plan_review.created', entityId: String(reviewId) } })
    expect(event?.partnershipId).to.equal(partnershipId)
    const list = textOf((await admin.get('/plan-reviews')).text)
    expect(list).to.contain('Child Z (list)').and.contain('Rapid Review')
    const page = await admin.get(`/plan-reviews/${reviewId}`)
    expect(page.status).to.equal(200)
    expect(page.text).to.contain('id="recommendation-2"')
    expect(page.text).to.contain(`/actions/new?source=review_recommendation:${(await recommendationsOf(reviewId))[0].id}`)
  })

  it('re-displays what was typed with clear messages when the form is wrong', async () => {
    const response = await postForm(admin, '/plan-reviews/new', reviewForm({ kind: '', name: '', ...dateFields('heldOn', isoDaysFromToday(5)), 'recommendation-0-text': '', 'recommendation-1-text': '', summary: 'Kept summary' }))
    expect(response.status).to.equal(400)
    const text = textOf(response.text)
    expect(text).to.contain('Choose the kind of review').and.contain('Enter the name of the review').and.contain('must be today or in the past').and.contain('Enter at least one recommendation')
    expect(response.text).to.contain('Kept summary')
    const bad = await postForm(admin, '/plan-reviews/new', reviewForm({ ...dateFields('heldOn', '2025-02-30') }))
    expect(textOf(bad.text)).to.contain('must be a real date')
  })

  it('renumbers freely until a recommendation has an action, then keeps the numbers and refuses to remove one with actions', async () => {
    const reviewId = await addReview({ name: 'Child Y', 'recommendation-2-text': 'A third recommendation.' })
    let saved = await recommendationsOf(reviewId)
    // No actions yet: removing the first renumbers the rest from 1.
    let response = await postForm(admin, `/plan-reviews/${reviewId}/edit`, reviewForm({
      name: 'Child Y',
      'recommendation-0-id': String(saved[0].id), 'recommendation-0-text': '',
      'recommendation-1-id': String(saved[1].id), 'recommendation-1-text': saved[1].text,
      'recommendation-2-id': String(saved[2].id), 'recommendation-2-text': saved[2].text,
    }))
    expect(response.status, textOf(response.text).slice(0, 1500)).to.equal(302)
    saved = await recommendationsOf(reviewId)
    expect(saved.map((row) => [row.number, row.text])).to.deep.equal([[1, 'Health visitors ask about safe sleep at every contact in the first year.'], [2, 'A third recommendation.']])

    // An action answers recommendation 2: numbers freeze.
    const action = await Action.create({ partnershipId, title: 'Safe sleep at every contact', outcomeSought: 'Fewer unsafe sleep incidents', whyItMatters: null, deliverable: null, ownerOrganisationId: null, ownerName: 'Head of Health Visiting', areaId: null, startsOn: isoDaysFromToday(0), dueOn: isoDaysFromToday(90), status: 'on_track', priority: 'high', createdById: null })
    await ActionSource.create({ actionId: action.id, kind: 'review_recommendation', sourceId: saved[1].id })
    const page = textOf((await admin.get(`/plan-reviews/${reviewId}`)).text)
    expect(page).to.contain('Safe sleep at every contact').and.contain('Active: On track').and.contain('Head of Health Visiting')

    response = await postForm(admin, `/plan-reviews/${reviewId}/edit`, reviewForm({
      name: 'Child Y',
      'recommendation-0-id': String(saved[0].id), 'recommendation-0-text': '',
      'recommendation-1-id': String(saved[1].id), 'recommendation-1-text': '',
      'recommendation-2-text': 'A new recommendation typed before the refusal.',
    }))
    expect(response.status).to.equal(400)
    expect(textOf(response.text)).to.contain('Recommendation 2 has actions in the plan, so it cannot be removed')
    expect(response.text).to.contain('A new recommendation typed before the refusal.')
    expect(await recommendationsOf(reviewId)).to.deep.equal(saved)

    // Removing the other one and adding a new one: the numbers stay, the new one comes after.
    response = await postForm(admin, `/plan-reviews/${reviewId}/edit`, reviewForm({
      name: 'Child Y',
      'recommendation-0-id': String(saved[0].id), 'recommendation-0-text': '',
      'recommendation-1-id': String(saved[1].id), 'recommendation-1-text': 'A third recommendation, reworded.',
      'recommendation-2-text': 'A new recommendation.',
    }))
    expect(response.status, textOf(response.text).slice(0, 1500)).to.equal(302)
    expect((await recommendationsOf(reviewId)).map((row) => [row.number, row.text])).to.deep.equal([[2, 'A third recommendation, reworded.'], [3, 'A new recommendation.']])
    const edit = await admin.get(`/plan-reviews/${reviewId}/edit`)
    expect(textOf(edit.text)).to.contain('Recommendation 2').and.contain('has actions in the plan: it can be reworded but not removed')
  })

  it('refuses a recommendation id from another review', async () => {
    const first = await addReview({ name: 'Child X' })
    const second = await addReview({ name: 'Child W' })
    const foreign = (await recommendationsOf(first))[0]
    const response = await postForm(admin, `/plan-reviews/${second}/edit`, reviewForm({ name: 'Child W', 'recommendation-0-id': String(foreign.id), 'recommendation-0-text': 'Hijacked' }))
    expect(response.status).to.equal(400)
    expect((await PlanReviewRecommendation.findByPk(foreign.id))!.text).to.not.equal('Hijacked')
  })

  it('lets QA reviewers and auditors read reviews but only admins change them; organisations see none', async () => {
    const reviewId = await addReview({ name: 'Child V', kind: 'inspection' })
    const qa = await signedInAgent('qa@riverside.test')
    expect((await qa.get(`/plan-reviews/${reviewId}`)).status).to.equal(200)
    expect((await qa.get(`/plan-reviews/${reviewId}/edit`)).status).to.equal(403)
    const auditor = await signedInAgent('auditor@riverside.test')
    const page = await auditor.get(`/plan-reviews/${reviewId}`)
    expect(page.status).to.equal(200)
    expect(page.text).to.not.contain('/actions/new?source=')
    const lead = await signedInAgent('lead@police.riverside.test')
    expect((await lead.get('/plan-reviews')).status).to.equal(403)
    expect((await lead.get(`/plan-reviews/${reviewId}`)).status).to.equal(403)
    expect((await admin.get('/plan-reviews/999999')).status).to.equal(404)
    expect(await PlanReview.count({ where: { id: reviewId } })).to.equal(1)
  })
})
