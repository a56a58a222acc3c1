import express, { Request, Response, Router } from 'express'
import { can } from '../../auth/permissions'
import { currentPartnershipId, requirePermission } from '../../auth/requirePermission'
import { AuditRound } from '../../db/models'
import { formatDate } from '../../forms/dates'
import { FormErrors, orInputErrors, validateForm } from '../../forms/validation'
import type { Services } from '../../services'
import { requireRoundAccess } from '../access'
import { roundCases, roundSampleCheck } from '../cases/queries'
import { AGE_BANDS, ethnicityGroups, ethnicityLabel, labelOf, SEXES } from '../cases/reference'
import { canAuditFor, canFacilitate, listRounds, roundChoices, RoundChoices, roundSetUp, RoundSetUp } from './queries'
import { auditorField, DATE_FIELDS, roundSchema } from './schema'

const inCurrentPartnership = (req: Request) => ({ partnershipId: currentPartnershipId(req) })

export const deliveryLabels = { in_house: 'In-house', commissioned: 'Externally commissioned' } as const

/** The form's fields refilled from a saved round. */
function roundValues(setUp: RoundSetUp): Record<string, unknown> {
  const { round } = setUp
  const values: Record<string, unknown> = {
    title: round.title,
    theme: round.theme,
    whyNow: round.whyNow,
    toolKey: round.toolKey,
    delivery: round.delivery,
    commissionedFrom: round.commissionedFrom ?? '',
    areaIds: setUp.areas.map((area) => String(area.id)),
    agencyIds: setUp.agencies.map((agency) => String(agency.id)),
    facilitatorIds: setUp.facilitators.map((person) => String(person.id)),
  }
  for (const name of DATE_FIELDS) {
    const [year, month, day] = round[name].split('-')
    Object.assign(values, { [`${name}-day`]: String(Number(day)), [`${name}-month`]: String(Number(month)), [`${name}-year`]: year })
  }
  for (const agency of setUp.agencies) if (agency.auditors[0]) values[auditorField(agency.id)] = String(agency.auditors[0].id)
  return values
}

/** Audit rounds: the list, setting one up and changing it, and the round's page. */
export function auditRoundRoutes({ auditRounds }: Services): Router {
  const router = express.Router()
  // Anyone may take part in a round, including organisations' people, whose roles name no partnership:
  // the list itself keeps to the current partnership.
  const canList = requirePermission('audits:list')
  const canManageHere = requirePermission('audits:manage', inCurrentPartnership)

  router.get('/audits', canList, async (req, res) => {
    const partnershipId = currentPartnershipId(req)
    const here = { partnershipId }
    const manages = can(req.user, 'audits:manage', here)
    res.render('audits/rounds/list', {
      pageTitle: 'Case audits',
      rounds: await listRounds(req.user!.id, partnershipId, manages || can(req.user, 'audits:oversee', here)),
      canManage: manages,
      seesThemes: manages || can(req.user, 'audits:oversee', here),
      formatDate,
    })
  })

  function renderForm(res: Response, choices: RoundChoices, values: Record<string, unknown>, editing: RoundSetUp | null, errors?: FormErrors) {
    res.status(errors ? 400 : 200).render('audits/rounds/form', {
      pageTitle: editing ? `Change ${editing.round.title}` : 'Create an audit round',
      ...choices,
      facilitators: choices.people.filter(canFacilitate),
      auditorsFor: (organisationId: number) => choices.people.filter((person) => canAuditFor(person, organisationId)),
      auditorField,
      editing,
      values,
      errors,
      backLink: editing ? `/audits/${editing.round.id}` : '/audits',
    })
  }

  router.get('/audits/new', canManageHere, async (req, res) => {
    renderForm(res, await roundChoices(currentPartnershipId(req)), { delivery: 'in_house' }, null)
  })

  router.post('/audits/new', canManageHere, async (req, res) => {
    const choices = await roundChoices(currentPartnershipId(req))
    const form = validateForm(roundSchema, req.body)
    if (!form.ok) return renderForm(res, choices, req.body ?? {}, null, form.errors)
    const done = await orInputErrors(() => auditRounds.create(req.user!.id, currentPartnershipId(req), form.data))
    if (!done.ok) return renderForm(res, choices, req.body, null, done.errors)
    res.flash('Audit round created')
    res.redirect(`/audits/${done.value.id}`)
  })

  router.get('/audits/:roundId', requireRoundAccess((access) => access.seesCases || access.manages), async (req, res) => {
    const round = res.locals.round!
    const access = res.locals.roundAccess!
    const setUp = await roundSetUp(round)
    const cases = access.seesCases ? await roundCases(round) : []
    const list = ethnicityGroups()
    res.render('audits/rounds/show', {
      pageTitle: round.title,
      ...setUp,
      access,
      caseCount: setUp.cases,
      cases,
      sampleCheck: access.seesCases ? await roundSampleCheck(setUp.areas, cases) : null,
      canAddCases: round.status === 'open' && (access.facilitates || access.manages),
      canSetPopulation: can(req.user, 'areas:manage', { partnershipId: round.partnershipId }),
      deliveryLabels,
      ageBandLabel: (key: string) => labelOf(AGE_BANDS, key),
      sexLabel: (key: string) => labelOf(SEXES, key),
      ethnicityLabel: (key: string) => ethnicityLabel(list, key),
      formatDate,
      backLink: '/audits',
    })
  })

  const canManageRound = requireRoundAccess((access) => access.manages)

  async function editing(round: AuditRound) {
    return { setUp: await roundSetUp(round), choices: await roundChoices(round.partnershipId) }
  }

  router.get('/audits/:roundId/edit', canManageRound, async (req, res) => {
    const round = res.locals.round!
    if (round.status !== 'open') return res.redirect(`/audits/${round.id}`)
    const { setUp, choices } = await editing(round)
    renderForm(res, choices, roundValues(setUp), setUp)
  })

  router.post('/audits/:roundId/edit', canManageRound, async (req, res) => {
    const round = res.locals.round!
    const { setUp, choices } = await editing(round)
    const form = validateForm(roundSchema, req.body)
    if (!form.ok) return renderForm(res, choices, req.body ?? {}, setUp, form.errors)
    const done = await orInputErrors(() => auditRounds.update(req.user!.id, round.id, form.data))
    if (!done.ok) return renderForm(res, choices, req.body, setUp, done.errors)
    res.flash('Audit round changed')
    res.redirect(`/audits/${round.id}`)
  })

  return router
}
