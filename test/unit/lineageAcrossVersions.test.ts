import { expect } from 'chai'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { Framework } from '../../server/standards/frameworkSchema'
import { originsAcrossVersions } from '../../server/standards/lineage'
import { parseFramework } from '../../server/standards/parseFramework'

const shipped = (version: string) => readFileSync(path.join(__dirname, `../../standards/section-11.${version}.yaml`), 'utf8')

function parsed(source: string): Framework {
  const result = parseFramework(source)
  if (!result.ok) throw new Error(JSON.stringify(result.problems))
  return result.framework
}

describe('a criterion’s origins across several framework versions', () => {
  const v2024 = parsed(shipped('2024'))
  const v2025 = parsed(shipped('2025'))
  // 2026 follows 2025, renaming S11-4.3 (itself S11-5.5 in 2024) to S11-4.9.
  const v2026 = parsed(
    shipped('2025')
      .replace('version: "2025"', 'version: "2026"')
      .replace('previousVersion: "2024"', 'previousVersion: "2025"')
      .replace('- key: S11-4.3\n', '- key: S11-4.9\n')
      .replace(/\nlineage:[^]*$/, '\nlineage:\n  - change: renamed\n    from: S11-4.3\n    to: S11-4.9\n'),
  )
  const versions = new Map([v2024, v2025, v2026].map((framework) => [framework.version, framework]))

  it('follows each version’s lineage from a return two versions back', () => {
    const origins = originsAcrossVersions(v2024, v2026, versions)!
    expect(origins.get('S11-4.9')).to.deep.equal({ change: 'renamed', from: ['S11-5.5'] })
    expect(origins.get('S11-8.5')).to.deep.equal({ change: 'renamed', from: ['S11-8.2'] })
    expect(origins.get('S11-8.2')).to.deep.equal({ change: 'unchanged', from: ['S11-8.2'] })
    expect(origins.get('S11-9.1')).to.deep.equal({ change: 'merged', from: ['S11-9.1', 'S11-9.5'] })
    expect(origins.get('S11-1.5')).to.deep.equal({ change: 'new', from: [] })
    expect(origins.get('S11-1.1')).to.deep.equal({ change: 'unchanged', from: ['S11-1.1'] })
    expect([...origins.values()].some((origin) => (origin.from as string[]).includes('S11-2.5'))).to.equal(false)
  })

  it('gives one step as that version’s own lineage, and a version as itself', () => {
    expect(originsAcrossVersions(v2025, v2026, versions)!.get('S11-4.9')).to.deep.equal({ change: 'renamed', from: ['S11-4.3'] })
    expect(originsAcrossVersions(v2024, v2025, versions)!.get('S11-8.5')).to.deep.equal({ change: 'split', from: ['S11-8.2'] })
    expect(originsAcrossVersions(v2025, v2025, versions)!.get('S11-4.3')).to.deep.equal({ change: 'unchanged', from: ['S11-4.3'] })
  })

  it('gives nothing when a version between them is missing, or the later one does not lead back', () => {
    expect(originsAcrossVersions(v2024, v2026, new Map([['2026', v2026]]))).to.equal(undefined)
    expect(originsAcrossVersions(v2026, v2024, versions)).to.equal(undefined)
  })
})
