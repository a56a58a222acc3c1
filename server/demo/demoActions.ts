import { bringReturnIntoPlan } from '../actions/sources/fromReturn'
import { AuditEventService } from '../auditEvents/service'
import {
  Action,
  ActionSource,
  AssessmentReturn,
  Challenge,
  ChallengeEvent,
  ChallengeEventAction,
  ChallengeEventOutcome,
  Cycle,
  CycleReturn,
  ImprovementArea,
  Organisation,
  PlanReview,
  PlanReviewRecommendation,
  Theme,
  User,
} from '../db/models'
import type { ScoringService } from '../scoring/service'
import { DEMO_IMPROVEMENT_AREAS, DEMO_REVIEWS } from './demoActionContent'
import { ActionStory, writeStories } from './demoActionStories'

const DAY = 86_400_000
const isoDaysFrom = (days: number, now: Date) => new Date(now.getTime() + days * DAY).toISOString().slice(0, 10)
const daysBefore = (iso: string, now: Date) => Math.round((now.getTime() - Date.parse(`${iso}T12:00:00Z`)) / DAY)

/** Each Section 11 standard's usual theme, so actions from returns share themes with audits and reviews. */
const THEME_OF_STANDARD: Record<string, string> = {
  'S11-3': 'Voice of the child', 'S11-5': 'Information sharing', 'S11-9': 'Adultification', 'S11-2': 'Information sharing',
}
const themeOfCriterion = (criterionKey: string) => THEME_OF_STANDARD[criterionKey.split('.')[0]] ?? 'Professional curiosity'

/**
 * The demo partnership's one action plan, about sixty actions from every source: four reviews
 * entered by the business unit (a Rapid Review, a CSPR, a thematic review and an inspection) with
 * numbered recommendations; areas for improvement from last year's returns and this year's police
 * return; suggested actions the school accepted; the challenge event's actions and challenge; the
 * case audit workshop's actions. Each then gets a story (demoActionStories.ts): status, updates,
 * an owner handover, evidence, measures read quarterly, escalations. Run after the returns, the
 * panels and the case audits are seeded; dates are relative to `now`.
 */
