import express, { Request, Router } from 'express'
import { sourcePanels } from '../actions/sources/actionsForSource'
import { can } from '../auth/permissions'
import { requirePermission } from '../auth/requirePermission'
import { NotFoundError } from '../errors'
import { formatDate, formatDateTime } from '../forms/dates'
import { orInputErrors } from '../forms/validation'
import { loadedReturn, returnResource } from '../returns/loadedReturn'
import type { Services } from '../services'
import { because, explainConditions } from './explain'
import { criterionProperties, returnProperties, standardProperties } from './factCatalogue'
import { NOT_APPLICABLE } from './outcome'

/** A return's ratings, flags and suggested actions, and the page explaining each. */
export function returnScoreRoutes({ returns, scoring, ruleSets, now }: Services): Router {
  const router = express.Router()
  const forThisReturn = returnResource(returns)
  const canView = requirePermission('return:view', forThisReturn)

  /** The latest result with what explaining it needs; reviewers and admins see why scoring failed. */
  async function scored(req: Request) {
    const loaded = await loadedReturn(returns, req)
    const result = await scoring.latest(loaded.assessment.id)
    const ruleSet = result ? await ruleSets.get(result.ruleSetId) : null
    const compiled = result?.status === 'scored' && ruleSet ? await ruleSets.compiled(ruleSet) : undefined
    const seesFailures = loaded.partnershipIds.some((partnershipId) => can(req.user, 'frameworks:view', { partnershipId }))
    return { loaded, result, ruleSet, compiled, seesFailures, framework: loaded.version.definition }
  }

  router.get('/returns/:id/scores', canView, async (req, res) => {
    const { loaded, result, ruleSet, compiled, seesFailures, framework } = await scored(req)
    const outcome = result?.outcome
    const acceptedRows = await scoring.acceptedActions(loaded.assessment.id)
    const accepted = new Map(acceptedRows.map((row) => [row.actionKey, row.id]))
    // An accepted suggestion's actions in the plan (drafted when the return is submitted, so no "Create an action" here).
    const inThePlan = await sourcePanels(req.user, 'accepted_action', acceptedRows.map((row) => row.id), loaded.partnershipIds, now())
    res.render('scoring/return-scores', {
      pageTitle: `Scores: ${loaded.organisation.name}`,
      ...loaded,
      result,
      ruleSet,
      seesFailures,
      ratings: (outcome?.ratings ?? []).map((rating) => ({
        ...rating,
        reason: rating.firing ? because(rating.rating, rating.firing.conditions, framework) : rating.rating === NOT_APPLICABLE ? 'Every criterion was answered not applicable' : 'No rule gave a rating',
      })),
      flags: (outcome?.flags ?? []).map((flag, index) => ({ ...flag, index, rule: compiled?.rulesByName.get(flag.firing.ruleName) })),
      actions: (outcome?.actions ?? []).map((action) => {
        const acceptedId = accepted.get(action.key)
        return { ...action, accepted: acceptedId !== undefined, inThePlan: acceptedId === undefined ? null : { actions: inThePlan.get(acceptedId)?.actions ?? [], createHref: null } }
      }),
      profile: outcome?.profile,
      canAccept: can(req.user, 'return:acceptActions', await forThisReturn(req)),
      formatDate,
      formatDateTime,
      backLink: `/returns/${loaded.assessment.id}`,
    })
  })

  router.get('/returns/:id/scores/standards/:standardKey', canView, async (req, res) => {
    const { loaded, result, ruleSet, compiled, framework } = await scored(req)
    const rating = result?.outcome?.ratings.find((candidate) => candidate.standardKey === req.params.standardKey)
    if (!result || !ruleSet || !rating) throw new NotFoundError('No rating for that standard')
    const facts = result.outcome!.facts
    res.render('scoring/explain', {
      pageTitle: `Why ${rating.standardKey} is ${rating.rating}`,
      ...loaded,
      heading: `${rating.standardKey} ${rating.standardTitle}: ${rating.rating}`,
      headline: rating.firing ? because(rating.rating, rating.firing.conditions, framework) : rating.rating === NOT_APPLICABLE ? 'Not applicable because every criterion that applies to the organisation was answered not applicable. No rule is needed for this.' : 'No rule gave this standard a rating.',
      rule: rating.firing ? compiled?.rulesByName.get(rating.firing.ruleName) : undefined,
      conditions: rating.firing ? explainConditions(rating.firing.conditions, framework) : undefined,
      factRows: Object.entries(standardProperties).map(([name, description]) => ({ name: `standard.${name}`, description, value: (facts.standards.find((s) => s.key === rating.standardKey) as Record<string, unknown> | undefined)?.[name] })),
      criteria: facts.criteria.filter((criterion) => criterion.standardKey === rating.standardKey),
      result,
      ruleSet,
      formatDate,
      formatDateTime,
      backLink: `/returns/${loaded.assessment.id}/scores`,
    })
  })

  router.get('/returns/:id/scores/flags/:index', canView, async (req, res) => {
    const { loaded, result, ruleSet, compiled, framework } = await scored(req)
    const flag = result?.outcome?.flags[Number(req.params.index)]
    if (!result || !ruleSet || !flag) throw new NotFoundError('No such flag')
    const facts = result.outcome!.facts
    const criterion = facts.criteria.find((candidate) => candidate.key === flag.criterionKey) as Record<string, unknown> | undefined
    const source = flag.scope === 'criterion' ? { prefix: 'criterion', properties: criterionProperties, values: criterion } : flag.scope === 'standard' ? { prefix: 'standard', properties: standardProperties, values: facts.standards.find((s) => s.key === flag.standardKey) as Record<string, unknown> | undefined } : { prefix: 'return', properties: returnProperties, values: facts.returnFacts }
    res.render('scoring/explain', {
      pageTitle: `Why this flag was raised: ${flag.message}`,
      ...loaded,
      heading: `${flag.criterionKey ?? flag.standardKey ?? 'The return'}: ${flag.message}`,
      headline: because(`Flagged (${flag.severity})`, flag.firing.conditions, framework),
      rule: compiled?.rulesByName.get(flag.firing.ruleName),
      conditions: explainConditions(flag.firing.conditions, framework),
      factRows: Object.entries(source.properties).map(([name, description]) => ({ name: `${source.prefix}.${name}`, description, value: source.values?.[name] })),
      criteria: [],
      result,
      ruleSet,
      formatDate,
      formatDateTime,
      backLink: `/returns/${loaded.assessment.id}/scores`,
    })
  })

  router.post('/returns/:id/scores/actions', requirePermission('return:acceptActions', forThisReturn), async (req, res) => {
    const loaded = await loadedReturn(returns, req)
    const accepted = await orInputErrors(() => scoring.acceptAction(req.user!.id, loaded.assessment.id, loaded.partnershipIds, String(req.body?.actionKey ?? '')))
    if (!accepted.ok) throw new NotFoundError('That suggested action is not part of the latest scoring of this return')
    res.flash(`Accepted: ${accepted.value.outcome}`)
    res.redirect(`/returns/${loaded.assessment.id}/scores#actions`)
  })

  return router
}
