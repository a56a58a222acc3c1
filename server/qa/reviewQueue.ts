import { Op } from 'sequelize'
import { Area, AssessmentReturn, Challenge, Cycle, CycleReturn, Organisation, ScoringResult } from '../db/models'
import { respondedStatuses, ReturnStatus } from '../db/models/assessmentReturn.model'
import { latestResultIds } from '../scoring/latestResults'

export interface QueueFilters {
  cycleId?: number
  areaId?: number
  sector?: string
  role?: string
  status?: ReturnStatus
  /** Only returns whose latest scoring raised a serious flag (or failed). */
  flagged?: boolean
}

export interface QueueRow {
  returnId: number
  organisationName: string
  cycleName: string
  status: ReturnStatus
  submittedAt: Date | null
  seriousFlags: number | null
  scoringFailed: boolean
  openChallenges: number
}

/**
 * The partnership's submitted returns for review, oldest submission first, with what a reviewer
 * triages by: serious flags from the latest scoring and challenges still open.
 */
export async function reviewQueue(partnershipId: number, filters: QueueFilters): Promise<QueueRow[]> {
  const links = (await CycleReturn.findAll({
    where: { withdrawnAt: null, ...(filters.cycleId ? { cycleId: filters.cycleId } : {}) },
    include: [
      { model: Cycle, as: 'cycle', attributes: ['name'], where: { partnershipId } },
      {
        model: AssessmentReturn,
        as: 'assessmentReturn',
        attributes: ['id', 'status', 'submittedAt'],
        where: { status: filters.status ? [filters.status] : respondedStatuses },
        include: [
          {
            model: Organisation,
            as: 'organisation',
            attributes: ['name'],
            where: { ...(filters.sector ? { sectorKey: filters.sector } : {}), ...(filters.role ? { role: filters.role } : {}) },
            include: filters.areaId ? [{ model: Area, as: 'areas', attributes: [], where: { id: filters.areaId }, through: { attributes: [] } }] : [],
          },
        ],
      },
    ],
  })) as (CycleReturn & { cycle: Cycle; assessmentReturn: AssessmentReturn & { organisation: Organisation } })[]
  const returnIds = [...new Set(links.map((link) => link.returnId))]
  const latestIds = returnIds.length ? await latestResultIds({ returnId: returnIds }) : []
  const latest = new Map(
    (await ScoringResult.findAll({ where: { id: latestIds }, attributes: ['returnId', 'status', 'seriousFlagCount'] })).map((result) => [result.returnId, result]),
  )
  const open = new Map<number, number>()
  for (const challenge of await Challenge.findAll({ where: { returnId: returnIds, status: { [Op.ne]: 'closed' } }, attributes: ['returnId'] })) {
    open.set(challenge.returnId, (open.get(challenge.returnId) ?? 0) + 1)
  }
  const rows = links.map((link) => {
    const result = latest.get(link.returnId)
    return {
      returnId: link.returnId,
      organisationName: link.assessmentReturn.organisation.name,
      cycleName: link.cycle.name,
      status: link.assessmentReturn.status,
      submittedAt: link.assessmentReturn.submittedAt,
      seriousFlags: result?.seriousFlagCount ?? null,
      scoringFailed: result?.status === 'failed',
      openChallenges: open.get(link.returnId) ?? 0,
    }
  })
  return rows
    .filter((row) => !filters.flagged || row.scoringFailed || (row.seriousFlags ?? 0) > 0)
    .sort((a, b) => (a.submittedAt?.getTime() ?? 0) - (b.submittedAt?.getTime() ?? 0) || a.organisationName.localeCompare(b.organisationName))
}
