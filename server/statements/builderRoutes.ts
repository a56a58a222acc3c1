import express, { Request, Response, Router } from 'express'
import { requirePermission } from '../auth/requirePermission'
import { PROCEDURE_KEYS, StatementContent, StatementRisk, RelevantPerson } from '../db/models/statement.model'
import { InvalidInputError } from '../errors'
import { todayInEngland } from '../forms/dates'
import { FormErrors, formErrors } from '../forms/validation'
import type { Services } from '../services'
import { LIMITS, MAX_RELEVANT_PERSONS, MAX_RISKS, sectionComplete, sectionTitles, SECTION_KEYS, SectionKey } from './content'
import { StatementView, statementView } from './queries'
import { forStatement, viewHelpers } from './viewHelpers'
import { personField, personsAsTyped, procedureField, readPrinciples, readProcedures, readRelevantPersons, readRisks, readService, readSignature, riskField, risksAsTyped } from './schema'
import { ContentSection, EDITABLE, StaleStatementError, StatementNotEditableError } from './service'

type Values = Record<string, unknown>
const dateValues = (name: string, iso: string | null | undefined): Values => {
  if (!iso) return {}
  const [year, month, day] = iso.split('-')
  return { [`${name}-day`]: String(Number(day)), [`${name}-month`]: String(Number(month)), [`${name}-year`]: year }
}

/** The form's fields filled from what is saved. */
function savedValues(section: SectionKey, view: StatementView): Values {
  const { content, statement } = view
  switch (section) {
    case 'service':
      return { ...content.service }
    case 'principles':
      return { principles: content.principles }
    case 'procedures':
      return Object.assign({}, ...PROCEDURE_KEYS.map((key) => ({ [procedureField(key, 'documentName')]: content.procedures[key].documentName, ...dateValues(procedureField(key, 'lastReviewedOn'), content.procedures[key].lastReviewedOn) })))
    case 'signature':
      return { signedByName: statement.signedByName ?? '', signedByRole: statement.signedByRole ?? '', confirm: statement.signedAt ? 'yes' : '', ...dateValues('effectiveOn', statement.effectiveOn), ...dateValues('reviewOn', statement.reviewOn) }
    default:
      return {}
  }
}

const emptyRisk = (): StatementRisk => ({ risk: '', whereOrWhen: '', likelihood: '', seriousness: '', procedure: '' })
const emptyPerson = (): RelevantPerson => ({ name: '', role: '', contact: '' })

/** "add", or "remove-N" for row N, from the row buttons: the page is shown again with the rows changed, nothing saved. */
function changeRows<T>(rows: T[], action: string, blank: () => T, max: number): T[] {
  if (action === 'add' && rows.length < max) return [...rows, blank()]
  const remove = /^remove-(\d+)$/.exec(action)
  if (remove) {
    const kept = rows.filter((_, index) => index !== Number(remove[1]))
    return kept.length ? kept : [blank()]
  }
  return rows
}

