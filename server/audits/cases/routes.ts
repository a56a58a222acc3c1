import express, { Request, Response, Router } from 'express'
import { formatDateTime } from '../../forms/dates'
import { FormErrors, formErrors, orInputErrors, validateForm } from '../../forms/validation'
import type { Services } from '../../services'
import { requireRoundAccess } from '../access'
import { caseChoices, CaseRow, roundCase } from './queries'
import { AGE_BANDS, ethnicityGroups, ethnicityLabel, labelOf, SEXES } from './reference'
import { casePersonalData, caseSchema, PERSONAL_DATA_REFUSAL, PersonalDataWarning } from './schema'

function caseValues(entry: CaseRow): Record<string, unknown> {
  return {
    reference: entry.reference,
    ageBand: entry.ageBand,
    sex: entry.sex,
    ethnicity: entry.ethnicity,
    areaId: entry.areaId === null ? '' : String(entry.areaId),
    agencyIds: entry.agencies.map((agency) => String(agency.id)),
    whyChosen: entry.whyChosen,
  }
}

/**
 * A round's cases: facilitators and the partnership's managers add them; the round's members and
 * the QA sub-group see them, and every view is recorded.
 */
export function auditCaseRoutes({ auditCases }: Services): Router {
  const router = express.Router()
  // Fails at start-up, not on the first case, if the list is broken.
  const ethnicity = ethnicityGroups()
  const addsCases = requireRoundAccess((access) => access.facilitates || access.manages)
  const seesCases = requireRoundAccess((access) => access.seesCases)
  const editsCases = requireRoundAccess((access) => access.seesCases && (access.facilitates || access.manages))

  async function renderForm(res: Response, values: Record<string, unknown>, editing: CaseRow | null, errors?: FormErrors, warnings: PersonalDataWarning[] = []) {
    const round = res.locals.round!
    res.status(errors ? 400 : 200).render('audits/cases/form', {
      pageTitle: editing ? `Change ${editing.reference}` : 'Add a case',
      round,
      ...(await caseChoices(round)),
      ageBands: AGE_BANDS,
      sexes: SEXES,
      ethnicity,
      editing,
      values,
      errors,
      warnings,
      backLink: editing ? `/audits/${round.id}/cases/${editing.id}` : `/audits/${round.id}`,
    })
  }

  /**
   * Validates the form; text that looks personal needs the confirmation before anything is saved,
   * and the confirmation covers only the warnings the page showed: text changed after it to hold
   * something else personal is warned about again.
   */
  function readCase(req: Request) {
    const form = validateForm(caseSchema, req.body)
    if (!form.ok) return { ...form, warnings: [] }
    const warnings = casePersonalData(form.data)
    const shown = [req.body?.personalDataShown ?? []].flat().map(String)
    const confirmed = form.data.confirmPersonalData && warnings.every((warning) => shown.includes(warning.text))
    if (warnings.length && !confirmed) {
      delete req.body.confirmPersonalData
      return { ok: false as const, errors: formErrors([{ field: 'confirmPersonalData', text: PERSONAL_DATA_REFUSAL }]), warnings }
    }
    return { ...form, data: { ...form.data, confirmPersonalData: confirmed }, warnings }
  }

  router.get('/audits/:roundId/cases/new', addsCases, async (req, res) => {
    if (res.locals.round!.status !== 'open') return res.redirect(`/audits/${res.locals.round!.id}`)
    await renderForm(res, {}, null)
  })

  router.post('/audits/:roundId/cases/new', addsCases, async (req, res) => {
    const round = res.locals.round!
    const form = readCase(req)
    if (!form.ok) return renderForm(res, req.body ?? {}, null, form.errors, form.warnings)
    const done = await orInputErrors(() => auditCases.create(req.user!.id, round, form.data))
    if (!done.ok) return renderForm(res, req.body, null, done.errors, form.warnings)
    res.flash(`${done.value.reference} added`)
    // A manager who is not a member may add a case but not see one.
    res.redirect(res.locals.roundAccess!.seesCases ? `/audits/${round.id}/cases/${done.value.id}` : `/audits/${round.id}`)
  })

  router.get('/audits/:roundId/cases/:caseId', seesCases, async (req, res) => {
    const round = res.locals.round!
    const entry = await roundCase(round, Number(req.params.caseId))
    await auditCases.recordView(req.user!.id, round, entry.id, entry.reference)
    const access = res.locals.roundAccess!
    res.render('audits/cases/show', {
      pageTitle: `${entry.reference}: ${round.title}`,
      round,
      entry,
      canEdit: round.status === 'open' && (access.facilitates || access.manages),
      ageBand: labelOf(AGE_BANDS, entry.ageBand),
      sex: labelOf(SEXES, entry.sex),
      ethnicityText: ethnicityLabel(ethnicity, entry.ethnicity),
      formatDateTime,
      backLink: `/audits/${round.id}`,
    })
  })

  router.get('/audits/:roundId/cases/:caseId/edit', editsCases, async (req, res) => {
    const round = res.locals.round!
    const entry = await roundCase(round, Number(req.params.caseId))
    if (round.status !== 'open') return res.redirect(`/audits/${round.id}/cases/${entry.id}`)
    await renderForm(res, caseValues(entry), entry)
  })

  router.post('/audits/:roundId/cases/:caseId/edit', editsCases, async (req, res) => {
    const round = res.locals.round!
    const entry = await roundCase(round, Number(req.params.caseId))
    const form = readCase(req)
    if (!form.ok) return renderForm(res, req.body ?? {}, entry, form.errors, form.warnings)
    const done = await orInputErrors(() => auditCases.update(req.user!.id, round, entry.id, form.data))
    if (!done.ok) return renderForm(res, req.body, entry, done.errors, form.warnings)
    res.flash(`${form.data.reference} changed`)
    res.redirect(`/audits/${round.id}/cases/${entry.id}`)
  })

  return router
}
