import { Transaction } from 'sequelize'
import { Action, Organisation } from '../db/models'
import type { MailMessage } from '../mail/mailer'
import { membersWithRoles } from '../mail/recipients'

/**
 * Who hears that an action is now theirs: the new owner organisation's users named like the new
 * owner (the named owner is free text, so this is the best match there is), otherwise its leads.
 */
export async function newOwnerEmails(
  action: Action,
  handover: { ownerName: string; handoverNote: string; fromOwner: string; writtenBy: string },
  publicUrl: string,
  transaction: Transaction,
): Promise<MailMessage[]> {
  if (!action.ownerOrganisationId) return []
  const organisation = await Organisation.findByPk(action.ownerOrganisationId, { attributes: ['name'], transaction })
  const everyone = await membersWithRoles({ organisationId: action.ownerOrganisationId }, ['organisation_lead', 'organisation_contributor'], transaction)
  const named = everyone.filter((user) => user.name.trim().toLowerCase() === handover.ownerName.trim().toLowerCase())
  const leads = named.length ? named : await membersWithRoles({ organisationId: action.ownerOrganisationId }, ['organisation_lead'], transaction)
  return leads.map((user) => ({
    to: user.email,
    subject: `Action handed over to ${organisation?.name ?? 'your organisation'}: ${action.title}`,
    text: [
      `Hello ${user.name},`,
      `${handover.writtenBy} has handed the action “${action.title}” over to ${handover.ownerName} at ${organisation?.name ?? 'your organisation'}. It was owned by ${handover.fromOwner}.`,
      handover.handoverNote ? `Handover note:\n${handover.handoverNote}` : 'No handover note was needed: the action had no owner before.',
      `Outcome sought: ${action.outcomeSought}`,
      `See the action and write updates: ${publicUrl}/actions/${action.id}`,
    ].join('\n\n'),
  }))
}

/** An organisation asks for its action to be signed off as completed: the partnership's QA reviewers hear of it (its admins when it has none). */
export async function signOffRequestEmails(action: Action, request: { note: string; writtenBy: string }, publicUrl: string, transaction: Transaction): Promise<MailMessage[]> {
  const reviewers = await membersWithRoles({ partnershipId: action.partnershipId }, ['qa_reviewer'], transaction)
  const recipients = reviewers.length ? reviewers : await membersWithRoles({ partnershipId: action.partnershipId }, ['partnership_admin'], transaction)
  return recipients.map((user) => ({
    to: user.email,
    subject: `Sign-off requested: ${action.title}`,
    text: [
      `Hello ${user.name},`,
      `${request.writtenBy} asks for the action “${action.title}” to be signed off as completed.`,
      `Their update:\n${request.note}`,
      `Check the evidence and sign it off: ${publicUrl}/actions/${action.id}/update`,
    ].join('\n\n'),
  }))
}
