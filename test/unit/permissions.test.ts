import { expect } from 'chai'
import type { CurrentUser, MembershipSummary } from '../../server/auth/currentUser'
import { can } from '../../server/auth/permissions'

function userWith(...memberships: Partial<MembershipSummary>[]): CurrentUser {
  return {
    id: 1,
    email: 'x@test',
    name: 'X',
    partnershipIds: [1],
    partnerships: [{ id: 1, name: 'P' }],
    memberships: memberships.map((membership, index) => ({
      id: index,
      role: 'organisation_contributor',
      partnershipId: null,
      partnershipName: null,
      organisationId: null,
      organisationName: null,
      ...membership,
    })),
  }
}

describe('can(user, action, resource)', () => {
  const admin = userWith({ role: 'partnership_admin', partnershipId: 1 })
  const lead = userWith({ role: 'organisation_lead', organisationId: 7 })

  it('refuses everything to a signed-out user', () => {
    expect(can(undefined, 'dashboard:view')).to.equal(false)
  })

  it('lets an admin manage organisations in their own partnership only', () => {
    expect(can(admin, 'organisations:manage', { partnershipId: 1 })).to.equal(true)
    expect(can(admin, 'organisations:manage', { partnershipId: 2 })).to.equal(false)
    expect(can(admin, 'organisations:manage', { organisationId: 7, partnershipIds: [2, 1] })).to.equal(true)
    expect(can(admin, 'organisations:manage', { organisationId: 7, partnershipIds: [2] })).to.equal(false)
  })

  it('lets an organisation’s own users view it, and nobody else’s', () => {
    expect(can(lead, 'organisation:view', { organisationId: 7, partnershipIds: [1] })).to.equal(true)
    expect(can(lead, 'organisation:view', { organisationId: 8, partnershipIds: [1] })).to.equal(false)
    expect(can(lead, 'organisations:list', { partnershipId: 1 })).to.equal(false)
    expect(can(lead, 'organisations:manage', { organisationId: 7, partnershipIds: [1] })).to.equal(false)
  })

  it('lets an organisation’s lead submit its return, but not a contributor', () => {
    const contributor = userWith({ role: 'organisation_contributor', organisationId: 7 })
    const resource = { organisationId: 7, partnershipIds: [1] }
    expect(can(lead, 'return:submit', resource)).to.equal(true)
    expect(can(contributor, 'return:edit', resource)).to.equal(true)
    expect(can(contributor, 'return:submit', resource)).to.equal(false)
  })

  it('gives a person with two roles the permissions of both', () => {
    const both = userWith({ role: 'qa_reviewer', partnershipId: 1 }, { role: 'organisation_lead', organisationId: 9 })
    expect(can(both, 'organisations:list', { partnershipId: 1 })).to.equal(true)
    expect(can(both, 'users:manage', { partnershipId: 1 })).to.equal(false)
  })
})
