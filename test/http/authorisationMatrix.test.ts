import { expect } from 'chai'
import { Area, AssessmentReturn, AuditDipSample, AuditRound, CycleReturn, FrameworkVersion, Membership, Organisation, Partnership, User } from '../../server/db/models'
import { Agent, csrfToken, newAgent, signedInAgent } from '../helpers/agents'
import { registeredRoutes } from '../helpers/registeredRoutes'
import { testContext } from '../helpers/testContext'
import { matrixModules } from './matrix'
import { allRoles, everyone, MatrixModule, partnershipRoles, reviewers, RoleName, roleEmails, RouteCase, signedIn } from './matrix/routeCase'
import { submittedPoliceReturn } from '../helpers/policeReturn'

/*
 * Every route × every role, including signed out. A refused signed-in user gets 403; a signed-out
 * user is sent to sign in. Allowed requests get the status the route gives that role.
 * POSTs send an invalid or harmless body, so an allowed request re-displays the form (400) or
 * acts on records made for this test.
 */
describe('authorisation matrix: every route × every role', () => {
  const agents = new Map<RoleName, Agent>()
  const tokens = new Map<RoleName, string>()
  let police: Organisation
  let throwaway: Organisation
  let contributor: User
  let invitee: User
  let framework: FrameworkVersion
  let cycleId: number
  let returnId: number
  let policeReturnId: number
  let evidenceFileId: number
  let scoredReturnId: number
  let ruleSetId: number
  let jobId: number
  let challengeId: number
  let outsider: Organisation
  let eventId: number
  let auditRoundId: number
  let auditCaseId: number
  let areaId: number
  /** Each feature module's route parameters, by name. */
  const moduleParams = new Map<MatrixModule, Record<string, string>>()

  before(async () => {
    police = (await Organisation.findOne({ where: { name: 'Riverside and Millbrook Police' } }))!
    throwaway = await Organisation.findOne({ where: { name: 'Riverside Dance Academy' } }).then((o) => o!)
    contributor = (await User.findOne({ where: { email: roleEmails.schoolContributor } }))!
    invitee = await User.create({ email: 'matrix-invitee@riverside.test', name: 'Matrix Invitee', passwordHash: null })
    await Membership.create({ userId: invitee.id, role: 'organisation_contributor', organisationId: throwaway.id, partnershipId: null })
    framework = (await FrameworkVersion.findOne({ where: { key: 'section-11', version: '2025' } }))!
    const partnership = (await Partnership.findOne({ where: { slug: 'riverside' } }))!
    const { cycle } = await testContext().services.cycleIssue.issue(contributor.id, partnership.id, {
      name: 'Matrix cycle',
      frameworkVersionId: framework.id,
      opensOn: '2026-01-01',
      closesOn: '2026-03-31',
      roles: [],
      sectors: ['faith', 'police'],
      areaIds: [],
      sizeTiers: [],
    })
    cycleId = cycle.id
    outsider = await Organisation.create({ name: 'Matrix Outsider Trust', role: 'relevant_agency', sectorKey: 'nhs-provider', sizeTier: 'large' })
    const elsewhere = await Partnership.create({ name: 'Matrix Elsewhere Partnership', slug: 'matrix-elsewhere' })
    await testContext().sequelize.models.organisation_partnerships.create({ organisationId: outsider.id, partnershipId: elsewhere.id })
    const returnOf = async (organisationId: number) =>
      (await CycleReturn.findOne({ where: { cycleId }, include: [{ model: AssessmentReturn, as: 'assessmentReturn', where: { organisationId } }] }))!.returnId
    policeReturnId = await returnOf(police.id)
    returnId = await returnOf((await Organisation.findOne({ where: { name: 'St Mark’s Parish Church' } }))!.id)
    const policeLead = (await User.findOne({ where: { email: roleEmails.policeLead } }))!
    const loaded = await testContext().services.returns.load(policeReturnId)
    evidenceFileId = (await testContext().services.evidence.upload(policeLead.id, loaded, { name: 'policy.txt', content: Buffer.from('Safeguarding policy') }, ['S11-1.1'])).id
    scoredReturnId = await submittedPoliceReturn('Matrix scored', 2032, { questionAnswers: { 'S11-6.1-named-dsl': 'no' } })
    ruleSetId = (await testContext().services.ruleSets.published(framework.id))!.id
    jobId = (await testContext().services.scoringJobs.createOrResume(null, cycleId)).id
    const admin = (await User.findOne({ where: { email: roleEmails.admin } }))!
    challengeId = (await testContext().services.reviews.raiseChallenge(admin.id, await testContext().services.returns.load(scoredReturnId), 'S11-1', null, 'Matrix question')).id
    const scoredCycleId = (await CycleReturn.findOne({ where: { returnId: scoredReturnId } }))!.cycleId
    eventId = (await testContext().services.challengeEvents.schedule(admin.id, partnership.id, { title: 'Matrix panel', heldOn: '2026-01-15', cycleId: scoredCycleId, memberIds: [admin.id], organisationIds: [police.id], standardKeys: ['S11-1'], notes: '' })).id
    // A case audit round of its own: the auditor facilitates, the police lead audits for the police.
    const auditor = (await User.findOne({ where: { email: roleEmails.auditor } }))!
    const riverside = (await Area.findOne({ where: { partnershipId: partnership.id, name: 'Riverside' } }))!
    areaId = riverside.id
    const auditRound = await testContext().services.auditRounds.create(admin.id, partnership.id, {
      title: 'Matrix audit round', theme: 'Neglect', whyNow: 'Local learning', areaIds: [riverside.id], toolKey: 'multi-agency-case-audit',
      gradingOpensOn: '2026-01-05', gradingDueOn: '2026-01-30', workshopOn: '2026-02-10', delivery: 'in_house', commissionedFrom: '',
      facilitatorIds: [auditor.id], agencyIds: [police.id], auditors: [{ organisationId: police.id, userId: policeLead.id }],
    })
    auditRoundId = auditRound.id
    auditCaseId = (await testContext().services.auditCases.create(admin.id, (await AuditRound.findByPk(auditRoundId))!, {
      reference: 'Case A', ageBand: '1-4', sex: 'female', ethnicity: 'white-british', areaId: riverside.id, agencyIds: [police.id], whyChosen: 'Matrix case', confirmPersonalData: false,
    })).id
    // A dip sample already due, so its page exists.
    await AuditDipSample.create({ caseId: auditCaseId, dueOn: '2026-05-10', result: null, notes: null, recordedById: null, recordedAt: null })
    for (const module of matrixModules) moduleParams.set(module, await module.setUp())
    for (const role of allRoles) {
      const agent = role === 'signedOut' ? newAgent() : await signedInAgent(roleEmails[role])
      agents.set(role, agent)
      tokens.set(role, await csrfToken(agent, role === 'signedOut' ? '/sign-in' : '/dashboard'))
    }
  })

  const routes: RouteCase[] = [
    { method: 'get', path: '/dashboard', allowed: { admin: 200, qa: 200, auditor: 200, policeLead: 200, schoolLead: 200, schoolContributor: 200, youthClubLead: 200 } },
    { method: 'get', path: '/organisations', allowed: partnershipRoles },
    { method: 'get', path: '/organisations/new', allowed: { admin: 200 } },
    { method: 'post', path: '/organisations/new', allowed: { admin: 400 }, body: { name: '' } },
    { method: 'get', path: '/organisations/:police', allowed: { ...partnershipRoles, policeLead: 200 } },
    { method: 'get', path: '/organisations/:police/edit', allowed: { admin: 200 } },
    { method: 'get', path: '/organisations/:police/history', allowed: { admin: 200, qa: 200, policeLead: 200 } },
    { method: 'get', path: '/organisations/:police/history.csv', allowed: { admin: 200, qa: 200, policeLead: 200 } },
    { method: 'get', path: '/organisations/:police/history.xlsx', allowed: { admin: 200, qa: 200, policeLead: 200 } },
    { method: 'post', path: '/organisations/:police/edit', allowed: { admin: 400 }, body: { name: '' } },
    { method: 'post', path: '/organisations/:throwaway/reactivate', allowed: { admin: 302 } },
    { method: 'post', path: '/organisations/:throwaway/deactivate', allowed: { admin: 302 } },
    { method: 'get', path: '/users', allowed: { admin: 200 } },
    { method: 'get', path: '/users/invite', allowed: { admin: 200 } },
    { method: 'post', path: '/users/invite', allowed: { admin: 400 }, body: { name: '' } },
    { method: 'get', path: '/users/:contributor', allowed: { admin: 200 } },
    { method: 'post', path: '/users/:contributor/memberships', allowed: { admin: 400 }, body: { role: 'not-a-role' } },
    { method: 'post', path: '/users/:contributor/memberships/999999/remove', allowed: { admin: 404 } },
    { method: 'post', path: '/users/:invitee/invitation', allowed: { admin: 302 } },
    { method: 'post', path: '/users/:invitee/deactivate', allowed: { admin: 302 } },
    { method: 'post', path: '/users/:invitee/reactivate', allowed: { admin: 302 } },
    { method: 'get', path: '/activity', allowed: { admin: 200 } },
    { method: 'get', path: '/organisations/elsewhere', allowed: { admin: 200 } },
    { method: 'get', path: '/organisations/:outsider/join', allowed: { admin: 200 } },
    { method: 'post', path: '/organisations/:outsider/join', allowed: { admin: 400 } },
    { method: 'get', path: '/partnerships', allowed: signedIn(200) },
    { method: 'get', path: '/returns', allowed: { policeLead: 200, schoolLead: 200, schoolContributor: 200, youthClubLead: 200 } },
    { method: 'get', path: '/returns/:policeReturn', allowed: { admin: 200, qa: 200, policeLead: 200 } },
    { method: 'get', path: '/returns/:policeReturn/history', allowed: { admin: 200, qa: 200, policeLead: 200 } },
    { method: 'get', path: '/returns/:policeReturn/sections/S11-1', allowed: { policeLead: 200 } },
    { method: 'post', path: '/returns/:policeReturn/sections/S11-1', allowed: { policeLead: 400 }, body: { 'S11-1.1-score': '9', version: '0' } },
    { method: 'get', path: '/returns/:policeReturn/check', allowed: { policeLead: 200 } },
    { method: 'post', path: '/returns/:policeReturn/carry-forward', allowed: { policeLead: 302 } },
    { method: 'get', path: '/returns/:policeReturn/summary.pdf', allowed: { admin: 200, qa: 200, policeLead: 200 } },
    { method: 'post', path: '/returns/:policeReturn/submit', allowed: { policeLead: 400 } },
    { method: 'get', path: '/returns/:policeReturn/evidence', allowed: { admin: 200, qa: 200, policeLead: 200 } },
    { method: 'get', path: '/returns/:policeReturn/evidence/new', allowed: { policeLead: 200 } },
    { method: 'post', path: '/returns/:policeReturn/evidence', allowed: { policeLead: 400 } },
    { method: 'get', path: '/returns/:policeReturn/evidence/:evidence', allowed: { admin: 200, qa: 200, policeLead: 200 } },
    { method: 'get', path: '/returns/:policeReturn/evidence/:evidence/remove', allowed: { policeLead: 200 } },
    { method: 'post', path: '/returns/:policeReturn/evidence/:evidence/remove', allowed: { policeLead: 302 } },
    { method: 'get', path: '/returns/:policeReturn/submitted', allowed: { admin: 200, qa: 200, policeLead: 200 } },
    { method: 'get', path: '/returns/:scoredReturn/scores', allowed: { admin: 200, qa: 200, policeLead: 200 } },
    { method: 'get', path: '/returns/:scoredReturn/scores/standards/S11-1', allowed: { admin: 200, qa: 200, policeLead: 200 } },
    { method: 'get', path: '/returns/:scoredReturn/scores/flags/:flag', allowed: { admin: 200, qa: 200, policeLead: 200 } },
    { method: 'post', path: '/returns/:scoredReturn/scores/actions', allowed: { policeLead: 404 }, body: { actionKey: 'no-such-action' } },
    { method: 'get', path: '/returns/:scoredReturn/challenges', allowed: { admin: 200, qa: 200, policeLead: 200 } },
    { method: 'post', path: '/returns/:scoredReturn/challenges/:challenge/answer', allowed: { policeLead: 400 }, body: { answer: '' } },
    { method: 'get', path: '/reviews', allowed: reviewers(200) },
    { method: 'get', path: '/reviews/calibration', allowed: reviewers(200) },
    { method: 'get', path: '/comparison', allowed: reviewers(200) },
    { method: 'get', path: '/heatmap', allowed: reviewers(200) },
    { method: 'get', path: '/response-rates', allowed: reviewers(200) },
    { method: 'get', path: '/response-rates.csv', allowed: reviewers(200) },
    { method: 'get', path: '/response-rates.xlsx', allowed: reviewers(200) },
    { method: 'get', path: '/comparison.csv', allowed: reviewers(200) },
    { method: 'get', path: '/comparison.xlsx', allowed: reviewers(200) },
    { method: 'get', path: '/heatmap.csv', allowed: reviewers(200) },
    { method: 'get', path: '/heatmap.xlsx', allowed: reviewers(200) },
    { method: 'get', path: '/reviews/calibration.csv', allowed: reviewers(200) },
    { method: 'get', path: '/reviews/calibration.xlsx', allowed: reviewers(200) },
    { method: 'get', path: '/qa-report.pdf', allowed: reviewers(200) },
    { method: 'get', path: '/reviews.csv', allowed: reviewers(200) },
    { method: 'get', path: '/reviews.xlsx', allowed: reviewers(200) },
    { method: 'get', path: '/reviews/:scoredReturn', allowed: reviewers(200) },
    { method: 'get', path: '/reviews/:scoredReturn/standards/S11-1', allowed: reviewers(200) },
    { method: 'post', path: '/reviews/:scoredReturn/start', allowed: reviewers(400) },
    { method: 'post', path: '/reviews/:scoredReturn/standards/S11-1/criteria/:criterion/moderate', allowed: reviewers(400), body: { score: 'x' } },
    { method: 'post', path: '/reviews/:scoredReturn/standards/S11-1/challenges', allowed: reviewers(400), body: { question: '' } },
    { method: 'post', path: '/reviews/:scoredReturn/challenges/:challenge', allowed: reviewers(400), body: { decision: 'maybe' } },
    { method: 'post', path: '/reviews/:scoredReturn/accept', allowed: reviewers(400) },
    { method: 'post', path: '/reviews/:scoredReturn/return', allowed: reviewers(400), body: { reason: '' } },
    { method: 'get', path: '/challenge-events', allowed: reviewers(200) },
    { method: 'get', path: '/challenge-events.csv', allowed: reviewers(200) },
    { method: 'get', path: '/challenge-events.xlsx', allowed: reviewers(200) },
    { method: 'get', path: '/challenge-events/new', allowed: reviewers(200) },
    { method: 'post', path: '/challenge-events/new', allowed: reviewers(400), body: { title: '' } },
    { method: 'get', path: '/challenge-events/:event', allowed: reviewers(200) },
    { method: 'get', path: '/challenge-events/:event/edit', allowed: reviewers(200) },
    { method: 'post', path: '/challenge-events/:event/edit', allowed: reviewers(400), body: { title: '' } },
    { method: 'get', path: '/challenge-events/:event/organisations/:discussed/outcome', allowed: reviewers(200) },
    { method: 'post', path: '/challenge-events/:event/organisations/:discussed/outcome', allowed: reviewers(400), body: { summary: '' } },
    { method: 'get', path: '/audits', allowed: signedIn(200) },
    { method: 'get', path: '/audits/new', allowed: reviewers(200) },
    { method: 'post', path: '/audits/new', allowed: reviewers(400), body: { title: '' } },
    { method: 'get', path: '/audits/:auditRound', allowed: { admin: 200, qa: 200, auditor: 200, policeLead: 200 } },
    { method: 'get', path: '/audits/:auditRound/edit', allowed: reviewers(200) },
    { method: 'post', path: '/audits/:auditRound/edit', allowed: reviewers(400), body: { title: '' } },
    { method: 'get', path: '/audits/:auditRound/cases/new', allowed: { admin: 200, qa: 200, auditor: 200 } },
    { method: 'post', path: '/audits/:auditRound/cases/new', allowed: { admin: 400, qa: 400, auditor: 400 }, body: { reference: '' } },
    { method: 'get', path: '/audits/:auditRound/cases/:auditCase', allowed: { qa: 200, auditor: 200, policeLead: 200 } },
    { method: 'get', path: '/audits/:auditRound/cases/:auditCase/edit', allowed: { qa: 200, auditor: 200 } },
    { method: 'post', path: '/audits/:auditRound/cases/:auditCase/edit', allowed: { qa: 400, auditor: 400 }, body: { reference: '' } },
    { method: 'get', path: '/audits/:auditRound/grading', allowed: { qa: 200, auditor: 200, policeLead: 200 } },
    { method: 'get', path: '/audits/:auditRound/submissions', allowed: { qa: 200, auditor: 200 } },
    { method: 'get', path: '/audits/:auditRound/cases/:auditCase/grading/:discussed', allowed: { qa: 200, auditor: 200, policeLead: 200 } },
    { method: 'post', path: '/audits/:auditRound/cases/:auditCase/grading/:discussed', allowed: { policeLead: 400 }, body: { 'recognition-of-risk__grade': 'excellent', intent: 'draft', version: '0' } },
    { method: 'post', path: '/audits/:auditRound/cases/:auditCase/grading/:discussed/reopen', allowed: { auditor: 302 } },
    { method: 'get', path: '/audits/:auditRound/cases/:auditCase/workshop', allowed: { qa: 200, auditor: 200 } },
    { method: 'post', path: '/audits/:auditRound/cases/:auditCase/workshop', allowed: { auditor: 400 }, body: { overallGrade: 'good', version: '0' } },
    { method: 'get', path: '/audits/:auditRound/cases/:auditCase/dip-sample', allowed: { qa: 200, auditor: 200 } },
    { method: 'post', path: '/audits/:auditRound/cases/:auditCase/dip-sample', allowed: { auditor: 400 }, body: { result: '' } },
    { method: 'get', path: '/audits/:auditRound/close', allowed: { auditor: 200 } },
    { method: 'post', path: '/audits/:auditRound/close', allowed: { auditor: 400 }, body: { reason: '' } },
    { method: 'get', path: '/audits/:auditRound/report', allowed: { qa: 200, auditor: 200, policeLead: 200 } },
    { method: 'get', path: '/audits/:auditRound/report.pdf', allowed: { qa: 200, auditor: 200, policeLead: 200 } },
    { method: 'get', path: '/audits/:auditRound/report.xlsx', allowed: { qa: 200, auditor: 200, policeLead: 200 } },
    { method: 'get', path: '/audits/:auditRound/briefing.pdf', allowed: { qa: 200, auditor: 200, policeLead: 200 } },
    { method: 'get', path: '/audits/themes', allowed: reviewers(200) },
    { method: 'get', path: '/audits/themes.csv', allowed: reviewers(200) },
    { method: 'get', path: '/audits/themes.xlsx', allowed: reviewers(200) },
    { method: 'get', path: '/areas/:area/child-population', allowed: { admin: 200 } },
    { method: 'post', path: '/areas/:area/child-population', allowed: { admin: 400 }, body: { 'percent-white': '' } },
    { method: 'post', path: '/partnerships', allowed: signedIn(400), body: { partnershipId: '999999' } },
    { method: 'get', path: '/frameworks', allowed: reviewers(200) },
    { method: 'get', path: '/frameworks/upload', allowed: { admin: 200 } },
    { method: 'post', path: '/frameworks/upload', allowed: { admin: 400 } },
    { method: 'get', path: '/frameworks/:framework', allowed: reviewers(200) },
    { method: 'get', path: '/frameworks/:framework/compare', allowed: reviewers(200) },
    { method: 'get', path: '/frameworks/:framework/rules', allowed: reviewers(200) },
    { method: 'get', path: '/frameworks/:framework/rules/upload', allowed: { admin: 200 } },
    { method: 'post', path: '/frameworks/:framework/rules/upload', allowed: { admin: 400 } },
    { method: 'get', path: '/frameworks/:framework/rules/:ruleSet/download', allowed: reviewers(200) },
    { method: 'get', path: '/frameworks/:framework/rules/:ruleSet/preview', allowed: { admin: 200 } },
    { method: 'post', path: '/frameworks/:framework/rules/:ruleSet/publish', allowed: { admin: 302 } },
    { method: 'post', path: '/cycles/:cycle/rescore', allowed: { admin: 302 } },
    { method: 'get', path: '/scoring-jobs/:job', allowed: reviewers(200) },
    { method: 'get', path: '/scoring-jobs/:job/progress', allowed: reviewers(200) },
    { method: 'get', path: '/cycles', allowed: reviewers(200) },
    { method: 'get', path: '/cycles/new', allowed: { admin: 200 } },
    { method: 'post', path: '/cycles/new', allowed: { admin: 400 }, body: { name: '' } },
    { method: 'post', path: '/cycles/issue', allowed: { admin: 400 }, body: { name: '' } },
    { method: 'get', path: '/cycles/:cycle', allowed: reviewers(200) },
    { method: 'post', path: '/cycles/:cycle/reminders', allowed: { admin: 400 }, body: { scope: 'chosen' } },
    { method: 'get', path: '/cycles/:cycle/returns/:return/extend', allowed: { admin: 200 } },
    { method: 'post', path: '/cycles/:cycle/returns/:return/extend', allowed: { admin: 400 } },
    { method: 'get', path: '/cycles/:cycle/returns/:return/withdraw', allowed: { admin: 200 } },
    { method: 'post', path: '/cycles/:cycle/returns/:return/withdraw', allowed: { admin: 302 } },
    { method: 'get', path: '/health', allowed: everyone(200) },
    { method: 'get', path: '/', allowed: everyone(302) },
    { method: 'get', path: '/favicon.ico', allowed: everyone(301) },
    { method: 'get', path: '/sign-in', allowed: { ...everyone(302), signedOut: 200 } },
    { method: 'post', path: '/sign-in', allowed: everyone(400), body: { email: '' } },
    { method: 'get', path: '/invitations/:token', allowed: everyone(410) },
    { method: 'post', path: '/invitations/:token', allowed: everyone(410) },
    // Last, because it ends each role's session.
    { method: 'post', path: '/sign-out', allowed: everyone(302) },
  ]

  it('covers every route the app registers', () => {
    const inMatrix = routes.map(
      (route) =>
        `${route.method.toUpperCase()} ${route.path.replace(/:(police|throwaway|contributor|invitee|framework|cycle|outsider|policeReturn|scoredReturn|job|event)\b/, ':id').replace(':auditRound', ':roundId').replace(':auditCase', ':caseId').replace(':area/', ':areaId/').replace(':discussed', ':organisationId').replace(':return', ':returnId').replace(':ruleSet', ':ruleSetId').replace(':flag', ':index').replace(':challenge', ':challengeId').replace(':criterion', ':criterionKey').replace(':evidence', ':fileId').replace('S11-1', ':standardKey').replace('999999', ':membershipId')}`,
    )
    inMatrix.push(...matrixModules.flatMap((module) => module.routes.map((route) => `${route.method.toUpperCase()} ${route.path}`)))
    expect([...new Set(inMatrix)].sort()).to.deep.equal(registeredRoutes(testContext().app))
  })

  const moduleOf = new Map(matrixModules.flatMap((module) => module.routes.map((route) => [route, module] as const)))
  for (const route of [...routes.slice(0, -1), ...moduleOf.keys(), ...routes.slice(-1)]) {
    for (const role of allRoles) {
      const expected = route.allowed[role]
      it(`${route.method.toUpperCase()} ${route.path} as ${role}: ${expected ? `allowed (${expected})` : 'refused'}`, async () => {
        const agent = agents.get(role)!
        const params = moduleOf.has(route) ? moduleParams.get(moduleOf.get(route)!)! : undefined
        const path = params ? route.path.replace(/:(\w+)/g, (_, name: string) => params[name] ?? `:${name}`) : route.path
          .replace(':event', String(eventId))
          .replace(':auditRound', String(auditRoundId))
          .replace(':auditCase', String(auditCaseId))
          .replace(':area/', `${areaId}/`)
          .replace(':discussed', String(police.id))
          .replace(':policeReturn', String(policeReturnId))
          .replace(':scoredReturn', String(scoredReturnId))
          .replace(':ruleSet', String(ruleSetId))
          .replace(':job', String(jobId))
          .replace(':flag', '0')
          .replace(':challenge', String(challengeId))
          .replace(':criterion', 'S11-1.1')
          .replace(':evidence', String(evidenceFileId))
          .replace(':police', String(police.id))
          .replace(':throwaway', String(throwaway.id))
          .replace(':contributor', String(contributor.id))
          .replace(':invitee', String(invitee.id))
          .replace(':framework', String(framework.id))
          .replace(':cycle', String(cycleId))
          .replace(':return', String(returnId))
          .replace(':outsider', String(outsider.id))
        const response =
          route.method === 'get' ? await agent.get(path) : await agent.post(path).type('form').send({ ...route.body, _csrf: tokens.get(role)! })
        if (expected) {
          expect(response.status).to.equal(expected)
        } else if (role === 'signedOut') {
          expect(response.status).to.equal(302)
          expect(response.headers.location).to.equal('/sign-in')
        } else {
          expect(response.status).to.equal(403)
          expect(response.text).to.contain('You do not have access to this page')
        }
      })
    }
  }

  it('let the admin act: the throwaway organisation ends deactivated, the invitee reactivated with a new invitation', async () => {
    await throwaway.reload()
    await invitee.reload()
    expect(throwaway.active).to.equal(false)
    expect(invitee.active).to.equal(true)
    expect(testContext().mailer.lastTo(invitee.email)?.text).to.match(/\/invitations\/[\w-]{20,}/)
  })
})