/** The statement builder: one question page per section of the task list, check your answers, and submitting. */
export function builderRoutes({ statements, now }: Services): Router {
  const router = express.Router()
  const canEdit = requirePermission('statement:edit', forStatement)
  // The senior lead's signature, and sending the statement, are for the organisation's lead.
  const canSign = requirePermission('statement:submit', forStatement)
  const today = () => todayInEngland(now())

  interface PageState {
    values?: Values
    risks?: StatementRisk[]
    persons?: RelevantPerson[]
    errors?: FormErrors
    stale?: boolean
    lockVersion?: number
  }

  async function render(req: Request, res: Response, section: SectionKey, state: PageState = {}) {
    const view = await statementView(Number(req.params.statementId))
    if (!EDITABLE.includes(view.statement.status)) return refuseLocked(req, res, view.statement.id)
    const status = state.stale ? 409 : state.errors ? 400 : 200
    res.status(status).render(`statements/${section}`, {
      pageTitle: sectionTitles[section],
      ...view,
      section,
      values: state.values ?? savedValues(section, view),
      risks: state.risks ?? (view.content.risks.length ? view.content.risks : [emptyRisk()]),
      persons: state.persons ?? (view.content.relevantPersons.length ? view.content.relevantPersons : [emptyPerson()]),
      errors: state.errors,
      stale: state.stale,
      // After a stale save, the form carries the version now saved: saving again keeps what is on screen.
      lockVersion: state.stale ? view.statement.lockVersion : (state.lockVersion ?? view.statement.lockVersion),
      limits: LIMITS,
      maxRisks: MAX_RISKS,
      maxPersons: MAX_RELEVANT_PERSONS,
      procedureKeys: PROCEDURE_KEYS,
      riskField,
      personField,
      procedureField,
      backLink: `/statements/${view.statement.id}`,
      ...viewHelpers,
    })
  }

  function refuseLocked(req: Request, res: Response, statementId: number) {
    res.flash('This statement has been submitted and can no longer be changed: start a new version to make changes')
    res.redirect(303, `/statements/${statementId}`)
  }

  /** Saves a section; a stale or locked statement keeps what was typed on screen. */
  async function save(req: Request, res: Response, section: SectionKey, state: PageState, write: (lockVersion: number) => Promise<string | void>) {
    const lockVersion = Number(req.body?.lockVersion)
    try {
      const note = await write(lockVersion)
      res.flash(note || `${sectionTitles[section]} saved`)
      res.redirect(303, `/statements/${req.params.statementId}`)
    } catch (error) {
      if (error instanceof StaleStatementError) return render(req, res, section, { ...state, stale: true })
      if (error instanceof StatementNotEditableError) return refuseLocked(req, res, Number(req.params.statementId))
      throw error
    }
  }

  const contentSave = (req: Request, section: ContentSection, value: unknown) => async (lockVersion: number) => {
    const { signatureCleared } = await statements.saveSection(req.user!.id, Number(req.params.statementId), section, value as StatementContent['principles'], lockVersion)
    return signatureCleared ? `${sectionTitles[section]} saved. The statement has changed since it was signed: the senior lead needs to sign it again` : undefined
  }

  const simple = { service: readService, principles: readPrinciples } as const
  for (const section of ['service', 'principles'] as const) {
    router.get(`/statements/:statementId/${section}`, canEdit, (req, res) => render(req, res, section))
    router.post(`/statements/:statementId/${section}`, canEdit, async (req, res) => {
      const form = simple[section](req.body ?? {})
      const state = { values: req.body as Values, lockVersion: Number(req.body?.lockVersion) }
      if (!form.ok) return render(req, res, section, { ...state, errors: form.errors })
      await save(req, res, section, state, contentSave(req, section, form.data))
    })
  }

  router.get('/statements/:statementId/risks', canEdit, (req, res) => render(req, res, 'risks'))
  router.post('/statements/:statementId/risks', canEdit, async (req, res) => {
    const body = req.body ?? {}
    const state = { risks: risksAsTyped(body), lockVersion: Number(body.lockVersion) }
    if (typeof body.rowAction === 'string') return render(req, res, 'risks', { ...state, risks: changeRows(state.risks, body.rowAction, emptyRisk, MAX_RISKS) })
    const form = readRisks(body)
    if (!form.ok) return render(req, res, 'risks', { ...state, errors: form.errors })
    await save(req, res, 'risks', state, contentSave(req, 'risks', form.data))
  })

  router.get('/statements/:statementId/procedures', canEdit, (req, res) => render(req, res, 'procedures'))
  router.post('/statements/:statementId/procedures', canEdit, async (req, res) => {
    const form = readProcedures(req.body ?? {}, today())
    const state = { values: req.body as Values, lockVersion: Number(req.body?.lockVersion) }
    if (!form.ok) return render(req, res, 'procedures', { ...state, errors: form.errors })
    await save(req, res, 'procedures', state, contentSave(req, 'procedures', form.data))
  })

  router.get('/statements/:statementId/relevant-persons', canEdit, (req, res) => render(req, res, 'relevant-persons'))
  router.post('/statements/:statementId/relevant-persons', canEdit, async (req, res) => {
    const body = req.body ?? {}
    const state = { persons: personsAsTyped(body), lockVersion: Number(body.lockVersion) }
    if (typeof body.rowAction === 'string') return render(req, res, 'relevant-persons', { ...state, persons: changeRows(state.persons, body.rowAction, emptyPerson, MAX_RELEVANT_PERSONS) })
    const form = readRelevantPersons(body)
    if (!form.ok) return render(req, res, 'relevant-persons', { ...state, errors: form.errors })
    await save(req, res, 'relevant-persons', state, contentSave(req, 'relevant-persons', form.data))
  })

  router.get('/statements/:statementId/signature', canSign, (req, res) => render(req, res, 'signature'))
  router.post('/statements/:statementId/signature', canSign, async (req, res) => {
    const form = readSignature(req.body ?? {})
    const state = { values: req.body as Values, lockVersion: Number(req.body?.lockVersion) }
    if (!form.ok) return render(req, res, 'signature', { ...state, errors: form.errors })
    await save(req, res, 'signature', state, (lockVersion) => statements.sign(req.user!.id, Number(req.params.statementId), form.data, lockVersion).then(() => 'Statement signed'))
  })

  async function renderCheck(req: Request, res: Response, errors?: FormErrors, stale = false) {
    const view = await statementView(Number(req.params.statementId))
    if (!EDITABLE.includes(view.statement.status)) return refuseLocked(req, res, view.statement.id)
    const complete = sectionComplete(view.content, view.statement)
    const missing = SECTION_KEYS.filter((key) => !complete[key])
    const problems = errors ?? (missing.length ? formErrors(missing.map((key) => ({ field: `section-${key}`, text: `Complete ${sectionTitles[key].toLowerCase()}` }))) : undefined)
    res.status(errors || stale ? (stale ? 409 : 400) : 200).render('statements/check', {
      pageTitle: 'Check your statement before submitting it',
      ...view,
      errors: problems,
      stale,
      missing,
      procedureKeys: PROCEDURE_KEYS,
      changeLinks: true,
      backLink: `/statements/${view.statement.id}`,
      ...viewHelpers,
    })
  }

  router.get('/statements/:statementId/check', canSign, (req, res) => renderCheck(req, res))
  router.post('/statements/:statementId/submit', canSign, async (req, res) => {
    try {
      await statements.submit(req.user!.id, Number(req.params.statementId), Number(req.body?.lockVersion))
      res.flash('Statement submitted: the partnership has been told and will approve it or return it with reasons')
      res.redirect(303, `/statements/${req.params.statementId}`)
    } catch (error) {
      if (error instanceof InvalidInputError) return renderCheck(req, res, formErrors([{ field: 'sections', text: error.message }]))
      if (error instanceof StaleStatementError) return renderCheck(req, res, formErrors([{ field: 'sections', text: 'The statement was changed by someone else after you opened this page: check it again before submitting' }]), true)
      if (error instanceof StatementNotEditableError) return refuseLocked(req, res, Number(req.params.statementId))
      throw error
    }
  })

  return router
}
