import nodemailer from 'nodemailer'
import type { SmtpConfig } from '../config'
import type { Logger } from '../logger'

export interface MailMessage {
  to: string
  subject: string
  text: string
}

export interface Mailer {
  send(message: MailMessage): Promise<void>
}

/** SMTP when configured; otherwise (development) the message is written to the log. */
export function createMailer(smtp: SmtpConfig | undefined, logger: Logger): Mailer {
  if (!smtp) {
    return {
      async send(message) {
        logger.info({ mail: message }, `Email to ${message.to} (SMTP not configured, so written to the log)`)
      },
    }
  }
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    auth: smtp.user ? { user: smtp.user, pass: smtp.password } : undefined,
  })
  return {
    async send(message) {
      await transport.sendMail({ from: smtp.from, ...message })
    },
  }
}
