import { expect } from 'chai'
import { gradingField, readGrading } from '../../server/audits/grading/schema'
import { addMonths, dipSampleDueOn, needsDipSample } from '../../server/audits/workshop/dipSamples'
import { readAgreement } from '../../server/audits/workshop/schema'
import { shippedTool } from '../helpers/auditRoundFixture'

describe('case audit rules: gradings, workshop records and dip samples', () => {
  const tool = shippedTool()
  const cin = shippedTool('cin-core-groups')
  const context = { tool, themeIds: [1, 2], ownerOrganisationIds: [10], savedActions: new Map([[5, '2026-01-31']]), today: '2026-11-26' }

  it('dates a dip sample three calendar months after the workshop, on the month’s last day when the day is missing', () => {
    expect(dipSampleDueOn('2026-03-10')).to.equal('2026-06-10')
    expect(dipSampleDueOn('2026-11-30')).to.equal('2027-02-28')
    expect(dipSampleDueOn('2027-11-30')).to.equal('2028-02-29')
    expect(dipSampleDueOn('2026-10-15')).to.equal('2027-01-15')
    expect(addMonths('2026-05-31', -1)).to.equal('2026-04-30')
  })

  it('dip-samples the grades the tool marks for re-audit, whatever the scale', () => {
    expect(['outstanding', 'good', 'requires-improvement', 'inadequate', null].map((grade) => needsDipSample({ tool }, grade))).to.deep.equal([false, false, true, true, false])
    expect(['excellent', 'good', 'requires-improvement'].map((grade) => needsDipSample({ tool: cin }, grade))).to.deep.equal([false, false, true])
  })

  it('refuses a grade off the tool’s scale even in a draft, and asks for everything on submit', () => {
    const offScale = readGrading({ [gradingField('assessment', 'grade')]: 'excellent', intent: 'draft' }, tool)
    expect(offScale.ok).to.equal(false)
    if (!offScale.ok) expect(offScale.errors.fields[gradingField('assessment', 'grade')]).to.contain('from the tool’s scale')
    // Excellent is on the CIN tool's scale.
    expect(readGrading({ [gradingField('information-sharing', 'grade')]: 'excellent', intent: 'draft' }, cin).ok).to.equal(true)
    const submit = readGrading({ intent: 'submit' }, cin)
    expect(submit.ok).to.equal(false)
    if (!submit.ok) expect(submit.errors.list).to.have.length(cin.domains.length * 3 + 1)
  })

  it('refuses an agreed grade, per domain or overall, without a finding; findings without grades are fine', () => {
    for (const body of [{ overallGrade: 'good' }, { 'agreed__recognition-of-risk': 'inadequate' }]) {
      const result = readAgreement(body, context)
      expect(result.ok).to.equal(false)
      if (!result.ok) expect(result.errors.fields.strengths).to.equal('Enter the key findings behind the agreed grades: the strengths, the areas for improvement, or both')
    }
    expect(readAgreement({ overallGrade: 'good', areasForImprovement: 'Fathers not assessed' }, context).ok).to.equal(true)
    expect(readAgreement({ strengths: 'Good strategy meeting' }, context).ok).to.equal(true)
    const offScale = readAgreement({ overallGrade: 'excellent', strengths: 'x' }, context)
    expect(offScale.ok).to.equal(false)
  })

  it('takes action rows with an outcome, an owner agency and name, and a due date not in the past, unless the date was saved before', () => {
    const row = { 'action-0-title': 'Train staff', 'action-0-outcome': 'Children are seen alone', 'action-0-owner-organisation': '10', 'action-0-owner-name': 'Head of service' }
    const due = (iso: string) => ({ 'action-0-due-day': iso.slice(8), 'action-0-due-month': iso.slice(5, 7), 'action-0-due-year': iso.slice(0, 4) })
    const past = readAgreement({ ...row, ...due('2026-11-25') }, context)
    expect(past.ok).to.equal(false)
    if (!past.ok) expect(past.errors.fields['action-0-due']).to.equal('The due date for action 1 must be today or in the future')
    expect(readAgreement({ ...row, ...due('2026-11-26') }, context).ok).to.equal(true)
    const unreal = readAgreement({ ...row, ...due('2027-02-30') }, context)
    expect(unreal.ok).to.equal(false)
    // A saved action keeps its date even once it has passed; a date changed to the past is refused.
    expect(readAgreement({ ...row, 'action-0-id': '5', ...due('2026-01-31') }, context).ok).to.equal(true)
    expect(readAgreement({ ...row, 'action-0-id': '5', ...due('2026-01-30') }, context).ok).to.equal(false)
    const other = readAgreement({ ...row, 'action-0-owner-organisation': '11', ...due('2027-01-01') }, context)
    expect(other.ok).to.equal(false)
  })
})
