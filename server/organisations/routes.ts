import express, { Request, Response, Router } from 'express'
import { can } from '../auth/permissions'
import { currentPartnershipId, requirePermission } from '../auth/requirePermission'
import { organisationRoleKindLabels, organisationRoleKinds, sizeTierLabels, sizeTiers } from '../db/models/organisationKinds'
import { NotFoundError } from '../errors'
import { paginationParams } from '../forms/pagination'
import { FormErrors, orInputErrors, validateForm } from '../forms/validation'
import type { Services } from '../services'
import { organisationFiltersSchema, organisationSchema } from './schema'

const PAGE_SIZE = 25

const inCurrentPartnership = (req: Request) => ({ partnershipId: currentPartnershipId(req) })

export function organisationRoutes({ organisations }: Services): Router {
  const router = express.Router()
  const organisationResource = async (req: Request) => {
    const organisationId = Number(req.params.id)
    const partnershipIds = Number.isInteger(organisationId) ? await organisations.partnershipIdsOf(organisationId) : []
    if (partnershipIds.length === 0) throw new NotFoundError(`Organisation ${req.params.id} not found`)
    return { organisationId, partnershipIds }
  }

  async function renderForm(req: Request, res: Response, view: { pageTitle: string; action: string; values: Record<string, unknown>; errors?: FormErrors }) {
    const partnershipId = currentPartnershipId(req)
    const [sectors, areas] = await Promise.all([organisations.sectors(), organisations.areas(partnershipId)])
    res.status(view.errors ? 400 : 200).render('organisations/form', {
      ...view,
      sectors,
      areas,
      roleKinds: organisationRoleKinds.map((value) => ({ value, text: organisationRoleKindLabels[value] })),
      sizeTiers: sizeTiers.map((value) => ({ value, text: sizeTierLabels[value] })),
    })
  }

  router.get('/organisations', requirePermission('organisations:list', inCurrentPartnership), async (req, res) => {
    const partnershipId = currentPartnershipId(req)
    const filters = organisationFiltersSchema.parse(req.query)
    const [{ organisations: rows, total }, sectors, areas] = await Promise.all([
      organisations.list(partnershipId, filters, PAGE_SIZE),
      organisations.sectors(),
      organisations.areas(partnershipId),
    ])
    res.render('organisations/list', {
      pageTitle: 'Organisations',
      organisations: rows,
      total,
      filters,
      sectors,
      areas,
      roleKinds: organisationRoleKinds.map((value) => ({ value, text: organisationRoleKindLabels[value] })),
      roleKindLabels: organisationRoleKindLabels,
      sizeTierLabels,
      pagination: paginationParams('/organisations', filters, filters.page, Math.ceil(total / PAGE_SIZE)),
      canManage: can(req.user, 'organisations:manage', { partnershipId }),
    })
  })

  router.get('/organisations/new', requirePermission('organisations:manage', inCurrentPartnership), (req, res) =>
    renderForm(req, res, { pageTitle: 'Add an organisation', action: '/organisations/new', values: { areaIds: [] } }),
  )

  router.post('/organisations/new', requirePermission('organisations:manage', inCurrentPartnership), async (req, res) => {
    const form = validateForm(organisationSchema, req.body)
    const values = req.body
    if (!form.ok) return renderForm(req, res, { pageTitle: 'Add an organisation', action: '/organisations/new', values, errors: form.errors })
    const created = await orInputErrors(() => organisations.create(req.user!.id, currentPartnershipId(req), form.data))
    if (!created.ok) return renderForm(req, res, { pageTitle: 'Add an organisation', action: '/organisations/new', values, errors: created.errors })
    res.flash(`${created.value.name} has been added`)
    res.redirect(`/organisations/${created.value.id}`)
  })

  router.get('/organisations/:id', requirePermission('organisation:view', organisationResource), async (req, res) => {
    const partnershipId = currentPartnershipId(req)
    const organisation = await organisations.get(partnershipId, Number(req.params.id))
    res.render('organisations/show', {
      pageTitle: organisation.name,
      organisation,
      roleKindLabels: organisationRoleKindLabels,
      sizeTierLabels,
      canManage: can(req.user, 'organisations:manage', { partnershipId }),
    })
  })

  router.get('/organisations/:id/edit', requirePermission('organisations:manage', organisationResource), async (req, res) => {
    const partnershipId = currentPartnershipId(req)
    const organisation = await organisations.get(partnershipId, Number(req.params.id))
    const { name, role, sectorKey, sizeTier } = organisation
    const values = { name, role, sectorKey, sizeTier, areaIds: organisations.areaIdsIn(organisation, partnershipId).map(String) }
    return renderForm(req, res, { pageTitle: `Edit ${organisation.name}`, action: `/organisations/${organisation.id}/edit`, values })
  })

  router.post('/organisations/:id/edit', requirePermission('organisations:manage', organisationResource), async (req, res) => {
    const id = Number(req.params.id)
    const action = `/organisations/${id}/edit`
    const form = validateForm(organisationSchema, req.body)
    if (!form.ok) return renderForm(req, res, { pageTitle: 'Edit organisation', action, values: req.body, errors: form.errors })
    const updated = await orInputErrors(() => organisations.update(req.user!.id, currentPartnershipId(req), id, form.data))
    if (!updated.ok) return renderForm(req, res, { pageTitle: 'Edit organisation', action, values: req.body, errors: updated.errors })
    res.flash('Organisation details saved')
    res.redirect(`/organisations/${id}`)
  })

  for (const [path, active, message] of [
    ['deactivate', false, 'Organisation deactivated'],
    ['reactivate', true, 'Organisation reactivated'],
  ] as const) {
    router.post(`/organisations/:id/${path}`, requirePermission('organisations:manage', organisationResource), async (req, res) => {
      const id = Number(req.params.id)
      await organisations.setActive(req.user!.id, currentPartnershipId(req), id, active)
      res.flash(message)
      res.redirect(`/organisations/${id}`)
    })
  }

  return router
}
