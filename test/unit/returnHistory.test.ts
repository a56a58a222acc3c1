import { expect } from 'chai'
import { describeSectionChanges } from '../../server/returns/history'

describe('describing a section save in a return’s history', () => {
  const answer = (score: number | null, narrative: string | null = null, extra: Record<string, unknown> = {}) => ({ score, notApplicable: false, narrative, questions: {}, ...extra })

  it('names each changed criterion and what changed in it, and nothing for a save that changed nothing', () => {
    const before = { standard: 'S11-1', '1.1': answer(1, 'Minutes'), '1.2': answer(2), attachments: { '1.1': { evidenceFiles: [4, 2], improvements: [] }, '1.2': { evidenceFiles: [], improvements: [] } } }
    const after = {
      standard: 'S11-1',
      status: 'in_progress',
      '1.1': answer(3, 'Minutes'),
      '1.2': answer(2, null, { questions: { q1: 'yes' } }),
      attachments: { '1.1': { evidenceFiles: [2, 4], improvements: [{ action: 'Train staff', owner: 'DSL', targetOn: '2027-01-01' }] }, '1.2': { evidenceFiles: [9], improvements: [] } },
    }
    expect(describeSectionChanges(before, after)).to.equal(': 1.1 score 1 to 3, areas for improvement; 1.2 extra questions, evidence files')
    expect(describeSectionChanges(before, { ...before, status: 'in_progress' })).to.equal('')
  })

  it('says when a criterion was first scored, marked not applicable, or had its text changed', () => {
    const before = { '1.1': answer(null), '1.2': answer(2, 'Old') }
    const after = { '1.1': answer(0), '1.2': { score: null, notApplicable: true, narrative: 'New', questions: {} }, '1.3': answer(null, 'First words') }
    expect(describeSectionChanges(before, after)).to.equal(': 1.1 score 0; 1.2 not applicable, evidence text; 1.3 evidence text')
  })

  it('says when the reason a criterion does not apply changed, or it applies again without a score yet', () => {
    const notApplicable = (reason: string) => ({ score: null, notApplicable: true, notApplicableReason: reason, narrative: null, questions: {} })
    expect(describeSectionChanges({ '1.1': notApplicable('No staff') }, { '1.1': notApplicable('No staff or volunteers') })).to.equal(': 1.1 why it does not apply')
    expect(describeSectionChanges({ '1.1': notApplicable('No staff') }, { '1.1': answer(null) })).to.equal(': 1.1 no longer not applicable')
  })

  it('treats a save without attachments as leaving them as they were', () => {
    const attachments = { '1.1': { evidenceFiles: [1], improvements: [] } }
    expect(describeSectionChanges({ '1.1': answer(1), attachments }, { '1.1': answer(1) })).to.equal('')
  })
})
