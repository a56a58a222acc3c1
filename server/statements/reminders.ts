import { Op } from 'sequelize'
import { AuditEvent, Organisation, Statement } from '../db/models'
import { formatDate } from '../forms/dates'
import { queueEmails } from '../mail/outbox'
import type { Services } from '../services'
import { reviewDueCutoff, reviewStatus } from './reviewStatus'

const REMINDED = 'statement.review_reminder_sent'

/**
 * Emails each organisation whose published statement is due for review within 60 days or overdue,
 * and returns one printable line per email queued. A statement's leads are reminded at most once a
 * day, however often this runs: each reminder is recorded as an audit event with the day it was for.
 */
export async function sendStatementReminders(services: Services, today: string): Promise<string[]> {
  const due = await Statement.findAll({
    attributes: ['id', 'organisationId', 'partnershipId', 'version', 'reviewOn'],
    where: { status: 'approved', reviewOn: { [Op.lte]: reviewDueCutoff(today) } },
    include: [{ model: Organisation, as: 'organisation', attributes: ['name'], where: { active: true } }],
    order: [['reviewOn', 'ASC'], ['id', 'ASC']],
  })
  if (!due.length) return []
  const remindedToday = new Set(
    (await AuditEvent.findAll({ attributes: ['entityId', 'after'], where: { action: REMINDED, entityType: 'statement', entityId: due.map((statement) => String(statement.id)) } }))
      .filter((event) => (event.after as { on?: string } | null)?.on === today)
      .map((event) => Number(event.entityId)),
  )
  const lines: string[] = []
  for (const statement of due.filter((candidate) => !remindedToday.has(candidate.id))) {
    const organisationName = (statement as Statement & { organisation: Organisation }).organisation.name
    const overdue = reviewStatus(statement.reviewOn!, today) === 'review_overdue'
    await services.sequelize.transaction(async (transaction) => {
      const leads = await services.statements.leadsOf(statement.organisationId, transaction)
      await queueEmails(
        leads.map((lead) => ({
          to: lead.email,
          subject: overdue ? `Your Child Safeguarding Statement is overdue for review` : `Your Child Safeguarding Statement is due for review`,
          text: [
            `Hello ${lead.name},`,
            `${organisationName}’s Child Safeguarding Statement (version ${statement.version}) ${overdue ? 'was' : 'is'} due for review on ${formatDate(statement.reviewOn!)}.`,
            'Review it at least every two years: start a new version from your current statement, check each section, and submit it to the partnership.',
            `Your statements: ${services.statements.publicUrl}/statements`,
          ].join('\n\n'),
        })),
        transaction,
      )
      await services.auditEvents.record({ actorUserId: null, partnershipId: statement.partnershipId, action: REMINDED, entityType: 'statement', entityId: statement.id, before: null, after: { on: today, to: leads.length } }, transaction)
      for (const lead of leads) lines.push(`${lead.email}: ${organisationName} statement ${overdue ? 'overdue' : 'due'} for review (${statement.reviewOn})`)
      // Nobody to email: said, so whoever reads the scheduler's output knows; the partnership's statements page lists it.
      if (!leads.length) lines.push(`no lead to email: ${organisationName} statement ${overdue ? 'overdue' : 'due'} for review (${statement.reviewOn}), listed for the partnership only`)
    })
  }
  return lines
}
