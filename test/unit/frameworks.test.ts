import { expect } from 'chai'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { checkFrameworks, formatProblems } from '../../server/standards/checkFrameworks'
import { readFrameworkFiles } from '../../server/standards/frameworkFiles'
import { criterionOrigins } from '../../server/standards/lineage'
import { parseFramework } from '../../server/standards/parseFramework'

const fixtures = path.join(__dirname, '../fixtures/frameworks')
const tiny1 = readFileSync(path.join(fixtures, 'tiny.1.yaml'), 'utf8')
const tiny2 = readFileSync(path.join(fixtures, 'tiny.2.yaml'), 'utf8')
const sources = (...pairs: [string, string][]) => pairs.map(([file, source]) => ({ file, source }))

function problemsOf(source: string): string {
  const result = parseFramework(source)
  if (result.ok) throw new Error('expected problems')
  return result.problems.map((problem) => `${problem.line}: ${problem.message}`).join('\n')
}

describe('frameworks as YAML', () => {
  it('parses a valid framework with its defaults', () => {
    const result = parseFramework(tiny1)
    if (!result.ok) throw new Error(JSON.stringify(result.problems))
    const t21 = result.framework.standards[1].criteria[0]
    expect(t21.allowNotApplicable).to.equal(true)
    expect(t21.essential).to.equal(false)
    expect(t21.questions[0]).to.deep.equal({ key: 'T2.1-percent', type: 'number', text: 'Percentage of staff trained', unit: '%', min: 0, max: 100 })
  })

  it('reports malformed YAML with its line', () => {
    expect(problemsOf('key: x\ntitle: [unclosed\n')).to.match(/^\d+: /)
  })

  it('reports duplicate YAML keys with their line', () => {
    expect(problemsOf(tiny1.replace('title: A tiny framework for tests', 'title: A\ntitle: B'))).to.match(/^3: Map keys must be unique/)
  })

  it('reports unknown sectors and roles at their lines', () => {
    const source = tiny1.replace('appliesTo: { sizeTiers: [medium, large] }', 'appliesTo:\n          sectors: [spaceflight]\n          roles: [overlord]')
    const problems = problemsOf(source)
    expect(problems).to.match(/^27: standards\.0\.criteria\.1\.appliesTo\.sectors\.0: Unknown sector "spaceflight"/m)
    expect(problems).to.match(/^28: standards\.0\.criteria\.1\.appliesTo\.roles\.0: Role must be one of/m)
  })

  it('refuses a score scale without levels', () => {
    expect(problemsOf(tiny1.replace(/levels:\n(    - .*\n)+/, 'levels: []\n'))).to.contain('scoreScale.levels: A score scale needs at least two levels')
  })

  it('refuses duplicate criterion keys across standards', () => {
    expect(problemsOf(tiny1.replace('key: T2.2', 'key: T1.1'))).to.match(/^\d+: standards\.1\.criteria\.1\.key: Duplicate key "T1\.1" \(already used by criterion T1\.1\)/)
  })

  it('accepts lineage that accounts for every change and maps each criterion to its origins', () => {
    const { frameworks, problems } = checkFrameworks(sources(['standards/tiny.1.yaml', tiny1], ['standards/tiny.2.yaml', tiny2]))
    expect(formatProblems(problems)).to.equal('')
    const { origins, retired } = criterionOrigins(frameworks[0].framework, frameworks[1].framework)
    expect(Object.fromEntries(origins)).to.deep.equal({
      'T1.1': { change: 'unchanged', from: ['T1.1'] },
      'T1.3': { change: 'renamed', from: ['T1.2'] },
      'T2.1a': { change: 'split', from: ['T2.1'] },
      'T2.1b': { change: 'split', from: ['T2.1'] },
      'T2.3': { change: 'new', from: [] },
    })
    expect(retired).to.deep.equal(['T2.2'])
  })

  it('refuses lineage that points at unknown keys, or leaves a change undeclared', () => {
    const broken = tiny2.replace('{ change: renamed, from: T1.2, to: T1.3 }', '{ change: renamed, from: T9.9, to: T1.3 }').replace('  - { change: new, key: T2.3 }\n', '')
    const { problems } = checkFrameworks(sources(['standards/tiny.1.yaml', tiny1], ['standards/tiny.2.yaml', broken]))
    expect(formatProblems(problems)).to.equal(
      [
        'standards/tiny.2.yaml:29: Lineage points at "T9.9", which is not a criterion of version 1',
        'standards/tiny.2.yaml:29: Criterion "T1.2" of version 1 is missing: declare it renamed, split, merged or retired',
        'standards/tiny.2.yaml:29: Criterion "T2.3" is not in version 1: declare it new, or where it came from',
      ].join('\n'),
    )
  })

  it('refuses an unknown previous version, and two files for one version', () => {
    const { problems } = checkFrameworks(sources(['standards/tiny.2.yaml', tiny2], ['elsewhere/tiny.2.yaml', tiny2]))
    expect(formatProblems(problems)).to.equal(
      ['elsewhere/tiny.2.yaml:3: Version 2 of "tiny" is already defined in standards/tiny.2.yaml', 'standards/tiny.2.yaml:4: Unknown previous version "1" of framework "tiny"'].join('\n'),
    )
  })

  it('refuses a file whose name does not match its key and version', () => {
    const { problems } = checkFrameworks(sources(['standards/wrong.yaml', tiny1]))
    expect(formatProblems(problems)).to.equal('standards/wrong.yaml:1: The file for version 1 of "tiny" must be named tiny.1.yaml')
  })

  it('ships framework files that are all valid', () => {
    const { problems, frameworks } = checkFrameworks(readFrameworkFiles())
    expect(formatProblems(problems)).to.equal('')
    expect(frameworks.length).to.be.greaterThan(0)
  })
})
