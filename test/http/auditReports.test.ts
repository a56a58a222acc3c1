import { expect } from 'chai'
import ExcelJS from 'exceljs'
import { checkAuditToolFiles } from '../../server/audits/auditToolFiles'
import { SEE_FULL_REPORT } from '../../server/audits/reports/briefingPdf'
import { AreaChildPopulation, Action, ActionSource, AuditCase, AuditCaseAgreement, AuditDipSample, AuditEvent, AuditGrading, AuditRound, AuditRoundMember, Organisation, Partnership, Theme, User } from '../../server/db/models'
import { DEMO_THEMES, seedDemoAudits } from '../../server/demo/demoAudits'
import { Agent, signedInAgent } from '../helpers/agents'
import { pdfPages } from '../helpers/pdfText'
import { testContext } from '../helpers/testContext'

const binary = (agent: Agent, path: string) =>
  agent.get(path).buffer(true).parse((response, callback) => {
    const chunks: Buffer[] = []
    response.on('data', (chunk: Buffer) => chunks.push(chunk))
    response.on('end', () => callback(null, Buffer.concat(chunks)))
  })

/** The lowest point any text of a PDF's pages is drawn at, in points from the foot of the page (below 0 is off the page). */
async function lowestText(pdf: Buffer): Promise<number> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs')
  const document = await pdfjs.getDocument({ data: new Uint8Array(pdf), useSystemFonts: false }).promise
  let lowest = Infinity
  for (let number = 1; number <= document.numPages; number++) {
    for (const item of (await (await document.getPage(number)).getTextContent()).items) if ('transform' in item && item.str.trim()) lowest = Math.min(lowest, item.transform[5])
  }
  await document.destroy()
  return lowest
}

const events = (action: string, roundId: number) => AuditEvent.count({ where: { action, entityType: 'audit_round', entityId: String(roundId) } })

