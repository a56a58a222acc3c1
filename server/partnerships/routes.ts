import express, { Router } from 'express'
import { z } from 'zod'
import { currentPartnershipId, requirePermission } from '../auth/requirePermission'
import { Partnership } from '../db/models'
import { formErrors } from '../forms/validation'

/** People who work in more than one partnership choose which one they are working in. */
export function partnershipRoutes(): Router {
  const router = express.Router()

  async function partnershipItems(ids: number[], current: number) {
    const partnerships = await Partnership.findAll({ where: { id: ids }, order: [['name', 'ASC']] })
    return partnerships.map((partnership) => ({ value: String(partnership.id), text: partnership.name, checked: partnership.id === current }))
  }

  router.get('/partnerships', requirePermission('dashboard:view'), async (req, res) => {
    res.render('partnerships/choose', { pageTitle: 'Choose a partnership', items: await partnershipItems(req.user!.partnershipIds, currentPartnershipId(req)) })
  })

  router.post('/partnerships', requirePermission('dashboard:view'), async (req, res) => {
    const chosen = z.coerce.number().int().safeParse(req.body.partnershipId)
    if (!chosen.success || !req.user!.partnershipIds.includes(chosen.data)) {
      return res.status(400).render('partnerships/choose', {
        pageTitle: 'Choose a partnership',
        items: await partnershipItems(req.user!.partnershipIds, currentPartnershipId(req)),
        errors: formErrors([{ field: 'partnershipId', text: 'Select one of your partnerships' }]),
      })
    }
    req.session.partnershipId = chosen.data
    res.redirect('/dashboard')
  })

  return router
}