export async function seedDemoActions(scoring: ScoringService, partnershipId: number, lastYear: Cycle, now: Date): Promise<void> {
  const audit = new AuditEventService()
  const [admin, qa, schoolLead] = await Promise.all(['admin@riverside.test', 'qa@riverside.test', 'lead@school.riverside.test'].map(async (email) => (await User.findOne({ where: { email } }))!))
  const organisationId = async (name: string) => (await Organisation.findOne({ where: { name }, attributes: ['id'] }))?.id ?? null
  const stories = new Map<number, Omit<ActionStory, 'action'>>()

  const addAction = async (fields: { title: string; outcomeSought: string; ownerOrganisationId: number | null; ownerName: string; dueOn: string }, source: { kind: ActionSource['kind']; sourceId: number }, story: Omit<ActionStory, 'action'>) => {
    const action = await Action.create({ partnershipId, ...fields, whyItMatters: null, deliverable: null, areaId: null, startsOn: story.startsOn, status: 'draft', priority: 'medium', createdById: admin.id })
    await ActionSource.create({ actionId: action.id, kind: source.kind, sourceId: source.sourceId })
    stories.set(action.id, story)
  }

  // Reviews and their recommendations' actions.
  for (const review of DEMO_REVIEWS) {
    const heldOn = isoDaysFrom(-review.daysAgo, now)
    const saved = await PlanReview.create({ partnershipId, kind: review.kind, name: review.name, heldOn, summary: review.summary, createdById: admin.id })
    const recommendations = await PlanReviewRecommendation.bulkCreate(review.recommendations.map((recommendation, index) => ({ reviewId: saved.id, number: index + 1, text: recommendation.text })))
    for (const [index, recommendation] of review.recommendations.entries()) {
      const sourceId = recommendations[index].id ?? (await PlanReviewRecommendation.findOne({ where: { reviewId: saved.id, number: index + 1 } }))!.id
      for (const [position, item] of recommendation.actions.entries()) {
        await addAction(
          { title: item.title, outcomeSought: item.outcome, ownerOrganisationId: await organisationId(item.owner), ownerName: item.ownerName, dueOn: isoDaysFrom(-review.daysAgo + item.dueAfter, now) },
          { kind: 'review_recommendation', sourceId },
          { startsOn: isoDaysFrom(-review.daysAgo + 21, now), themes: [review.themes[(index + position) % review.themes.length], ...(index === 0 ? [review.themes[review.themes.length - 1]] : [])], fresh: false },
        )
      }
    }
  }

  // Areas for improvement in last year's returns, brought into the plan as the submission would have.
  const lastYearReturns = (await CycleReturn.findAll({ where: { cycleId: lastYear.id }, include: [{ model: AssessmentReturn, as: 'assessmentReturn', include: [{ model: Organisation, as: 'organisation' }] }] })) as (CycleReturn & { assessmentReturn: AssessmentReturn & { organisation: Organisation } })[]
  const startedAfterLastYear = isoDaysFrom(-daysBefore(lastYear.closesOn, now) + 25, now)
  for (const item of DEMO_IMPROVEMENT_AREAS) {
    const link = lastYearReturns.find((candidate) => candidate.assessmentReturn.organisation.name === item.organisation && candidate.assessmentReturn.status === 'accepted')
    if (!link) continue
    const area = await ImprovementArea.create({ returnId: link.returnId, criterionKey: item.criterionKey, position: 0, action: item.action, owner: item.owner, targetOn: isoDaysFrom(-daysBefore(lastYear.closesOn, now) + 270, now), updatedById: null })
    await ActionSource.sequelize!.transaction((transaction) => bringReturnIntoPlan(audit, link.returnId, null, transaction, now))
    const source = await ActionSource.findOne({ where: { kind: 'improvement_area', sourceId: area.id } })
    if (source) stories.set(source.actionId, { startsOn: startedAfterLastYear, themes: [themeOfCriterion(item.criterionKey)], fresh: false })
  }

  // Suggested actions the school accepted from last year's scoring: drafts in the plan at once.
  const schoolReturn = lastYearReturns.find((candidate) => candidate.assessmentReturn.organisation.name === 'Millbrook Academy')
  const suggested = schoolReturn ? ((await scoring.latest(schoolReturn.returnId))?.outcome?.actions ?? []) : []
  for (const suggestion of suggested.slice(0, 2)) await scoring.acceptAction(schoolLead.id, schoolReturn!.returnId, [partnershipId], suggestion.key)

  // The challenge event's agreed actions, and its challenge on the school's return.
  const events = await ChallengeEvent.findAll({ where: { partnershipId }, attributes: ['id', 'heldOn'] })
  const outcomes = await ChallengeEventOutcome.findAll({ where: { eventId: events.map((event) => event.id) } })
  for (const row of await ChallengeEventAction.findAll({ where: { outcomeId: outcomes.map((outcome) => outcome.id) }, order: [['id', 'ASC']] })) {
    const outcome = outcomes.find((candidate) => candidate.id === row.outcomeId)!
    const heldOn = events.find((event) => event.id === outcome.eventId)!.heldOn
    await addAction({ title: row.action, outcomeSought: `${row.action}, so that children are safer in the organisation’s care.`, ownerOrganisationId: outcome.organisationId, ownerName: row.owner, dueOn: row.targetOn },
      { kind: 'challenge_event_action', sourceId: row.id }, { startsOn: isoDaysFrom(-daysBefore(heldOn, now) + 14, now), themes: ['Professional curiosity'], fresh: false })
  }
  const returnIds = lastYearReturns.map((link) => link.returnId)
  for (const challenge of await Challenge.findAll({ where: { returnId: returnIds }, order: [['id', 'ASC']], limit: 2 })) {
    const owner = lastYearReturns.find((link) => link.returnId === challenge.returnId)!.assessmentReturn.organisationId
    await addAction({ title: 'DBS status of supply staff checked before their first day', outcomeSought: 'No supply or agency worker works with children before their DBS check is confirmed.', ownerOrganisationId: owner, ownerName: 'School business manager', dueOn: isoDaysFrom(-120, now) },
      { kind: 'challenge', sourceId: challenge.id }, { startsOn: isoDaysFrom(-270, now), themes: ['Professional curiosity'], fresh: false })
  }

  // Every other action already in the plan: the case audit workshop's, and this year's drafts from returns.
  const themeNames = new Map((await Theme.findAll({ where: { partnershipId } })).map((theme) => [theme.id, theme.name]))
  const caseThemes = (await Action.sequelize!.models.audit_case_themes.findAll()) as unknown as { caseId: number; themeId: number }[]
  const all = await Action.findAll({ where: { partnershipId }, include: [{ model: ActionSource, as: 'sources' }], order: [['id', 'ASC']] })
  const areas = await ImprovementArea.findAll({ where: { id: all.flatMap((action) => (action as Action & { sources: ActionSource[] }).sources.filter((source) => source.kind === 'improvement_area').map((source) => source.sourceId)) } })
  for (const action of all) {
    if (stories.has(action.id)) continue
    const source = (action as Action & { sources: ActionSource[] }).sources[0]
    if (source?.kind === 'audit_case') {
      stories.set(action.id, { startsOn: isoDaysFrom(-110, now), themes: caseThemes.filter((link) => link.caseId === source.sourceId).map((link) => themeNames.get(link.themeId)!).slice(0, 2), fresh: false })
    } else {
      const area = areas.find((candidate) => candidate.id === source?.sourceId)
      stories.set(action.id, { startsOn: isoDaysFrom(-20, now), themes: [area && source.kind === 'improvement_area' ? themeOfCriterion(area.criterionKey) : 'Professional curiosity'], fresh: true })
    }
  }
  await writeStories(all.map((action) => ({ action, ...stories.get(action.id)! })), { partnershipId, admin, qa, themes: new Map([...themeNames].map(([id, name]) => [name, id])), now })
}
