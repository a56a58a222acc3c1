import { expect } from 'chai'
import { spawn, spawnSync } from 'node:child_process'
import { rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createSequelize } from '../../server/db/connection'

const root = path.join(__dirname, '../..')

/** Starts the real entry point and returns what it printed and how it ended. */
function start(env: Record<string, string>) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH, ...env },
    encoding: 'utf8',
    timeout: 30000,
  })
  return { status: result.status, stderr: result.stderr.trim() }
}

describe('starting the app with bad settings', () => {
  it('exits 1 with a one-line error naming DATABASE_URL when the database is unreachable', () => {
    const { status, stderr } = start({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/assure', PORT: '0' })
    expect(status).to.equal(1)
    expect(stderr.split('\n')).to.have.length(1)
    expect(stderr).to.contain('DATABASE_URL')
  })

  it('refuses to start in production without SESSION_SECRET', () => {
    const { status, stderr } = start({ NODE_ENV: 'production', PORT: '0' })
    expect(status).to.equal(1)
    expect(stderr).to.equal('SESSION_SECRET must be set when NODE_ENV=production')
  })
})

describe('a first start on an empty database', () => {
  it('migrates, seeds the demo partnership with three cycles of scored returns, the demo leads’ returns, two challenge events, two case audit rounds, an action plan and statements, and prints the sign-ins', async function () {
    this.timeout(60000)
    const sqliteFile = path.join(os.tmpdir(), `assure_first_start_${process.pid}.sqlite`)
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
      cwd: root,
      env: { PATH: process.env.PATH, PORT: '0', SQLITE_FILE: sqliteFile, LOG_LEVEL: 'silent' },
    })
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', () => output.includes('lead@youthclub.riverside.test') && resolve())
        child.on('exit', (code) => reject(new Error(`exited with ${code}: ${output}`)))
      })
      expect(output).to.contain('Demo sign-ins (password: assure-demo-2024)')
      const sequelize = createSequelize({ sqliteFile })
      const count = async (sql: string) => Number(Object.values((await sequelize.query(sql, { plain: true })) as Record<string, unknown>)[0])
      expect(await count('SELECT COUNT(*) FROM organisations')).to.equal(40)
      expect(await count('SELECT COUNT(*) FROM cycles')).to.equal(3)
      expect(await count('SELECT COUNT(*) FROM cycle_returns')).to.equal(120)
      expect(await count("SELECT COUNT(*) FROM returns WHERE status = 'accepted'")).to.be.greaterThan(40)
      expect(await count('SELECT COUNT(DISTINCT return_id) FROM return_ratings')).to.be.greaterThan(60)
      expect(await count('SELECT COUNT(*) FROM return_answers WHERE moderated_score IS NOT NULL')).to.be.greaterThan(10)
      const status = async (email: string) =>
        String(Object.values((await sequelize.query(`SELECT r.status FROM returns r JOIN memberships m ON m.organisation_id = r.organisation_id JOIN users u ON u.id = m.user_id WHERE u.email = '${email}' ORDER BY r.id DESC LIMIT 1`, { plain: true })) as Record<string, unknown>)[0])
      expect(await status('lead@youthclub.riverside.test')).to.equal('not_started')
      expect(await status('lead@school.riverside.test')).to.equal('in_progress')
      expect(await status('lead@police.riverside.test')).to.equal('submitted')
      expect(await count('SELECT COUNT(*) FROM return_answers WHERE carried_forward')).to.be.greaterThan(20)
      expect(await count('SELECT COUNT(*) FROM evidence_links')).to.be.greaterThan(5)
      expect(await count('SELECT COUNT(*) FROM improvement_areas')).to.be.greaterThan(5)
      expect(await count('SELECT COUNT(*) FROM framework_versions')).to.be.greaterThan(3)
      // One challenge event held on last year's cycle with its outcomes, and one to come on this year's.
      expect(await count('SELECT COUNT(*) FROM challenge_events')).to.equal(2)
      expect(await count('SELECT COUNT(*) FROM challenge_event_outcomes')).to.equal(3)
      expect(await count('SELECT COUNT(*) FROM challenge_event_challenges')).to.equal(1)
      // A completed case audit round (five cases agreed, four dip samples, one due with no result) and one in progress (four cases, none agreed, two draft gradings).
      expect(await count("SELECT COUNT(*) FROM audit_rounds WHERE status = 'closed'")).to.equal(1)
      expect(await count("SELECT COUNT(*) FROM audit_rounds WHERE status = 'open'")).to.equal(1)
      expect(await count('SELECT COUNT(*) FROM audit_cases')).to.equal(9)
      expect(await count('SELECT COUNT(*) FROM audit_case_agreements')).to.equal(5)
      expect(await count('SELECT COUNT(*) FROM audit_dip_samples')).to.equal(4)
      expect(await count('SELECT COUNT(*) FROM audit_dip_samples WHERE result IS NULL')).to.equal(1)
      expect(await count('SELECT COUNT(*) FROM audit_gradings WHERE submitted_at IS NULL')).to.equal(2)
      expect(await count("SELECT COUNT(*) FROM action_sources WHERE kind = 'audit_case'")).to.equal(6)
      expect(await count('SELECT COUNT(*) FROM themes')).to.equal(6)
      expect(await count('SELECT COUNT(*) FROM area_child_populations')).to.equal(10)
      // One action plan of about sixty actions from every source, in every status, some escalated, with measures read over two years.
      expect(await count('SELECT COUNT(*) FROM actions')).to.be.within(55, 70)
      expect(await count('SELECT COUNT(DISTINCT kind) FROM action_sources')).to.equal(6)
      expect(await count('SELECT COUNT(DISTINCT status) FROM actions')).to.equal(6)
      expect(await count('SELECT COUNT(*) FROM action_escalations')).to.be.greaterThan(3)
      expect(await count('SELECT COUNT(*) FROM plan_reviews')).to.be.greaterThan(2)
      // Statements: published (current, due and overdue for review), superseded, returned, submitted and drafts.
      expect(await count("SELECT COUNT(DISTINCT status) FROM statements")).to.equal(5)
      expect(await count("SELECT COUNT(*) FROM statements WHERE status = 'approved'")).to.be.greaterThan(10)
      await sequelize.close()
    } finally {
      child.kill()
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${sqliteFile}${suffix}`, { force: true })
    }
  })
})