describe('case audit reports: the round report, its PDF and XLSX, the 7-minute briefing and themes across rounds', () => {
  let partnershipId: number
  let completed: AuditRound
  let inProgress: AuditRound
  let facilitator: Agent
  let qa: Agent
  let admin: Agent
  let policeLead: Agent
  let schoolLead: Agent

  before(async () => {
    partnershipId = (await Partnership.findOne({ where: { slug: 'riverside' } }))!.id
    await seedDemoAudits(partnershipId, new Date())
    completed = (await AuditRound.findOne({ where: { title: 'Adolescent neglect: multi-agency case audit' }, order: [['id', 'DESC']] }))!
    inProgress = (await AuditRound.findOne({ where: { title: 'Child in need meetings and core groups' }, order: [['id', 'DESC']] }))!
    ;[facilitator, qa, admin, policeLead, schoolLead] = await Promise.all(['auditor@riverside.test', 'qa@riverside.test', 'admin@riverside.test', 'lead@police.riverside.test', 'lead@school.riverside.test'].map((email) => signedInAgent(email)))
  })

  describe('the demo rounds', () => {
    it('seed one completed round (agreed grades, themes, actions, dip samples: one due, some recorded) and one in progress with disagreements', async () => {
      expect(completed.status).to.equal('closed')
      expect(inProgress.status).to.equal('open')
      const completedCases = await AuditCase.findAll({ where: { roundId: completed.id } })
      expect(completedCases.map((c) => c.reference).sort()).to.deep.equal(['Case A', 'Case B', 'Case C', 'Case D', 'Case E'])
      const caseIds = completedCases.map((c) => c.id)
      expect(await AuditCaseAgreement.count({ where: { caseId: caseIds } })).to.equal(5)
      expect(await AuditGrading.count({ where: { caseId: caseIds, submittedAt: null } })).to.equal(0)
      const samples = await AuditDipSample.findAll({ where: { caseId: caseIds } })
      expect(samples.map((sample) => sample.result).sort()).to.deep.equal([null, 'improved', 'improved', 'not_improved'].sort())
      expect(samples.find((sample) => sample.result === null)!.dueOn <= new Date().toISOString().slice(0, 10)).to.equal(true)
      expect((await Theme.findAll({ where: { partnershipId } })).map((theme) => theme.name)).to.include.members([...DEMO_THEMES])

      const openCases = await AuditCase.findAll({ where: { roundId: inProgress.id } })
      expect(openCases).to.have.length(4)
      const gradings = await AuditGrading.findAll({ where: { caseId: openCases.map((c) => c.id) } })
      expect(gradings.filter((grading) => grading.submittedAt)).to.have.length(9)
      expect(gradings.filter((grading) => !grading.submittedAt)).to.have.length(2)
      expect(await AuditCaseAgreement.count({ where: { caseId: openCases.map((c) => c.id) } })).to.equal(0)
      const caseA = openCases.find((c) => c.reference === 'Case A')!
      const attendance = gradings.filter((grading) => grading.caseId === caseA.id).map((grading) => grading.domains['attendance-and-engagement'].grade)
      expect(new Set(attendance).size).to.equal(3)
      const members = await AuditRoundMember.findAll({ where: { roundId: inProgress.id } })
      expect(members.map((member) => member.role).sort()).to.deep.equal(['auditor', 'auditor', 'auditor', 'facilitator'])
      // The area's child population by ethnic group, for the sample check.
      const riverside = await AreaChildPopulation.findAll({ where: { areaId: openCases[0].areaId! } })
      expect(riverside.length).to.be.greaterThan(0)
      expect(riverside.reduce((sum, row) => sum + row.percent, 0)).to.equal(100)
    })

    it('show the in-progress round’s disagreements on the workshop screen, and who has not submitted', async () => {
      const caseA = (await AuditCase.findOne({ where: { roundId: inProgress.id, reference: 'Case A' } }))!
      const workshop = await facilitator.get(`/audits/${inProgress.id}/cases/${caseA.id}/workshop`)
      expect(workshop.status).to.equal(200)
      expect(workshop.text.match(/govuk-tag--orange">Agencies disagree/g)).to.have.length(3)
      const submissions = await facilitator.get(`/audits/${inProgress.id}/submissions`)
      expect(submissions.status).to.equal(200)
      expect(submissions.text).to.contain('Not started')
    })
  })

  describe('the round report on screen', () => {
    it('shows the grade distribution per domain and overall with the remainder, beside a chart, and the findings, actions, escalations and re-audit', async () => {
      const before = await events('audit_round.report_viewed', completed.id)
      const page = await facilitator.get(`/audits/${completed.id}/report`)
      expect(page.status).to.equal(200)
      expect(page.text).to.contain('Confidential: case audit')
      expect(page.text).to.match(/<svg class="app-chart" role="img" aria-label="Number of cases at each agreed grade, per domain and overall, of 5 cases in Adolescent neglect: multi-agency case audit"/)
      const overall = page.text.match(/<th scope="row" class="govuk-table__header">Overall<\/th>([^]*?)<\/tr>/)![1]
      expect([...overall.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((match) => match[1])).to.deep.equal(['0 (0%)', '1 (20%)', '3 (60%)', '1 (20%)', '0 (0%)'])
      expect(page.text).to.contain('Case D: Inadequate')
      expect(page.text).to.contain('Fathers and male carers in every assessment')
      expect(page.text).to.contain('The workshop was concerned about his current safety')
      expect(page.text).to.match(/67% of dip-sampled cases improved/)
      expect(page.text).to.match(/Neglect<\/th><td class="govuk-table__cell govuk-table__cell--numeric">3 of 5 \(60%\)/)
      expect(await events('audit_round.report_viewed', completed.id)).to.equal(before + 1)
    })

    it('counts every case of a round not yet agreed as the remainder', async () => {
      const page = await qa.get(`/audits/${inProgress.id}/report`)
      expect(page.status).to.equal(200)
      const overall = page.text.match(/<th scope="row" class="govuk-table__header">Overall<\/th>([^]*?)<\/tr>/)![1]
      expect([...overall.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((match) => match[1])).to.deep.equal(['0 (0%)', '0 (0%)', '0 (0%)', '4 (100%)'])
      expect(page.text).to.contain('The workshop has not agreed any case yet.')
    })

    it('is for the round’s members and the QA sub-group only: an admin who is not a member and other users are refused, and nothing is recorded for them', async () => {
      expect((await policeLead.get(`/audits/${completed.id}/report`)).status).to.equal(200)
      const before = await AuditEvent.count({ where: { entityType: 'audit_round', entityId: String(completed.id) } })
      for (const agent of [admin, schoolLead]) {
        for (const path of ['report', 'report.pdf', 'report.xlsx', 'briefing.pdf']) {
          const response = await agent.get(`/audits/${completed.id}/${path}`)
          expect(response.status, path).to.equal(403)
        }
      }
      expect(await AuditEvent.count({ where: { entityType: 'audit_round', entityId: String(completed.id) } })).to.equal(before)
      expect((await facilitator.get('/audits/999999/report')).status).to.equal(404)
    })
  })

  describe('the round report as PDF and XLSX', () => {
    it('draws the report as a PDF marked confidential on every page, with the same numbers as the page', async () => {
      const before = await events('audit_round.report_downloaded', completed.id)
      const response = await binary(facilitator, `/audits/${completed.id}/report.pdf`)
      expect(response.status).to.equal(200)
      expect(response.headers['content-type']).to.equal('application/pdf')
      expect(response.headers['content-disposition']).to.contain('case-audit-report-Adolescent-neglect-multi-agency-case-audit.pdf')
      const pages = await pdfPages(response.body as Buffer)
      expect(pages.length).to.be.greaterThan(1)
      for (const page of pages) expect(page).to.contain('Confidential: case audit')
      const text = pages.join(' ')
      expect(text).to.contain('Case audit report: Adolescent neglect: multi-agency case audit')
      expect(text).to.match(/Overall 0 \(0%\) 1 \(20%\) 3 \(60%\) 1 \(20%\) 0 \(0%\)/)
      expect(text).to.contain('Key findings per case')
      expect(text).to.contain('“Was not brought” in place of “did not attend”')
      expect(text).to.contain('67% of dip-sampled cases improved (2 of 3 recorded). 4 scheduled, 1 due now with no result yet.')
      const event = (await AuditEvent.findOne({ where: { action: 'audit_round.report_downloaded', entityId: String(completed.id) }, order: [['id', 'DESC']] }))!
      expect(event.after).to.deep.equal({ format: 'pdf' })
      expect(await events('audit_round.report_downloaded', completed.id)).to.equal(before + 1)
    })

    it('exports the report as XLSX, a sheet each for the summary, grades, themes, findings, actions, escalations and re-audit', async () => {
      const response = await binary(qa, `/audits/${completed.id}/report.xlsx`)
      expect(response.status).to.equal(200)
      const workbook = new ExcelJS.Workbook()
      await workbook.xlsx.load(response.body as unknown as ExcelJS.Buffer)
      expect(workbook.worksheets.map((sheet) => sheet.name)).to.deep.equal(['Summary', 'Grades', 'Themes', 'Findings', 'Actions', 'Escalations', 'Re-audit'])
      const grades = workbook.getWorksheet('Grades')!
      expect(grades.getRow(1).values).to.deep.include.members(['Domain', 'Good', 'Good %', 'Not yet agreed', 'Not yet agreed %', 'Cases'])
      const overall = grades.getRows(2, grades.rowCount - 1)!.find((row) => row.getCell(1).value === 'Overall')!
      expect((overall.values as unknown[]).slice(1)).to.deep.equal(['Overall', 0, 0, 1, 20, 3, 60, 1, 20, 0, 0, 5])
      const summary = workbook.getWorksheet('Summary')!
      expect(summary.getRows(1, summary.rowCount)!.find((row) => row.getCell(1).value === '% of dip-sampled cases improved')!.getCell(2).value).to.equal(67)
      expect(workbook.getWorksheet('Findings')!.rowCount).to.equal(6)
      const event = (await AuditEvent.findOne({ where: { action: 'audit_round.report_downloaded', entityId: String(completed.id) }, order: [['id', 'DESC']] }))!
      expect(event.after).to.deep.equal({ format: 'xlsx' })
    })
  })

  describe('the 7-minute briefing', () => {
    it('is one page of learning for frontline staff that names no case', async () => {
      const before = await events('audit_round.briefing_downloaded', completed.id)
      const response = await binary(policeLead, `/audits/${completed.id}/briefing.pdf`)
      expect(response.status).to.equal(200)
      expect(response.headers['content-disposition']).to.contain('7-minute-briefing-Adolescent-neglect.pdf')
      const pages = await pdfPages(response.body as Buffer)
      expect(pages).to.have.length(1)
      for (const heading of ['7-minute briefing: Adolescent neglect', 'The theme and why now', 'What we found', 'What worked well', 'What needs to improve', 'What you should do differently', 'Themes', 'Where to find out more']) expect(pages[0]).to.contain(heading)
      expect(pages[0]).to.contain('Overall: Good 1 (20%), Requires improvement 3 (60%), Inadequate 1 (20%).')
      expect(pages[0]).to.contain('Neglect (3 of 5 cases)')
      expect(pages[0]).not.to.match(/Case [A-E]\b/)
      expect(await events('audit_round.briefing_downloaded', completed.id)).to.equal(before + 1)
    })

    it('stays on one page however long the text, cutting it short with a pointer to the full report', async () => {
      const long = (words: number, seed: string) => Array.from({ length: words }, (_, index) => `${seed}${index}`).join(' ')
      const tool = checkAuditToolFiles().tools.find((candidate) => candidate.tool.key === 'multi-agency-case-audit')!.tool
      const facilitatorUser = (await User.findOne({ where: { email: 'auditor@riverside.test' } }))!
      const round = await AuditRound.create({
        partnershipId, title: 'Long briefing round', theme: 'A theme with a rather long name that goes on', whyNow: long(400, 'why'), toolKey: tool.key, toolDefinition: tool,
        gradingOpensOn: '2026-01-01', gradingDueOn: '2026-01-20', workshopOn: '2026-02-01', delivery: 'in_house', commissionedFrom: null, closedAt: null, closedById: null, closedReason: null, createdById: null,
      })
      await AuditRoundMember.create({ roundId: round.id, userId: facilitatorUser.id, role: 'facilitator', organisationId: null })
      const police = (await Organisation.findOne({ where: { name: 'Riverside and Millbrook Police' } }))!
      for (let index = 0; index < 12; index++) {
        const auditCase = await AuditCase.create({ roundId: round.id, reference: `Case ${index + 1}`, ageBand: '10-15', sex: 'female', ethnicity: 'white-british', areaId: null, whyChosen: 'Long', createdById: null })
        await AuditCaseAgreement.create({ caseId: auditCase.id, domainGrades: {}, overallGrade: 'good', strengths: long(120, `strength${index}x`), areasForImprovement: long(120, `area${index}x`), escalated: false, escalationNote: null, recordedById: null })
        await testContext().sequelize.models.audit_case_themes.create({ caseId: auditCase.id, themeId: (await Theme.findOrCreate({ where: { partnershipId, name: `Long theme number ${index} with many words in it` }, defaults: { partnershipId, name: `Long theme number ${index} with many words in it` } }))[0].id })
        {
          const action = await Action.create({ partnershipId: round.partnershipId, title: long(14, `act${index}x`), outcomeSought: long(60, 'outcome'), whyItMatters: null, deliverable: null, ownerOrganisationId: police.id, ownerName: 'Owner', areaId: null, startsOn: '2026-01-01', dueOn: '2026-06-01', status: 'draft', priority: 'medium', createdById: null })
          await ActionSource.create({ actionId: action.id, kind: 'audit_case', sourceId: auditCase.id })
        }
      }
      const briefing = (await binary(facilitator, `/audits/${round.id}/briefing.pdf`)).body as Buffer
      const pages = await pdfPages(briefing)
      expect(pages).to.have.length(1)
      // Nothing drawn past the foot of the page either: only the page number sits in the bottom margin.
      expect(await lowestText(briefing)).to.be.greaterThan(25)
      expect(pages[0]).to.contain('see the full report')
      expect(pages[0].split(SEE_FULL_REPORT.slice(2, 20)).length - 1).to.be.greaterThan(2)
      for (const heading of ['The theme and why now', 'What you should do differently', 'Where to find out more']) expect(pages[0]).to.contain(heading)
      // The full report has everything the briefing cut, over as many pages as it needs.
      const report = await pdfPages((await binary(facilitator, `/audits/${round.id}/report.pdf`)).body as Buffer)
      expect(report.length).to.be.greaterThan(3)
      expect(report.join(' ')).to.contain('strength11x119')
    })
  })

  describe('themes across rounds', () => {
    it('counts each theme’s cases and rounds per year for the QA sub-group and admins, with nothing from any case', async () => {
      const page = await qa.get('/audits/themes')
      expect(page.status).to.equal(200)
      const neglect = page.text.match(/<th scope="row" class="govuk-table__header">Neglect(?: <strong[^>]*>Recurring<\/strong>)?<\/th>([^]*?)<\/tr>/)![1]
      const [cases, rounds] = [...neglect.matchAll(/<td[^>]*>(\d+)<\/td>/g)].map((match) => Number(match[1]))
      expect(cases).to.be.at.least(3)
      expect(rounds).to.be.at.least(1)
      expect(page.text).not.to.contain('Case D')
      expect((await admin.get('/audits/themes')).status).to.equal(200)
      for (const refused of [facilitator, policeLead, schoolLead]) expect((await refused.get('/audits/themes')).status).to.equal(403)
    })

    it('marks a theme tagged in more than one round as recurring, and exports the same numbers as CSV and XLSX', async () => {
      // The in-progress round's first case tagged too, so "Voice of the child" recurs across two rounds.
      const caseA = (await AuditCase.findOne({ where: { roundId: inProgress.id, reference: 'Case A' } }))!
      const voice = (await Theme.findOne({ where: { partnershipId, name: 'Voice of the child' } }))!
      await testContext().sequelize.models.audit_case_themes.create({ caseId: caseA.id, themeId: voice.id })
      const page = await qa.get('/audits/themes')
      expect(page.text).to.match(/Voice of the child <strong class="govuk-tag govuk-tag--orange">Recurring<\/strong>/)
      const csv = (await qa.get('/audits/themes.csv')).text.replace(/^\uFEFF/, '').trim().split('\r\n')
      expect(csv[0]).to.match(/^Theme,Cases,Rounds,Recurring,Cases in \d{4}/)
      expect(csv.find((line) => line.startsWith('Voice of the child,'))).to.match(/^Voice of the child,\d+,[2-9],Yes,/)
      expect(csv.join('\n')).not.to.match(/Case [A-E]|strengths|interpreter/i)
      const workbook = new ExcelJS.Workbook()
      await workbook.xlsx.load((await binary(admin, '/audits/themes.xlsx')).body as unknown as ExcelJS.Buffer)
      expect(workbook.getWorksheet('Themes across rounds')!.getRow(1).getCell(1).value).to.equal('Theme')
      expect(await AuditEvent.count({ where: { action: 'audit_themes.downloaded', partnershipId } })).to.be.at.least(2)
    })
  })
})
