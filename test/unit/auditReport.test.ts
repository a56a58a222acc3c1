import { expect } from 'chai'
import PDFDocument from 'pdfkit'
import { SEE_FULL_REPORT, allocate, fitText, withoutReferences } from '../../server/audits/reports/briefingPdf'
import { FONTS } from '../../server/reports/pdf'
import { gradeColours } from '../../server/audits/reports/reportCharts'
import { ReportCase, ReportInput, distributionInWords, roundReport, wholePercentages } from '../../server/audits/reports/roundReport'
import { themesAcrossRounds, themesTable } from '../../server/audits/reports/themesAcrossRounds'

const tool: ReportInput['tool'] = {
  title: 'Test tool',
  gradeScale: [
    { key: 'outstanding', label: 'Outstanding', colour: 'green', reaudit: false },
    { key: 'good', label: 'Good', colour: 'green', reaudit: false },
    { key: 'ri', label: 'Requires improvement', colour: 'amber', reaudit: true },
    { key: 'inadequate', label: 'Inadequate', colour: 'red', reaudit: true },
  ],
  domains: [
    { key: 'risk', title: 'Recognition of risk', prompts: ['?'] },
    { key: 'voice', title: 'Voice of the child', prompts: ['?'] },
  ],
}

const agreed = (overall: string, grades: Record<string, string>, extra: Partial<NonNullable<ReportCase['agreement']>> = {}): ReportCase['agreement'] => ({
  domainGrades: grades,
  overallGrade: overall,
  strengths: 'Strong',
  areasForImprovement: 'Weak',
  escalated: false,
  escalationNote: null,
  ...extra,
})

const aCase = (reference: string, overrides: Partial<ReportCase> = {}): ReportCase => ({ reference, agreement: null, themes: [], actions: [], dipSample: null, ...overrides })

const input = (cases: ReportCase[], today = '2026-06-01'): ReportInput => ({
  round: { title: 'Round', theme: 'Neglect', whyNow: 'Because', workshopOn: '2026-01-10', status: 'open', partnershipName: 'P' },
  tool,
  cases,
  today,
})

