import type { Express } from 'express'
import type { Sequelize } from 'sequelize'
import { createApp } from '../../server/app'
import { Config, loadConfig } from '../../server/config'
import { openDatabase } from '../../server/database'
import { seedDemo } from '../../server/demo/seed'
import { createLogger } from '../../server/logger'
import type { MailMessage, Mailer } from '../../server/mail/mailer'
import { Services, createServices } from '../../server/services'
import { TestDatabase, createTestDatabase } from './testDatabase'

/** Collects sent mail so tests can read invitation links. */
export class RecordingMailer implements Mailer {
  readonly sent: MailMessage[] = []
  async send(message: MailMessage): Promise<void> {
    this.sent.push(message)
  }
  lastTo(email: string): MailMessage | undefined {
    return [...this.sent].reverse().find((message) => message.to === email)
  }
}

export interface TestContext {
  database: TestDatabase
  sequelize: Sequelize
  config: Config
  mailer: RecordingMailer
  services: Services
  app: Express
  /** Builds another app on the same database, e.g. in production mode or with a service replaced. */
  buildApp(options?: { config?: Partial<Config>; services?: Partial<Services> }): Express
}

let context: TestContext | undefined

export function testContext(): TestContext {
  if (!context) throw new Error('The test database is not ready: is test/helpers/rootHooks.ts loaded?')
  return context
}

/** One database per test run, migrated and seeded with the demo partnership like a first start. */
export async function setUpTestContext(): Promise<TestContext> {
  const database = await createTestDatabase()
  const config: Config = {
    ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }),
    databaseUrl: database.databaseUrl,
    sqliteFile: database.sqliteFile,
    trustProxy: 1,
    publicUrl: 'http://assure.test',
  }
  const sequelize = await openDatabase(config)
  await seedDemo(sequelize)
  const mailer = new RecordingMailer()
  const services = createServices(sequelize, config, createLogger('silent'), { mailer })
  await services.frameworks.loadShippedFrameworks()
  await services.ruleSets.loadShippedRuleSets()
  const buildApp: TestContext['buildApp'] = (options = {}) =>
    createApp({ ...services, ...options.services }, { ...config, ...options.config })
  context = { database, sequelize, config, mailer, services, app: buildApp(), buildApp }
  return context
}

export async function tearDownTestContext(): Promise<void> {
  if (!context) return
  await context.sequelize.close()
  await context.database.drop()
  context = undefined
}
