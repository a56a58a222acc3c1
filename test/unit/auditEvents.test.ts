import { expect } from 'chai'
import { AuditEvent } from '../../server/db/models'

describe('audit events', () => {
  it('are append-only: updating or deleting one is refused', async () => {
    const event = await AuditEvent.create({ actorUserId: null, partnershipId: null, action: 'test.recorded', entityType: 'test', entityId: '1', before: null, after: { a: 1 } })
    expect((await AuditEvent.findByPk(event.id))!.after).to.deep.equal({ a: 1 })
    await expectRejection(() => event.update({ action: 'test.changed' }), 'append-only')
    await expectRejection(() => event.destroy(), 'append-only')
    await expectRejection(() => AuditEvent.destroy({ where: { id: event.id } }), 'append-only')
    expect((await AuditEvent.findByPk(event.id))!.action).to.equal('test.recorded')
  })

  it('are append-only in the database too: raw SQL cannot change or delete one', async () => {
    const event = await AuditEvent.create({ actorUserId: null, partnershipId: null, action: 'test.raw', entityType: 'test', entityId: '2', before: null, after: null })
    const sequelize = AuditEvent.sequelize!
    await expectRejection(() => sequelize.query(`UPDATE audit_events SET action = 'tampered' WHERE id = ${event.id}`), 'append-only')
    await expectRejection(() => sequelize.query(`DELETE FROM audit_events WHERE id = ${event.id}`), 'append-only')
    expect((await AuditEvent.findByPk(event.id))!.action).to.equal('test.raw')
  })
})

async function expectRejection(action: () => Promise<unknown>, message: string) {
  try {
    await action()
  } catch (error) {
    // Sequelize wraps SQLite's trigger error as a validation error; the database's words are in `original`.
    const failure = error as Error & { original?: Error }
    expect(`${failure.message} ${failure.original?.message ?? ''}`).to.contain(message)
    return
  }
  expect.fail('expected the action to be refused')
}
