import { Op } from 'sequelize'
import { Action, AuditEvent, Organisation, Partnership } from '../../db/models'
import { actionStatusLabels, OPEN_STATUSES } from '../../db/models/action.model'
import { formatDate, todayInEngland } from '../../forms/dates'
import { queueEmails } from '../../mail/outbox'
import type { Services } from '../../services'
import { sendStatementReminders } from '../../statements/reminders'
import { dueText } from './exports'

/** Owners are reminded of an open action from this many days before it is due, and every day it is overdue. */
export const REMINDER_DAYS = 14
export const REMINDER_EVENT = 'action.reminder_sent'

const isoPlusDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)

type Reminded = Action & { ownerOrganisation: Organisation }

/**
 * Emails the leads of each organisation owning open actions due within REMINDER_DAYS or overdue:
 * one email per lead and partnership, listing the actions. An action reminded today is not
 * reminded again today (an audit event per action and day records it), so the command can be
 * run more than once a day. Returns one printable line per email queued, or per organisation
 * with no lead to email.
 */
export async function sendActionReminders(services: Services, today: string, publicUrl: string): Promise<string[]> {
  const actions = (await Action.findAll({
    attributes: ['id', 'partnershipId', 'title', 'dueOn', 'status', 'ownerOrganisationId', 'ownerName'],
    where: { status: [...OPEN_STATUSES], dueOn: { [Op.lte]: isoPlusDays(today, REMINDER_DAYS) }, ownerOrganisationId: { [Op.ne]: null } },
    include: [{ model: Organisation, as: 'ownerOrganisation', attributes: ['id', 'name'], required: true }],
    order: [['dueOn', 'ASC'], ['id', 'ASC']],
  })) as Reminded[]
  if (!actions.length) return []
  const remindedToday = new Set(
    (await AuditEvent.findAll({
      attributes: ['entityId'],
      // The day is in the event's own record, so a fixed clock (or a run just after midnight UTC) counts the right day.
      where: { action: REMINDER_EVENT, entityType: 'action', entityId: actions.map((action) => String(action.id)), after: { [Op.like]: `%"remindedOn":"${today}"%` } },
    })).map((event) => event.entityId),
  )
  const due = actions.filter((action) => !remindedToday.has(String(action.id)))
  const groups = new Map<string, Reminded[]>()
  for (const action of due) {
    const key = `${action.partnershipId}:${action.ownerOrganisationId}`
    groups.set(key, [...(groups.get(key) ?? []), action])
  }
  const partnerships = new Map((await Partnership.findAll({ attributes: ['id', 'name'], where: { id: [...new Set(due.map((action) => action.partnershipId))] } })).map((partnership) => [partnership.id, partnership.name]))
  const leads = await services.cycleIssue.leadsOf([...new Set(due.map((action) => action.ownerOrganisationId!))])
  const lines: string[] = []
  for (const group of groups.values()) {
    const { ownerOrganisation: organisation, partnershipId } = group[0]
    const recipients = leads.filter((lead) => lead.organisationId === organisation.id)
    if (!recipients.length) {
      lines.push(`No lead to email at ${organisation.name}: ${group.length} action${group.length === 1 ? '' : 's'} not reminded`)
      continue
    }
    const rows = group.map((action) => ({ action, daysOverdue: action.dueOn < today ? Math.round((Date.parse(today) - Date.parse(action.dueOn)) / 86_400_000) : 0 }))
    const overdue = rows.filter((row) => row.daysOverdue).length
    const subject = `${group.length} action${group.length === 1 ? '' : 's'} for ${organisation.name} ${overdue ? `(${overdue} overdue)` : `due by ${formatDate(isoPlusDays(today, REMINDER_DAYS))}`}`
    const list = rows.map(({ action, daysOverdue }) => `- ${action.title}\n  Owner: ${action.ownerName}. Due ${dueText({ dueOn: action.dueOn, daysOverdue })}. ${actionStatusLabels[action.status]}.\n  ${publicUrl}/actions/${action.id}`).join('\n\n')
    await services.sequelize.transaction(async (transaction) => {
      await queueEmails(
        recipients.map((lead) => ({
          to: lead.email,
          subject,
          text: `Dear ${lead.name},\n\nThese actions of ${partnerships.get(partnershipId) ?? 'the partnership'}'s action plan, owned by ${organisation.name}, are due within ${REMINDER_DAYS} days or overdue:\n\n${list}\n\nPlease add a progress update to each (what has changed, and the evidence), or agree a new date with the partnership's business unit.\n`,
        })),
        transaction,
      )
      for (const { action, daysOverdue } of rows) {
        await services.auditEvents.record(
          { actorUserId: null, partnershipId, action: REMINDER_EVENT, entityType: 'action', entityId: action.id, after: { remindedOn: today, dueOn: action.dueOn, daysOverdue, to: recipients.map((lead) => lead.email) } },
          transaction,
        )
      }
    })
    for (const lead of recipients) lines.push(`Emailed ${lead.email} (${organisation.name}): ${group.length} action${group.length === 1 ? '' : 's'}, ${overdue} overdue`)
  }
  return lines
}

/** What `npm run reminders` does: action and statement reminders queued, then the outbox sent as the app sends it. */
export async function sendReminders(services: Services, publicUrl: string): Promise<{ lines: string[]; summary: string }> {
  const today = todayInEngland(services.now())
  const actionLines = await sendActionReminders(services, today, publicUrl)
  const statementLines = await sendStatementReminders(services, today)
  let sent = 0
  for (let batch = await services.outbox.flush(); batch > 0; batch = await services.outbox.flush()) sent += batch
  const actionEmails = actionLines.filter((line) => line.startsWith('Emailed')).length
  return {
    lines: [...actionLines, ...statementLines],
    summary: `Reminders for ${today}: ${actionEmails} action reminder email${actionEmails === 1 ? '' : 's'}, ${statementLines.length} statement reminder${statementLines.length === 1 ? '' : 's'}; ${sent} email${sent === 1 ? '' : 's'} sent from the outbox.`,
  }
}
