import { expect } from 'chai'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fieldName, NARRATIVE_MAX, readSection } from '../../server/returns/sectionForm'
import { parseFramework } from '../../server/standards/parseFramework'
import type { Framework } from '../../server/standards/frameworkSchema'

const parsed = parseFramework(readFileSync(path.join(__dirname, '../../standards/section-11.2025.yaml'), 'utf8'))
if (!parsed.ok) throw new Error('The shipped Section 11 framework does not parse')
const framework: Framework = parsed.framework
const standard = (key: string) => framework.standards.find((candidate) => candidate.key === key)!
const context = { today: '2026-11-26', evidenceFileIds: new Set([7]), savedTargets: new Map<number, string>() }

/** The problems a section form gives, by field, with every criterion scored 2 unless the body says otherwise. */
function problemsOf(standardKey: string, fields: Record<string, string>): Record<string, string> {
  const body: Record<string, string> = {}
  for (const criterion of standard(standardKey).criteria) body[fieldName.score(criterion.key)] = '2'
  const { errors } = readSection({ ...body, ...fields }, standard(standardKey), framework, context)
  return Object.fromEntries((errors?.list ?? []).map((problem) => [problem.href.slice(1), problem.text]))
}

describe('reading a return section’s form', () => {
  it('accepts a fully answered section', () => {
    expect(problemsOf('S11-7', { [fieldName.question('S11-7.1', 'S11-7.1-dbs-percent')]: '98' })).to.deep.equal({})
  })

  it('refuses a number question answered with something that is not a plain number, or out of its range', () => {
    const field = fieldName.question('S11-7.1', 'S11-7.1-dbs-percent')
    for (const odd of ['ten', '0x10', '1e2', '50%', ' 5 0 ']) expect(problemsOf('S11-7', { [field]: odd })[field], odd).to.match(/enter a number$/)
    expect(problemsOf('S11-7', { [field]: '150' })[field]).to.match(/enter a number from 0 to 100$/)
    expect(problemsOf('S11-7', { [field]: '-1' })[field]).to.match(/enter a number from 0 to 100$/)
    expect(problemsOf('S11-7', { [field]: '99.5' })).to.deep.equal({})
  })

  it('refuses a yes or no question answered otherwise, and a date question with no real date', () => {
    const yesNo = fieldName.question('S11-6.1', 'S11-6.1-named-dsl')
    expect(problemsOf('S11-6', { [yesNo]: 'maybe' })[yesNo]).to.match(/select yes or no$/)
    const date = fieldName.question('S11-1.2', 'S11-1.2-policy-reviewed')
    expect(problemsOf('S11-1', { [`${date}-day`]: '31', [`${date}-month`]: '2', [`${date}-year`]: '2026' })[date]).to.match(/enter a real date, like 31 3 2026$/)
  })

  it('refuses evidence longer than allowed, a text answer over its limit, and not applicable without a reason', () => {
    const narrative = fieldName.narrative('S11-1.1')
    expect(problemsOf('S11-1', { [narrative]: 'x'.repeat(NARRATIVE_MAX + 1) })[narrative]).to.equal(`The evidence for S11-1.1 must be ${NARRATIVE_MAX.toLocaleString('en-GB').replace(',', '')} characters or fewer`)
    const leadName = fieldName.question('S11-2.1', 'S11-2.1-lead-name')
    expect(problemsOf('S11-2', { [leadName]: 'x'.repeat(20000) })[leadName]).to.match(/characters or fewer$/)
    expect(problemsOf('S11-3', { [fieldName.score('S11-3.1')]: 'na' })[fieldName.reason('S11-3.1')]).to.equal('Say why S11-3.1 does not apply')
    expect(problemsOf('S11-1', { [fieldName.score('S11-1.1')]: 'na' })[fieldName.score('S11-1.1')]).to.equal('S11-1.1 cannot be answered “not applicable”')
    expect(problemsOf('S11-1', { [fieldName.score('S11-1.1')]: '9' })[fieldName.score('S11-1.1')]).to.equal('Select a score for S11-1.1 from the scale')
  })

  it('refuses an evidence file that is not one of the return’s', () => {
    const evidence = fieldName.evidence('S11-1.1')
    expect(problemsOf('S11-1', { [evidence]: '8' })[evidence]).to.equal('Select evidence files for S11-1.1 from this return’s files')
    expect(problemsOf('S11-1', { [evidence]: '7' })).to.deep.equal({})
  })
})
