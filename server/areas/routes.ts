import express, { Request, Response, Router } from 'express'
import { requirePermission } from '../auth/requirePermission'
import { ethnicityGroups } from '../audits/cases/reference'
import { Area } from '../db/models'
import { NotFoundError } from '../errors'
import type { FormErrors } from '../forms/validation'
import type { Services } from '../services'
import { percentField, readPopulation, TOTAL_TOLERANCE } from './schema'

async function areaOf(req: Request): Promise<Area> {
  const id = Number(req.params.areaId)
  const area = Number.isInteger(id) ? await Area.findByPk(id) : null
  if (!area) throw new NotFoundError('Area not found')
  return area
}

/** Partnership admins keep each area's child population by ethnic group, for the case audits' sample check. */
export function areaRoutes({ areaPopulations }: Services): Router {
  const router = express.Router()
  const managesArea = requirePermission('areas:manage', async (req) => ({ partnershipId: (await areaOf(req)).partnershipId }))
  const groups = () => ethnicityGroups().groups.map(({ key, label }) => ({ key, label }))

  function render(res: Response, area: Area, values: Record<string, unknown>, errors?: FormErrors) {
    res.status(errors ? 400 : 200).render('areas/child-population', {
      pageTitle: `Child population of ${area.name}`,
      area,
      groups: groups(),
      source: ethnicityGroups().source,
      percentField,
      tolerance: TOTAL_TOLERANCE,
      values,
      errors,
      backLink: '/audits',
    })
  }

  router.get('/areas/:areaId/child-population', managesArea, async (req, res) => {
    const area = await areaOf(req)
    const figures = await areaPopulations.figures(area.id)
    render(res, area, Object.fromEntries(Object.entries(figures).map(([key, percent]) => [percentField(key), String(percent)])))
  })

  router.post('/areas/:areaId/child-population', managesArea, async (req, res) => {
    const area = await areaOf(req)
    const form = readPopulation(req.body ?? {}, groups())
    if (!form.ok) return render(res, area, req.body ?? {}, form.errors)
    await areaPopulations.set(req.user!.id, area.id, form.data)
    res.flash(`Child population of ${area.name} saved`)
    res.redirect(`/areas/${area.id}/child-population`)
  })

  return router
}
