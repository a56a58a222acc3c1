import type { Sequelize } from 'sequelize'
import { AuditEventService } from './auditEvents/service'
import type { Config } from './config'
import type { Logger } from './logger'
import { Mailer, createMailer } from './mail/mailer'
import { OrganisationService } from './organisations/service'
import { SignInService } from './signIn/service'
import { UserService } from './users/service'

export interface Services {
  sequelize: Sequelize
  logger: Logger
  mailer: Mailer
  auditEvents: AuditEventService
  signIn: SignInService
  organisations: OrganisationService
  users: UserService
}

/** Builds every service once; tests pass their own mailer (or clock) through `overrides`. */
export function createServices(
  sequelize: Sequelize,
  config: Config,
  logger: Logger,
  overrides: { mailer?: Mailer; now?: () => Date } = {},
): Services {
  const mailer = overrides.mailer ?? createMailer(config.smtp, logger)
  const auditEvents = new AuditEventService()
  return {
    sequelize,
    logger,
    mailer,
    auditEvents,
    signIn: new SignInService(overrides.now),
    organisations: new OrganisationService(sequelize, auditEvents),
    users: new UserService(sequelize, auditEvents, mailer, config.publicUrl, overrides.now),
  }
}
