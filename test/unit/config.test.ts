import { expect } from 'chai'
import { ConfigError, loadConfig } from '../../server/config'

describe('config', () => {
  it('has safe development defaults: port 3000, SQLite under data/, demo seeding on', () => {
    const config = loadConfig({})
    expect(config.port).to.equal(3000)
    expect(config.databaseUrl).to.equal(undefined)
    expect(config.sqliteFile).to.match(/data\/assure\.sqlite$/)
    expect(config.seedDemo).to.equal(true)
    expect(config.smtp).to.equal(undefined)
  })

  it('refuses to start in production without SESSION_SECRET', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).to.throw(ConfigError, 'SESSION_SECRET must be set when NODE_ENV=production')
  })

  it('refuses to start in production without SMTP, rather than write invitation links to the log', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 's3cret' })).to.throw(ConfigError, 'SMTP_HOST must be set when NODE_ENV=production')
  })

  it('never seeds demo data in production', () => {
    expect(loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 's3cret', SMTP_HOST: 'smtp.test', SEED_DEMO: 'true' }).seedDemo).to.equal(false)
  })

  it('trusts only as many proxies as TRUST_PROXY says', () => {
    expect(loadConfig({}).trustProxy).to.equal(false)
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).to.equal(1)
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).to.throw(ConfigError, 'TRUST_PROXY must be false or the number of proxies')
  })

  it('reads PORT, DATABASE_URL and SMTP settings', () => {
    const config = loadConfig({ PORT: '8080', DATABASE_URL: 'postgres://db/assure', SMTP_HOST: 'smtp.example.test', SMTP_PORT: '2525', SMTP_FROM: 'Assure <a@b.test>' })
    expect(config.port).to.equal(8080)
    expect(config.databaseUrl).to.equal('postgres://db/assure')
    expect(config.smtp).to.include({ host: 'smtp.example.test', port: 2525, from: 'Assure <a@b.test>' })
  })

  it('rejects a PORT that is not a port number', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).to.throw(ConfigError, 'PORT must be a port number')
  })
})