describe('the case audit round report', () => {
  it('counts each domain’s and the overall agreed grades, with the cases not yet agreed as the remainder, each row adding up to 100%', () => {
    const report = roundReport(
      input([
        aCase('Case A', { agreement: agreed('good', { risk: 'good', voice: 'ri' }) }),
        aCase('Case B', { agreement: agreed('ri', { risk: 'ri', voice: 'ri' }) }),
        aCase('Case C', { agreement: agreed('inadequate', { risk: 'inadequate' }) }),
        aCase('Case D'),
        aCase('Case E', { agreement: agreed('ri', { risk: 'ri', voice: 'good' }) }),
        aCase('Case F'),
      ]),
    )
    expect(report.caseCount).to.equal(6)
    expect(report.agreedCount).to.equal(4)
    expect(report.distribution.map((row) => row.key)).to.deep.equal(['risk', 'voice', 'overall'])
    const [risk, voice, overall] = report.distribution
    expect(risk.grades.map((cell) => cell.count)).to.deep.equal([0, 1, 2, 1])
    expect(risk.notAgreed.count).to.equal(2)
    // Case C's workshop agreed no voice grade: it is part of the remainder for that domain.
    expect(voice.grades.map((cell) => cell.count)).to.deep.equal([0, 1, 2, 0])
    expect(voice.notAgreed.count).to.equal(3)
    expect(overall.grades.map((cell) => cell.count)).to.deep.equal([0, 1, 2, 1])
    // 1/6, 2/6, 1/6, 2/6 of the cases: 17 + 33 + 17 + 33 = 100, never 101.
    expect([...overall.grades, overall.notAgreed].map((cell) => cell.percent)).to.deep.equal([0, 17, 33, 17, 33])
    for (const row of report.distribution) expect([...row.grades, row.notAgreed].reduce((sum, cell) => sum + cell.percent, 0)).to.equal(100)
    expect(distributionInWords(report, overall)).to.equal('Good 1 (17%), Requires improvement 2 (33%), Inadequate 1 (17%), Not yet agreed 2 (33%)')
  })

  it('counts a grade that is not on the round’s scale as not agreed rather than losing the case', () => {
    const report = roundReport(input([aCase('Case A', { agreement: agreed('excellent', { risk: 'excellent' }) })]))
    expect(report.distribution[2].notAgreed).to.deep.equal({ count: 1, percent: 100 })
    expect(report.findings[0].overallGrade).to.equal('Not yet agreed')
  })

  it('reports a round with no cases as zeros, not as a division by zero', () => {
    const report = roundReport(input([]))
    expect(report.distribution[2]).to.deep.include({ notAgreed: { count: 0, percent: 0 } })
    expect(report.reaudit.percentImproved).to.equal(null)
    expect(report.themes).to.deep.equal([])
  })

  it('counts themes per case (a theme tagged twice on one case counts once), most frequent first', () => {
    const report = roundReport(
      input([
        aCase('Case A', { themes: ['Neglect', 'Voice of the child', 'Neglect'] }),
        aCase('Case B', { themes: ['Voice of the child'] }),
        aCase('Case C', { themes: ['Adultification', 'Voice of the child'] }),
        aCase('Case D'),
      ]),
    )
    expect(report.themes).to.deep.equal([
      { name: 'Voice of the child', count: 3, percent: 75 },
      { name: 'Adultification', count: 1, percent: 25 },
      { name: 'Neglect', count: 1, percent: 25 },
    ])
  })

  it('lists findings for agreed cases only, actions by due date with their owner, and escalations with their note', () => {
    const report = roundReport(
      input([
        aCase('Case A', {
          agreement: agreed('inadequate', {}, { strengths: ' Good GP follow-up ', escalated: true, escalationNote: 'Raised with the LADO' }),
          actions: [{ title: 'Later action', outcomeSought: 'Better', ownerName: 'Head of service', ownerOrganisation: 'Council', dueOn: '2026-09-01' }],
        }),
        aCase('Case B', { actions: [{ title: 'Sooner action', outcomeSought: 'Sooner', ownerName: 'Named nurse', ownerOrganisation: null, dueOn: '2026-07-01' }] }),
      ]),
    )
    expect(report.findings).to.deep.equal([{ reference: 'Case A', overallGrade: 'Inadequate', strengths: 'Good GP follow-up', areasForImprovement: 'Weak', escalated: true }])
    expect(report.actions.map((action) => [action.title, action.owner])).to.deep.equal([
      ['Sooner action', 'Named nurse'],
      ['Later action', 'Head of service, Council'],
    ])
    expect(report.escalations).to.deep.equal([{ reference: 'Case A', note: 'Raised with the LADO' }])
  })

  it('reports the percentage of dip-sampled cases improved out of those recorded, and which are due now', () => {
    const sample = (dueOn: string, result: 'improved' | 'not_improved' | null) => ({ dueOn, result })
    const report = roundReport(
      input(
        [
          aCase('Case A', { agreement: agreed('ri', {}), dipSample: sample('2026-04-01', 'improved') }),
          aCase('Case B', { agreement: agreed('ri', {}), dipSample: sample('2026-04-01', 'improved') }),
          aCase('Case C', { agreement: agreed('inadequate', {}), dipSample: sample('2026-04-01', 'not_improved') }),
          aCase('Case D', { agreement: agreed('ri', {}), dipSample: sample('2026-06-01', null) }),
          aCase('Case E', { agreement: agreed('ri', {}), dipSample: sample('2026-06-02', null) }),
          aCase('Case F', { agreement: agreed('good', {}) }),
        ],
        '2026-06-01',
      ),
    )
    expect(report.reaudit).to.deep.include({ scheduled: 5, dueNow: 1, recorded: 3, improved: 2, notImproved: 1, percentImproved: 67 })
    expect(report.reaudit.samples.map((row) => row.result)).to.deep.equal(['Improved', 'Improved', 'Not improved', 'Due: no result yet', 'Not yet due'])
  })
})

