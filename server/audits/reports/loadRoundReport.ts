import { actionsOfCases } from '../../actions/caseActions'
import { AuditCase, AuditCaseAgreement, AuditDipSample, AuditRound, Organisation, Partnership, Theme } from '../../db/models'
import { todayInEngland } from '../../forms/dates'
import { ReportCase, RoundReport, roundReport } from './roundReport'

type LoadedCase = AuditCase & { agreement?: AuditCaseAgreement | null; themes?: Theme[]; dipSample?: AuditDipSample | null }

/** Reads a round's cases with what the workshop recorded, and computes its report. */
export async function loadRoundReport(round: AuditRound, now: Date): Promise<RoundReport> {
  const [partnership, cases] = await Promise.all([
    Partnership.findByPk(round.partnershipId, { attributes: ['name'] }),
    AuditCase.findAll({
      where: { roundId: round.id },
      attributes: ['id', 'reference'],
      include: [
        { model: AuditCaseAgreement, as: 'agreement' },
        { model: Theme, as: 'themes', attributes: ['name'], through: { attributes: [] } },
        { model: AuditDipSample, as: 'dipSample' },
      ],
      order: [['reference', 'ASC']],
    }) as Promise<LoadedCase[]>,
  ])
  const actions = await actionsOfCases(cases.map((loaded) => loaded.id))
  const owners = await Organisation.findAll({ where: { id: [...actions.values()].flat().map((action) => action.ownerOrganisationId).filter((id): id is number => id !== null) }, attributes: ['id', 'name'] })
  const ownerName = new Map(owners.map((owner) => [owner.id, owner.name]))
  const reportCases: ReportCase[] = cases.map((loaded) => ({
    reference: loaded.reference,
    agreement: loaded.agreement
      ? {
          domainGrades: loaded.agreement.domainGrades ?? {},
          overallGrade: loaded.agreement.overallGrade,
          strengths: loaded.agreement.strengths,
          areasForImprovement: loaded.agreement.areasForImprovement,
          escalated: loaded.agreement.escalated,
          escalationNote: loaded.agreement.escalationNote,
        }
      : null,
    themes: (loaded.themes ?? []).map((theme) => theme.name),
    actions: actions.get(loaded.id)!.map((action) => ({
      title: action.title,
      outcomeSought: action.outcomeSought,
      ownerName: action.ownerName,
      ownerOrganisation: (action.ownerOrganisationId && ownerName.get(action.ownerOrganisationId)) || null,
      dueOn: action.dueOn,
    })),
    dipSample: loaded.dipSample ? { dueOn: loaded.dipSample.dueOn, result: loaded.dipSample.result } : null,
  }))
  // Natural order: "Case 2" before "Case 10".
  reportCases.sort((a, b) => a.reference.localeCompare(b.reference, 'en-GB', { numeric: true }))
  return roundReport({
    round: { title: round.title, theme: round.theme, whyNow: round.whyNow, workshopOn: round.workshopOn, status: round.status, partnershipName: partnership?.name ?? '' },
    tool: round.toolDefinition,
    cases: reportCases,
    today: todayInEngland(now),
  })
}
