import { expect } from 'chai'
import { spawnSync } from 'node:child_process'
import { rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createSequelize } from '../../server/db/connection'
import { ACTION_STATUSES } from '../../server/db/models/action.model'
import { ACTION_SOURCE_KINDS } from '../../server/db/models/actionSource.model'

const root = path.join(__dirname, '../..')

describe('the demo action plan', () => {
  const sqliteFile = path.join(os.tmpdir(), `assure_demo_actions_${process.pid}.sqlite`)
  const sequelize = createSequelize({ sqliteFile })
  const rows = async (sql: string) => (await sequelize.query(sql, { type: 'SELECT' })) as Record<string, unknown>[]
  const count = async (sql: string) => Number(Object.values((await rows(sql))[0])[0])

  before(function () {
    this.timeout(90000)
    // The demo as `npm run demo:reset` seeds it, in its own database, so the shared test database is untouched.
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/demoReset.ts'], { cwd: root, env: { PATH: process.env.PATH, SQLITE_FILE: sqliteFile, LOG_LEVEL: 'silent' }, encoding: 'utf8', timeout: 80000 })
    expect(result.status, result.stderr).to.equal(0)
  })

  after(async () => {
    await sequelize.close()
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${sqliteFile}${suffix}`, { force: true })
  })

  it('has about sixty actions in every status, from every kind of source', async () => {
    expect(await count('SELECT COUNT(*) FROM actions')).to.be.at.least(55)
    expect((await rows('SELECT DISTINCT status FROM actions')).map((row) => row.status)).to.have.members([...ACTION_STATUSES])
    expect((await rows('SELECT DISTINCT kind FROM action_sources')).map((row) => row.kind)).to.have.members([...ACTION_SOURCE_KINDS])
    expect(await count('SELECT COUNT(*) FROM plan_reviews')).to.be.at.least(4)
    expect(await count('SELECT COUNT(*) FROM actions a WHERE NOT EXISTS (SELECT 1 FROM action_sources s WHERE s.action_id = a.id)')).to.equal(0)
  })

  it('has overdue, stale and escalated actions, some escalations answered by the executive', async () => {
    expect(await count("SELECT COUNT(*) FROM actions WHERE status IN ('draft', 'on_track', 'at_risk', 'off_track') AND due_on < date('now')")).to.be.at.least(3)
    expect(await count("SELECT COUNT(*) FROM actions WHERE status IN ('on_track', 'at_risk', 'off_track') AND last_update_at < datetime('now', '-60 days')")).to.be.at.least(2)
    expect(await count('SELECT COUNT(*) FROM action_escalations')).to.be.at.least(3)
    expect(await count('SELECT COUNT(*) FROM action_escalations WHERE response IS NOT NULL')).to.be.at.least(1)
  })

  it('tells each action’s story: updates with a handover, tagged evidence, completed ones signed off, closed ones with a reason', async () => {
    expect(await count('SELECT COUNT(*) FROM action_updates WHERE handover_note IS NOT NULL AND new_owner_name IS NOT NULL')).to.be.at.least(1)
    expect(await count("SELECT COUNT(*) FROM actions a WHERE status <> 'draft' AND NOT EXISTS (SELECT 1 FROM action_updates u WHERE u.action_id = a.id)")).to.equal(0)
    expect(await count("SELECT COUNT(*) FROM actions a WHERE status = 'completed' AND (signed_off_by_id IS NULL OR NOT EXISTS (SELECT 1 FROM action_evidence e WHERE e.action_id = a.id AND e.tag IN ('impact', 'evidence')))")).to.equal(0)
    expect(await count("SELECT COUNT(*) FROM actions WHERE status = 'closed' AND closed_reason IS NULL")).to.equal(0)
    expect(await count("SELECT COUNT(*) FROM actions WHERE status NOT IN ('draft') AND deliverable IS NULL")).to.equal(0)
    expect((await rows('SELECT DISTINCT tag FROM action_evidence')).length).to.be.at.least(4)
  })

  it('has measures with baselines, targets and quarterly readings over two years, and themes that recur across sources', async () => {
    expect(await count('SELECT COUNT(*) FROM action_measures')).to.be.at.least(10)
    const [span] = await rows('SELECT MIN(read_on) AS first, MAX(read_on) AS last FROM action_measure_readings')
    expect((Date.parse(String(span.last)) - Date.parse(String(span.first))) / 86_400_000).to.be.at.least(730)
    expect(await count('SELECT COUNT(*) FROM themes')).to.equal(6)
    expect(await count('SELECT COUNT(*) FROM (SELECT t.theme_id FROM action_themes t JOIN action_sources s ON s.action_id = t.action_id GROUP BY t.theme_id HAVING COUNT(DISTINCT s.kind) >= 3) recurring')).to.be.at.least(2)
  })
})
