import type { Request } from 'express'
import type { Sequelize } from 'sequelize'
import { Area, Partnership } from '../db/models'
import { organisationRoleKindLabels, sizeTierLabels } from '../db/models/organisationKinds'
import { SECTORS } from '../organisations/sectors'
import { calibration } from './calibration'
import { Comparison, compareCycles } from './comparison'
import { comparisonRequest, responseRateRequest } from './qaRequests'
import { summarise } from './reportSummary'

export interface QaReport {
  partnershipName: string
  comparison: Comparison
  /** The filters in words ("Sector: Police"), or empty for every organisation. */
  filtersInWords: string[]
  summary: string[]
  responseRates: Awaited<ReturnType<typeof responseRateRequest>>['trend']
  calibration: Awaited<ReturnType<typeof calibration>>
  producedOn: Date
}

export type QaReportResult = { ok: true; report: QaReport } | { ok: false; message: string }

/**
 * Everything the board's QA report shows, for the cycles and filters of the comparison page: the
 * comparison, the same comparison sector by sector (for the summary's sentences), response rates
 * by sector and calibration for the cycle.
 */
export async function loadQaReport(sequelize: Sequelize, req: Request): Promise<QaReportResult> {
  const { partnershipId, cycle, filters, result } = await comparisonRequest(sequelize, req)
  if (!result) return { ok: false, message: 'Choose two cycles of the same framework to compare' }
  if (!result.ok) return { ok: false, message: result.errors.list[0].text }
  const comparison = result.value
  const sectors = filters.sector ? [] : SECTORS
  const bySector = await Promise.all(sectors.map(async (sector) => ({ sector: sector.label, comparison: await compareCycles(sequelize, comparison.cycle, comparison.earlier, { ...filters, sector: sector.key }) })))
  const [partnership, rates, calibrated] = await Promise.all([Partnership.findByPk(partnershipId, { attributes: ['name'] }), responseRateRequest(sequelize, req), calibration(partnershipId, cycle!.id)])
  const area = filters.areaId ? await Area.findOne({ where: { id: filters.areaId, partnershipId }, attributes: ['name'] }) : null
  const filtersInWords = [
    filters.sector && `Sector: ${SECTORS.find((sector) => sector.key === filters.sector)?.label}`,
    filters.role && `Role: ${organisationRoleKindLabels[filters.role]}`,
    filters.tier && `Size: ${sizeTierLabels[filters.tier]}`,
    area && `Area: ${area.name}`,
  ].filter((text): text is string => Boolean(text))
  return {
    ok: true,
    report: {
      partnershipName: partnership?.name ?? '',
      comparison,
      filtersInWords,
      summary: summarise({ comparison, bySector, responseRates: rates.trend, calibration: calibrated }),
      responseRates: rates.trend,
      calibration: calibrated,
      producedOn: new Date(),
    },
  }
}
