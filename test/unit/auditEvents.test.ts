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
})

async function expectRejection(action: () => Promise<unknown>, message: string) {
  try {
    await action()
  } catch (error) {
    expect((error as Error).message).to.contain(message)
    return
  }
  expect.fail('expected the action to be refused')
}
