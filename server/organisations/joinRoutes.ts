import express, { Request, Response, Router } from 'express'
import { z } from 'zod'
import { currentPartnershipId, requirePermission } from '../auth/requirePermission'
import { organisationRoleKindLabels } from '../db/models/organisationKinds'
import { FormErrors, manyValues, orInputErrors, validateForm } from '../forms/validation'
import type { Services } from '../services'

const joinSchema = z.object({
  areaIds: manyValues(z.coerce.number().int().positive()).pipe(z.array(z.number()).min(1, { error: 'Select at least one area it works in' })),
})

/** Finding an organisation another partnership already has, and adding it to this one. */
export function organisationJoinRoutes({ organisationJoin, organisations }: Services): Router {
  const router = express.Router()
  const canManage = requirePermission('organisations:manage', (req) => ({ partnershipId: currentPartnershipId(req) }))

  router.get('/organisations/elsewhere', canManage, async (req, res) => {
    const q = typeof req.query.q === 'string' ? req.query.q.slice(0, 200) : ''
    res.render('organisations/elsewhere', {
      pageTitle: 'Add an organisation another partnership already has',
      q,
      found: await organisationJoin.findElsewhere(currentPartnershipId(req), q),
      roleKindLabels: organisationRoleKindLabels,
    })
  })

  async function renderJoin(req: Request, res: Response, errors?: FormErrors) {
    const organisation = await organisationJoin.organisation(Number(req.params.id))
    res.status(errors ? 400 : 200).render('organisations/join', {
      pageTitle: `Add ${organisation.name} to this partnership`,
      organisation,
      areas: await organisations.areas(currentPartnershipId(req)),
      values: req.body ?? {},
      errors,
    })
  }

  router.get('/organisations/:id/join', canManage, (req, res) => renderJoin(req, res))

  router.post('/organisations/:id/join', canManage, async (req, res) => {
    const form = validateForm(joinSchema, req.body)
    if (!form.ok) return renderJoin(req, res, form.errors)
    const joined = await orInputErrors(() => organisationJoin.join(req.user!.id, currentPartnershipId(req), Number(req.params.id), form.data.areaIds))
    if (!joined.ok) return renderJoin(req, res, joined.errors)
    res.flash(`${joined.value.name} has been added to this partnership`)
    res.redirect(`/organisations/${joined.value.id}`)
  })

  return router
}
