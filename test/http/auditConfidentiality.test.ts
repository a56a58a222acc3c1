import { expect } from 'chai'
import { Partnership, User } from '../../server/db/models'
import { signedInAgent } from '../helpers/agents'
import { testContext } from '../helpers/testContext'

describe('case audit records on the partnership’s activity page', () => {
  it('names what changed in a case or grading but withholds the confidential values from admins who are not round members', async () => {
    const partnership = (await Partnership.findOne({ where: { slug: 'riverside' } }))!
    const auditor = (await User.findOne({ where: { email: 'auditor@riverside.test' } }))!
    const audit = testContext().services.auditEvents
    await audit.record({ actorUserId: auditor.id, partnershipId: partnership.id, action: 'audit_grading.saved', entityType: 'audit_grading', entityId: 999001, before: null, after: { strengths: 'Confidential-strengths-text about the child' } })
    await audit.record({ actorUserId: auditor.id, partnershipId: partnership.id, action: 'audit_case.agreement_saved', entityType: 'audit_case', entityId: 999002, before: { overallGrade: 'good' }, after: { overallGrade: 'inadequate', areasForImprovement: 'Confidential-areas-text' } })
    const page = await (await signedInAgent('admin@riverside.test')).get('/activity')
    expect(page.status).to.equal(200)
    expect(page.text).not.to.contain('Confidential-strengths-text')
    expect(page.text).not.to.contain('Confidential-areas-text')
    expect(page.text).not.to.contain('inadequate')
    expect(page.text).to.contain('strengths: — → withheld: confidential case audit')
    expect(page.text).to.contain('overallGrade: withheld: confidential case audit → withheld: confidential case audit')
  })
})
