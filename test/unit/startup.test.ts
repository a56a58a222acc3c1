import { expect } from 'chai'
import { spawnSync } from 'node:child_process'
import path from 'node:path'

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
