import { expect } from 'chai'
import { bringReturnIntoPlan } from '../../server/actions/sources/fromReturn'
import { describeSources, sourcePrefill } from '../../server/actions/sources/sourceLinks'
import { checkAuditToolFiles } from '../../server/audits/auditToolFiles'
import { Action, ActionSource, AuditCase, AuditRound, AuditRoundMember, ImprovementArea, Organisation, Partnership, User } from '../../server/db/models'
import { todayInEngland } from '../../server/forms/dates'
import { loadCurrentUser } from '../../server/signIn/currentUserQuery'
import { signedInAgent } from '../helpers/agents'
import { newPoliceReturn } from '../helpers/policeReturn'
import { testContext } from '../helpers/testContext'

const DAY = 86_400_000
const isoDaysFromToday = (days: number) => todayInEngland(new Date(Date.now() + days * DAY))
const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, '’').replace(/\s+/g, ' ')

describe('where actions come from: sources bring actions into the plan and show them', () => {
  let partnershipId: number
  let police: Organisation
  let lead: User
  let returnId: number
  let criteria: string[]

  const sourcesOf = async (kind: ActionSource['kind'], sourceIds: number[]) => ActionSource.findAll({ where: { kind, sourceId: sourceIds } })
  const improvementSources = async () => {
    const areas = await ImprovementArea.findAll({ where: { returnId } })
    return sourcesOf('improvement_area', areas.map((area) => area.id))
  }

  /** Answers every section (scoring each criterion 0, so scoring suggests actions), with improvement rows on the first standard. */
  async function answer(improvements: { id: number | null; action: string; criterionKey: string }[]) {
    const { services } = testContext()
    const loaded = await services.returns.load(returnId)
    for (const standard of loaded.standards) {
      const { version } = await services.returns.section(returnId, standard.key)
      const answers = standard.criteria.map((criterion) => ({ criterionKey: criterion.key, score: 0, notApplicable: false, notApplicableReason: null, narrative: `Evidence for ${criterion.key}`, questionAnswers: {} }))
      const attachments = standard.criteria.map((criterion) => ({
        criterionKey: criterion.key,
        evidenceFileIds: [],
        improvements: improvements.filter((row) => row.criterionKey === criterion.key).map((row) => ({ id: row.id, action: row.action, owner: 'Detective Superintendent, Public Protection', targetOn: isoDaysFromToday(120) })),
      }))
      await services.returns.saveSection(lead.id, returnId, standard.key, answers, true, version, attachments)
    }
  }
  const submit = () => testContext().services.returnSubmit.submit(lead.id, returnId, { name: 'Chris Patel', jobTitle: 'Detective Superintendent', approvedBySeniorLead: true })

  before(async () => {
    partnershipId = (await Partnership.findOne({ where: { slug: 'riverside' } }))!.id
    police = (await Organisation.findOne({ where: { name: 'Riverside and Millbrook Police' } }))!
    lead = (await User.findOne({ where: { email: 'lead@police.riverside.test' } }))!
    ;({ returnId, criteria } = await newPoliceReturn('Action sources cycle', 2087))
  })

  it('brings a submitted return’s areas for improvement into the plan once, as drafts owned by the organisation; a resubmission adds only new ones', async () => {
    await answer([
      { id: null, action: 'Named safeguarding lead in every custody suite', criterionKey: criteria[0] },
      { id: null, action: 'Quarterly audit of safeguarding referrals from response officers', criterionKey: criteria[1] },
    ])
    expect(await improvementSources()).to.have.length(0)
    await submit()
    const first = await improvementSources()
    expect(first).to.have.length(2)
    const actions = await Action.findAll({ where: { id: first.map((source) => source.actionId) }, order: [['id', 'ASC']] })
    expect(actions.map((action) => [action.title, action.status, action.ownerOrganisationId, action.ownerName, action.partnershipId, action.dueOn])).to.deep.equal([
      ['Named safeguarding lead in every custody suite', 'draft', police.id, 'Detective Superintendent, Public Protection', partnershipId, isoDaysFromToday(120)],
      ['Quarterly audit of safeguarding referrals from response officers', 'draft', police.id, 'Detective Superintendent, Public Protection', partnershipId, isoDaysFromToday(120)],
    ])

    // Bringing the same return in again changes nothing.
    await testContext().sequelize.transaction((transaction) => bringReturnIntoPlan(testContext().services.auditEvents, returnId, null, transaction))
    expect(await improvementSources()).to.have.length(2)

    // Returned for changes: a new area is added, the saved ones kept; resubmitting adds only the new one.
    const { services } = testContext()
    const qa = (await User.findOne({ where: { email: 'qa@riverside.test' } }))!
    await services.reviews.returnForChanges(qa.id, await services.returns.load(returnId), 'Say how you will know the audit makes a difference')
    const saved = await ImprovementArea.findAll({ where: { returnId }, order: [['id', 'ASC']] })
    await answer([...saved.map(({ id, action, criterionKey }) => ({ id, action, criterionKey })), { id: null, action: 'Voice of the child in every domestic abuse report', criterionKey: criteria[2] }])
    await submit()
    const after = await improvementSources()
    expect(after).to.have.length(3)
    expect(after.filter((source) => first.some((earlier) => earlier.actionId === source.actionId))).to.have.length(2)

    // The organisation's return page lists them under "In the action plan".
    const page = textOf((await (await signedInAgent('lead@police.riverside.test')).get(`/returns/${returnId}`)).text)
    expect(page).to.contain('In the action plan').and.contain('Voice of the child in every domestic abuse report').and.contain('Draft')
  })

  it('brings an accepted suggested action into the plan once, however often it is accepted', async () => {
    const { services } = testContext()
    const result = await services.scoring.latest(returnId)
    const suggestion = result!.outcome!.actions[0]
    const accepted = await services.scoring.acceptAction(lead.id, returnId, [partnershipId], suggestion.key)
    await services.scoring.acceptAction(lead.id, returnId, [partnershipId], suggestion.key)
    const sources = await sourcesOf('accepted_action', [accepted.id])
    expect(sources).to.have.length(1)
    const action = (await Action.findByPk(sources[0].actionId))!
    expect([action.status, action.ownerOrganisationId, action.outcomeSought]).to.deep.equal(['draft', police.id, suggestion.outcome])
    // The scores page, where a suggested-action source links, shows the accepted suggestion's action in the plan.
    const scores = await (await signedInAgent('qa@riverside.test')).get(`/returns/${returnId}/scores`)
    expect(scores.text).to.contain(`href="/actions/${action.id}"`)
    expect(textOf(scores.text)).to.contain(`In the action plan : the suggested action for ${suggestion.criterionKey ?? suggestion.standardKey ?? 'the whole return'}`)
  })

  it('shows a challenge’s actions on the QA review page, with a link to create another', async () => {
    const { services } = testContext()
    const qa = (await User.findOne({ where: { email: 'qa@riverside.test' } }))!
    const challenge = await services.reviews.raiseChallenge(qa.id, await services.returns.load(returnId), 'S11-1', criteria[0], 'How do you know custody staff use the referral pathway?')
    const action = await Action.create({ partnershipId, title: 'Custody referral pathway audit', outcomeSought: 'Children in custody are referred every time', whyItMatters: null, deliverable: null, ownerOrganisationId: police.id, ownerName: 'Chief Inspector, Custody', areaId: null, startsOn: isoDaysFromToday(-10), dueOn: isoDaysFromToday(-2), status: 'at_risk', priority: 'high', createdById: qa.id })
    await ActionSource.create({ actionId: action.id, kind: 'challenge', sourceId: challenge.id })
    const page = await (await signedInAgent('qa@riverside.test')).get(`/reviews/${returnId}`)
    expect(page.text).to.contain(`id="challenge-${challenge.id}"`).and.contain(`/actions/new?source=challenge:${challenge.id}`).and.contain(`/actions/${action.id}`)
    expect(textOf(page.text)).to.contain('Custody referral pathway audit').and.contain('Active: At risk').and.contain('Overdue')

    const [link] = await describeSources([{ kind: 'challenge', sourceId: challenge.id }], partnershipId, await loadCurrentUser(testContext().sequelize, qa.id))
    expect(link.href).to.equal(`/reviews/${returnId}#challenge-${challenge.id}`)
    const [asLead] = await describeSources([{ kind: 'challenge', sourceId: challenge.id }], partnershipId, await loadCurrentUser(testContext().sequelize, lead.id))
    expect(asLead.href).to.equal(`/returns/${returnId}/challenges`)
  })

  it('labels and links each source for its viewer, and prefills a new action from it', async () => {
    const [area] = await improvementSources()
    const viewer = async (email: string) => loadCurrentUser(testContext().sequelize, (await User.findOne({ where: { email } }))!.id)
    const source = [{ kind: 'improvement_area' as const, sourceId: area.sourceId }]
    const [forQa] = await describeSources(source, partnershipId, await viewer('qa@riverside.test'))
    expect(forQa.label).to.match(/^Self-assessment: Riverside and Millbrook Police, area for improvement on S11-1\.\d/)
    expect(forQa.href).to.match(new RegExp(`^/reviews/${returnId}/standards/S11-1#S11-1\\.\\d$`))
    // The page it links to shows the area for improvement and the plan's action from it.
    const standardPage = await (await signedInAgent('qa@riverside.test')).get(forQa.href!.split('#')[0])
    const row = (await ImprovementArea.findByPk(area.sourceId))!
    const drafted = (await Action.findByPk(area.actionId))!
    expect(textOf(standardPage.text)).to.contain(`Areas for improvement on ${row.criterionKey}`).and.contain(row.action).and.contain(`In the action plan : area for improvement ${row.position + 1} on ${row.criterionKey}`)
    expect(standardPage.text).to.contain(`href="/actions/${drafted.id}"`)
    expect((await describeSources(source, partnershipId, await viewer('lead@police.riverside.test')))[0].href).to.equal(`/returns/${returnId}#in-the-action-plan`)
    expect((await describeSources(source, partnershipId, await viewer('auditor@riverside.test')))[0].href).to.equal(null)
    expect((await describeSources(source, partnershipId, await viewer('lead@school.riverside.test')))[0].href).to.equal(null)

    const elsewhere = await Partnership.create({ name: 'Sources Elsewhere Partnership', slug: 'sources-elsewhere' })
    const [foreign] = await describeSources(source, elsewhere.id)
    expect(foreign).to.deep.include({ href: null, label: 'Self-assessment area for improvement (no longer available)' })

    const prefill = await sourcePrefill('improvement_area', area.sourceId, partnershipId)
    expect(prefill).to.deep.include({ ownerOrganisationId: police.id, ownerName: 'Detective Superintendent, Public Protection', dueOn: isoDaysFromToday(120) })
    expect(await sourcePrefill('improvement_area', area.sourceId, elsewhere.id)).to.equal(null)
  })

  it('names a case audit by its round and pseudonym only, and shows its actions on the workshop page', async () => {
    const tool = checkAuditToolFiles().tools.find((candidate) => candidate.tool.key === 'multi-agency-case-audit')!.tool
    const facilitator = (await User.findOne({ where: { email: 'auditor@riverside.test' } }))!
    const round = await AuditRound.create({ partnershipId, title: 'Sources round: infant neglect', theme: 'Infant neglect', whyNow: 'Test', toolKey: tool.key, toolDefinition: tool, gradingOpensOn: isoDaysFromToday(-30), gradingDueOn: isoDaysFromToday(-10), workshopOn: isoDaysFromToday(-5), delivery: 'in_house', commissionedFrom: null, closedAt: null, closedById: null, closedReason: null, createdById: facilitator.id })
    await AuditRoundMember.create({ roundId: round.id, userId: facilitator.id, role: 'facilitator', organisationId: null })
    const secret = 'Confidential: mother’s partner has a conviction'
    const auditCase = await AuditCase.create({ roundId: round.id, reference: 'Case Q', ageBand: '0-1', sex: 'female', ethnicity: 'white-british', areaId: null, whyChosen: secret, createdById: facilitator.id })
    const action = await Action.create({ partnershipId, title: 'Safe sleep conversations at every visit', outcomeSought: 'Fewer unsafe sleep incidents', whyItMatters: null, deliverable: null, ownerOrganisationId: null, ownerName: 'Head of Health Visiting', areaId: null, startsOn: isoDaysFromToday(-3), dueOn: isoDaysFromToday(90), status: 'draft', priority: 'medium', createdById: facilitator.id })
    await ActionSource.create({ actionId: action.id, kind: 'audit_case', sourceId: auditCase.id })

    const [link] = await describeSources([{ kind: 'audit_case', sourceId: auditCase.id }], partnershipId, await loadCurrentUser(testContext().sequelize, facilitator.id))
    expect(link).to.deep.equal({ kind: 'audit_case', sourceId: auditCase.id, label: 'Case audit: Sources round: infant neglect, Case Q', href: `/audits/${round.id}/cases/${auditCase.id}/workshop` })
    const [forLead] = await describeSources([{ kind: 'audit_case', sourceId: auditCase.id }], partnershipId, await loadCurrentUser(testContext().sequelize, lead.id))
    expect(forLead.href).to.equal(null)
    expect(JSON.stringify(await sourcePrefill('audit_case', auditCase.id, partnershipId))).to.not.contain('Confidential')

    const page = await (await signedInAgent('auditor@riverside.test')).get(`/audits/${round.id}/cases/${auditCase.id}/workshop`)
    expect(page.status).to.equal(200)
    expect(textOf(page.text)).to.contain('In the action plan').and.contain('Safe sleep conversations at every visit')
  })
})
