import { expect } from 'chai'
import { parseEthnicityGroups, ethnicityGroups, groupOfCategory, ethnicityLabel } from '../../server/audits/cases/reference'
import { checkSample } from '../../server/audits/sampleCheck'

const groups = [
  { key: 'asian', label: 'Asian' },
  { key: 'black', label: 'Black' },
  { key: 'mixed', label: 'Mixed' },
  { key: 'white', label: 'White' },
  { key: 'other', label: 'Other' },
]
const riverside = { id: 1, name: 'Riverside', population: { asian: 20, black: 30, mixed: 10, white: 35, other: 5 } }
const millbrook = { id: 2, name: 'Millbrook', population: { asian: 10, black: 5, mixed: 5, white: 78, other: 2 } }
const cases = (areaId: number, ...groupKeys: (string | null)[]) => groupKeys.map((group) => ({ areaId, group }))
const row = (result: ReturnType<typeof checkSample>, key: string) => result.rows.find((entry) => entry.key === key)!

describe('sample check: the cases’ ethnicity against local children', () => {
  it('flags a group of at least 10% of local children with less than half that share of the sample, or absent', () => {
    const result = checkSample(groups, [riverside], cases(1, 'white', 'white', 'white', 'black', 'asian', 'mixed', 'white', 'white', 'white', 'asian'))
    expect(result.comparable).to.equal(true)
    expect(result.comparedCases).to.equal(10)
    // Black: 30% locally, 10% of the sample (under half). Asian: 20% both. Mixed: 10% both. Other: 5% locally, absent, but under 10%.
    expect(result.underRepresented.map((entry) => entry.key)).to.deep.equal(['black'])
    expect(row(result, 'black')).to.deep.include({ populationPercent: 30, sampleCount: 1, samplePercent: 10, underRepresented: true })
    expect(row(result, 'other')).to.deep.include({ sampleCount: 0, underRepresented: false })
    expect(row(result, 'white')).to.deep.include({ samplePercent: 60, underRepresented: false })

    const absent = checkSample(groups, [riverside], cases(1, 'white', 'black', 'black', 'asian'))
    expect(absent.underRepresented.map((entry) => entry.key)).to.deep.equal(['mixed'])
  })

  it('is not under-represented at exactly half the share', () => {
    // Black is 30% locally; 3 of 20 cases is 15%, exactly half.
    const sample = [...cases(1, 'black', 'black', 'black'), ...cases(1, ...Array(17).fill('white'))]
    expect(row(checkSample(groups, [riverside], sample), 'black').underRepresented).to.equal(false)
    expect(row(checkSample(groups, [riverside], sample.slice(1)), 'black').underRepresented).to.equal(true)
  })

  it('weights each area by the number of the sample’s cases from it, and equally before there are any', () => {
    const weighted = checkSample(groups, [riverside, millbrook], [...cases(1, 'white', 'white', 'white'), ...cases(2, 'white')])
    // 3/4 of Riverside's 30% plus 1/4 of Millbrook's 5%.
    expect(row(weighted, 'black').populationPercent).to.equal(23.8)
    expect(row(weighted, 'white').populationPercent).to.equal(45.8)
    const empty = checkSample(groups, [riverside, millbrook], [])
    expect(row(empty, 'black').populationPercent).to.equal(17.5)
    expect(empty.comparedCases).to.equal(0)
    expect(empty.underRepresented).to.deep.equal([])
  })

  it('says which areas have no figures and leaves their cases and cases of unknown ethnicity out', () => {
    const result = checkSample(groups, [riverside, { id: 2, name: 'Millbrook', population: null }], [...cases(1, 'white', null), ...cases(2, 'black', 'black')])
    expect(result.areasWithoutFigures).to.deep.equal([{ id: 2, name: 'Millbrook', cases: 2 }])
    expect(result.notKnownCases).to.equal(1)
    expect(result.comparedCases).to.equal(1)
    expect(row(result, 'black').sampleCount).to.equal(0)

    const none = checkSample(groups, [{ id: 2, name: 'Millbrook', population: null }], cases(2, 'white'))
    expect(none.comparable).to.equal(false)
    expect(none.rows).to.deep.equal([])
    expect(none.areasWithoutFigures).to.deep.equal([{ id: 2, name: 'Millbrook', cases: 1 }])
  })
})

describe('the ethnicity list file', () => {
  it('ships the 2021 Census groups: 5 groups, 19 categories, and not known', () => {
    const list = ethnicityGroups()
    expect(list.groups.map((group) => group.key)).to.deep.equal(['asian', 'black', 'mixed', 'white', 'other'])
    expect(list.groups.flatMap((group) => group.categories)).to.have.length(19)
    expect(groupOfCategory(list, 'black-caribbean')).to.equal('black')
    expect(groupOfCategory(list, 'not-known')).to.equal(null)
    expect(ethnicityLabel(list, 'asian-indian')).to.equal('Indian (Asian, Asian British or Asian Welsh)')
  })

  it('refuses a broken list, naming the line', () => {
    const duplicate = 'source: Test\ngroups:\n  - key: a\n    label: A\n    categories: [{ key: a, label: A one }]\n  - key: b\n    label: B\n    categories: [{ key: b1, label: B one }]\nnotKnown: { key: nk, label: Not known }\n'
    expect(() => parseEthnicityGroups(duplicate, 'list.yaml')).to.throw(/list\.yaml:5: .*Duplicate key "a"/)
    expect(() => parseEthnicityGroups('source: Test\ngroups: []\nnotKnown: { key: nk, label: Not known }\n', 'list.yaml')).to.throw(/list\.yaml:2: groups: List at least two groups/)
  })
})
