import path from 'node:path'
import { projectRoot } from './paths'

export interface SmtpConfig {
  host: string
  port: number
  secure: boolean
  user?: string
  password?: string
  from: string
}

export interface Config {
  production: boolean
  port: number
  /** postgres://... when set; otherwise the SQLite file below is used. */
  databaseUrl?: string
  sqliteFile: string
  sessionSecret: string
  /** Base URL used in links sent by email (invitations). */
  publicUrl: string
  smtp?: SmtpConfig
  seedDemo: boolean
  logLevel: string
  bodyLimit: string
  /**
   * Express "trust proxy": false, or how many proxies (load balancers) stand in front, so client
   * addresses (used by sign-in lock-out) come from the right X-Forwarded-For entry.
   */
  trustProxy: false | number
}

type Env = Record<string, string | undefined>

export class ConfigError extends Error {}

function get(env: Env, name: string, fallback: string, options: { requireInProduction?: boolean } = {}): string {
  const value = env[name]
  if (value !== undefined && value !== '') return value
  if (options.requireInProduction && env.NODE_ENV === 'production') {
    throw new ConfigError(`${name} must be set when NODE_ENV=production`)
  }
  return fallback
}

function trustProxy(value: string): false | number {
  if (value === 'false' || value === '0') return false
  if (/^\d+$/.test(value)) return Number(value)
  throw new ConfigError(`TRUST_PROXY must be false or the number of proxies in front of Assure (usually 1), got "${value}"`)
}

export function loadConfig(env: Env = process.env): Config {
  const production = env.NODE_ENV === 'production'
  const port = Number(get(env, 'PORT', '3000'))
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`PORT must be a port number, got "${env.PORT}"`)
  const sessionSecret = get(env, 'SESSION_SECRET', 'assure-development-only-secret', { requireInProduction: true })
  // Without SMTP, email goes to the log: fine in development, a leak of invitation links in production.
  const smtpHost = get(env, 'SMTP_HOST', '', { requireInProduction: true })
  return {
    production,
    port,
    databaseUrl: env.DATABASE_URL || undefined,
    sqliteFile: get(env, 'SQLITE_FILE', path.join(projectRoot, 'data', 'assure.sqlite')),
    sessionSecret,
    publicUrl: get(env, 'PUBLIC_URL', `http://localhost:${port}`),
    smtp: smtpHost
      ? {
          host: smtpHost,
          port: Number(get(env, 'SMTP_PORT', '587')),
          secure: get(env, 'SMTP_SECURE', 'false') === 'true',
          user: env.SMTP_USER,
          password: env.SMTP_PASSWORD,
          from: get(env, 'SMTP_FROM', 'Assure <no-reply@assure.invalid>'),
        }
      : undefined,
    seedDemo: !production && get(env, 'SEED_DEMO', 'true') !== 'false',
    logLevel: get(env, 'LOG_LEVEL', 'info'),
    bodyLimit: get(env, 'BODY_LIMIT', '1mb'),
    trustProxy: trustProxy(get(env, 'TRUST_PROXY', 'false')),
  }
}
