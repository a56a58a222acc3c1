import { Op, Transaction } from 'sequelize'
import { OutboxEmail } from '../db/models'
import type { Logger } from '../logger'
import type { MailMessage, Mailer } from './mailer'

const MAX_ATTEMPTS = 5

/** Queues emails in the caller's transaction: they exist exactly when the change they announce does. */
export async function queueEmails(messages: MailMessage[], transaction: Transaction): Promise<void> {
  if (messages.length === 0) return
  await OutboxEmail.bulkCreate(
    messages.map((message) => ({ toAddress: message.to, subject: message.subject, body: message.text, sentAt: null, lastError: null })),
    { transaction },
  )
}

/**
 * Sends queued emails. Each instance runs it on a timer; a row is claimed by setting its attempt
 * count conditionally, so two instances never send the same email.
 */
export class OutboxDispatcher {
  constructor(
    private readonly mailer: Mailer,
    private readonly logger: Logger,
  ) {}

  async flush(batchSize = 100): Promise<number> {
    const pending = await OutboxEmail.findAll({ where: { sentAt: null, attempts: { [Op.lt]: MAX_ATTEMPTS } }, order: [['id', 'ASC']], limit: batchSize })
    let sent = 0
    for (const email of pending) {
      const [claimed] = await OutboxEmail.update({ attempts: email.attempts + 1 }, { where: { id: email.id, attempts: email.attempts, sentAt: null } })
      if (claimed !== 1) continue
      try {
        await this.mailer.send({ to: email.toAddress, subject: email.subject, text: email.body })
        await OutboxEmail.update({ sentAt: new Date(), lastError: null }, { where: { id: email.id } })
        sent++
      } catch (error) {
        await OutboxEmail.update({ lastError: String((error as Error).message).slice(0, 500) }, { where: { id: email.id } })
        this.logger.warn({ emailId: email.id }, 'Email could not be sent; it will be retried')
      }
    }
    return sent
  }

  /** Sends in the background until stopped; returns the stop function. */
  start(intervalMs = 5000): () => void {
    let running = false
    const timer = setInterval(() => {
      if (running) return
      running = true
      this.flush()
        .catch((error: unknown) => this.logger.error({ err: error }, 'Outbox flush failed'))
        .finally(() => {
          running = false
        })
    }, intervalMs)
    timer.unref()
    return () => clearInterval(timer)
  }
}