describe('whole percentages', () => {
  it('add up to exactly 100 by giving the leftover points to the largest remainders', () => {
    expect(wholePercentages([1, 1, 1])).to.deep.equal([34, 33, 33])
    expect(wholePercentages([2, 1, 0])).to.deep.equal([67, 33, 0])
    expect(wholePercentages([0, 0])).to.deep.equal([0, 0])
    expect(wholePercentages([5])).to.deep.equal([100])
  })
})

describe('the report chart’s colours', () => {
  it('gives two grades of the same colour different shades', () => {
    expect(gradeColours(roundReport(input([])).grades)).to.deep.equal(['#00703c', '#28a197', '#f47738', '#d4351c'])
  })
})

describe('the briefing’s page layout', () => {
  it('gives every section what it needs when all fits, and shares the rest among the long ones when it does not', () => {
    expect(allocate([10, 20, 30], 100)).to.deep.equal([10, 20, 30])
    expect(allocate([10, 200, 300], 100)).to.deep.equal([10, 45, 45])
    expect(allocate([10, 20, 300], 100).reduce((sum, height) => sum + height, 0)).to.equal(100)
  })
})

describe('the briefing names no case', () => {
  it('replaces each case’s reference, whole words only, whatever the case of the letters', () => {
    expect(withoutReferences('Case A: health did not attend. As in case a, and unlike Case AB or Case A1.', ['Case A', 'Case B'])).to.equal('one case: health did not attend. As in one case, and unlike Case AB or Case A1.')
    expect(withoutReferences('Child Q (see Child Q.2) was seen', ['Child Q', 'Child Q.2'])).to.equal('one case (see one case) was seen')
  })
})

describe('fitting the briefing’s text in its box', () => {
  const doc = new PDFDocument({ autoFirstPage: false })
  doc.registerFont('regular', FONTS.regular)

  it('keeps text that fits as it is', () => {
    expect(fitText(doc, 'Short text.', 200, 40)).to.equal('Short text.')
  })

  it('cuts long text at a word, says to see the full report, and the result fits', () => {
    const long = Array.from({ length: 300 }, (_, index) => `word${index}`).join(' ')
    const fitted = fitText(doc, long, 200, 40)
    expect(fitted.endsWith(SEE_FULL_REPORT)).to.equal(true)
    expect(long.startsWith(fitted.slice(0, -SEE_FULL_REPORT.length))).to.equal(true)
    expect(fitted.slice(0, -SEE_FULL_REPORT.length)).to.match(/word\d+$/)
    expect(doc.font('regular').fontSize(9).heightOfString(fitted, { width: 200 })).to.be.at.most(40)
    expect(fitted.length).to.be.greaterThan(60)
  })
})

describe('themes across rounds', () => {
  it('counts cases and rounds per theme and per year, the recurring first, unused themes last', () => {
    const themes = themesAcrossRounds(
      [
        { theme: 'Neglect', caseId: 1, roundId: 1, year: 2025 },
        { theme: 'Neglect', caseId: 2, roundId: 1, year: 2025 },
        { theme: 'Voice of the child', caseId: 1, roundId: 1, year: 2025 },
        { theme: 'Voice of the child', caseId: 7, roundId: 2, year: 2026 },
      ],
      ['Adultification', 'Neglect', 'Voice of the child'],
      2,
    )
    expect(themes.years).to.deep.equal([2025, 2026])
    expect(themes.rows).to.deep.equal([
      { name: 'Voice of the child', cases: 2, rounds: 2, byYear: [1, 1], recurring: true },
      { name: 'Neglect', cases: 2, rounds: 1, byYear: [2, 0], recurring: false },
      { name: 'Adultification', cases: 0, rounds: 0, byYear: [0, 0], recurring: false },
    ])
    expect(themesTable(themes).header).to.deep.equal(['Theme', 'Cases', 'Rounds', 'Recurring', 'Cases in 2025', 'Cases in 2026'])
    expect(themesTable(themes).rows[0]).to.deep.equal(['Voice of the child', 2, 2, 'Yes', 1, 1])
  })
})
