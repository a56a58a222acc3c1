import { expect } from 'chai'
import { Partnership, Statement } from '../../server/db/models'
import { seedDemoStatements } from '../../server/demo/demoStatements'
import { todayInEngland } from '../../server/forms/dates'
import { latestReviewOn } from '../../server/statements/content'
import { reviewStatus } from '../../server/statements/reviewStatus'

describe('the demo partnership’s Child Safeguarding Statements', () => {
  it('mixes current, due, overdue, returned, submitted, draft and superseded statements, at most one published each', async () => {
    // A partnership of its own, removed afterwards: the other tests' statements stay as they were.
    const partnership = await Partnership.create({ name: 'Demo statements check', slug: `demo-statements-${Date.now()}` })
    try {
      await seedDemoStatements(partnership.id, new Date())
      const statements = await Statement.findAll({ where: { partnershipId: partnership.id } })
      const today = todayInEngland()
      const published = statements.filter((statement) => statement.status === 'approved')
      expect(new Set(statements.map((statement) => statement.organisationId)).size).to.be.at.least(25)
      expect(new Set(published.map((statement) => reviewStatus(statement.reviewOn!, today)))).to.deep.equal(new Set(['current', 'review_due', 'review_overdue']))
      for (const status of ['draft', 'submitted', 'returned', 'superseded']) expect(statements.some((statement) => statement.status === status), status).to.equal(true)
      expect(new Set(published.map((statement) => statement.organisationId)).size).to.equal(published.length)
      // Each signed statement keeps the rule the form enforces: reviewed at most two years after it takes effect.
      for (const statement of statements.filter((candidate) => candidate.effectiveOn)) expect(statement.reviewOn! <= latestReviewOn(statement.effectiveOn!), `version ${statement.version} of organisation ${statement.organisationId}`).to.equal(true)
    } finally {
      await Statement.destroy({ where: { partnershipId: partnership.id } })
      await partnership.destroy()
    }
  })
})
