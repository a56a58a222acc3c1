import { expect } from 'chai'
import { Action, AuditEvent } from '../../server/db/models'
import { REMINDER_EVENT, sendActionReminders, sendReminders } from '../../server/actions/plan/reminders'
import type { Services } from '../../server/services'
import { planFixture } from '../helpers/actionPlanFixture'
import { testContext } from '../helpers/testContext'

describe('action reminders (npm run reminders)', () => {
  let fixture: Awaited<ReturnType<typeof planFixture>>
  let dueSoon: Action
  let overdue: Action
  let later: Action
  let completed: Action
  const publicUrl = 'http://assure.test'
  /** The services with the clock fixed at 09:00 UTC on a given day. */
  const on = (iso: string): Services => ({ ...testContext().services, now: () => new Date(`${iso}T09:00:00Z`) })
  const due = async (action: Action, dueOn: string) => action.update({ dueOn })
  const mailTo = (email: string) => testContext().mailer.sent.filter((message) => message.to === email)

  before(async () => {
    fixture = await planFixture('Plan Remind')
    const { action, school } = fixture
    dueSoon = await due(await action({ title: 'Safer recruitment audit', status: 'on_track' }), '2031-06-21')
    overdue = await due(await action({ title: 'Neglect toolkit training', status: 'off_track' }), '2031-06-13')
    later = await due(await action({ title: 'Due next quarter', status: 'on_track' }), '2031-07-16')
    completed = await due(await action({ title: 'Already completed', status: 'completed' }), '2031-06-10')
    await due(await action({ title: 'School action with no lead', status: 'draft', owner: school }), '2031-06-30')
  })

  it('emails the owner organisation’s leads once, listing its actions due within 14 days or overdue, and records each reminder', async () => {
    const lines = await sendActionReminders(on('2031-06-16'), '2031-06-16', publicUrl)
    const leadEmail = fixture.trustLead.email
    expect(lines).to.include(`Emailed ${leadEmail} (Plan Remind Health Trust): 2 actions, 1 overdue`)
    expect(lines).to.include('No lead to email at Plan Remind Academy: 1 action not reminded')
    await testContext().services.outbox.flush(1000)
    const [email, ...more] = mailTo(leadEmail)
    expect(more).to.have.length(0)
    expect(email.subject).to.equal('2 actions for Plan Remind Health Trust (1 overdue)')
    expect(email.text).to.contain('Neglect toolkit training')
    expect(email.text).to.contain('13 June 2031 (3 days overdue)')
    expect(email.text).to.contain(`${publicUrl}/actions/${dueSoon.id}`)
    expect(email.text.indexOf('Neglect toolkit training')).to.be.lessThan(email.text.indexOf('Safer recruitment audit'))
    expect(email.text).not.to.contain('Due next quarter')
    expect(email.text).not.to.contain('Already completed')
    const events = await AuditEvent.findAll({ where: { action: REMINDER_EVENT, entityId: [dueSoon, overdue, later, completed].map((action) => String(action.id)) } })
    expect(events.map((event) => Number(event.entityId))).to.have.members([dueSoon.id, overdue.id])
    expect(events[0].after).to.include({ remindedOn: '2031-06-16' })
    expect(events[0].partnershipId).to.equal(fixture.partnership.id)
  })

  it('does not remind the same action twice on one day, and reminds again the next day', async () => {
    const again = await sendActionReminders(on('2031-06-16'), '2031-06-16', publicUrl)
    expect(again.filter((line) => line.includes(fixture.trustLead.email))).to.deep.equal([])
    const tomorrow = await sendActionReminders(on('2031-06-17'), '2031-06-17', publicUrl)
    expect(tomorrow).to.include(`Emailed ${fixture.trustLead.email} (Plan Remind Health Trust): 2 actions, 1 overdue`)
    await testContext().services.outbox.flush(1000)
  })

  it('runs the action and statement reminders with the services’ clock, sends the outbox and sums up', async () => {
    const before = mailTo(fixture.trustLead.email).length
    const { lines, summary } = await sendReminders(on('2031-06-18'), publicUrl)
    expect(lines).to.include(`Emailed ${fixture.trustLead.email} (Plan Remind Health Trust): 2 actions, 1 overdue`)
    expect(summary).to.match(/^Reminders for 2031-06-18: \d+ action reminder emails?, \d+ statement reminders?; \d+ emails? sent from the outbox\.$/)
    // Sent, not just queued: the outbox was dispatched as the app does it.
    expect(mailTo(fixture.trustLead.email).length).to.equal(before + 1)
    const second = await sendReminders(on('2031-06-18'), publicUrl)
    expect(second.lines.filter((line) => line.includes(fixture.trustLead.email))).to.deep.equal([])
    expect(second.summary).to.contain(' 0 action reminder emails')
  })

  it('reminds an action of a later date only once it is within 14 days', async () => {
    const lines = await sendActionReminders(on('2031-07-02'), '2031-07-02', publicUrl)
    expect(lines).to.include(`Emailed ${fixture.trustLead.email} (Plan Remind Health Trust): 3 actions, 2 overdue`)
  })
})
