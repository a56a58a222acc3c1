import { expect } from 'chai'
import { theirChanges } from '../../server/returns/conflictChanges'
import type { Criterion } from '../../server/standards/frameworkSchema'

describe('what the other person saved in a criterion, on a conflict', () => {
  const criterion = {
    key: '1.1',
    text: 'A named lead',
    allowNotApplicable: true,
    questions: [
      { key: 'reviewed', type: 'date', text: 'When was the policy last reviewed?' },
      { key: 'lead', type: 'yesNo', text: 'Is there a board lead?' },
    ],
  } as unknown as Criterion
  const files = new Map([['7', 'policy.pdf'], ['9', 'minutes.docx']])
  const saved = {
    '1.1-score': 'na',
    '1.1-na-reason': 'We have no board',
    '1.1-q-reviewed-day': '3',
    '1.1-q-reviewed-month': '2',
    '1.1-q-reviewed-year': '2026',
    '1.1-q-lead': 'yes',
    '1.1-narrative': 'Minutes',
    '1.1-evidence': ['9', '7'],
    '1.1-improvement-0-action': 'Appoint a lead',
    '1.1-improvement-0-owner': 'Chair',
    '1.1-improvement-0-target-day': '1',
    '1.1-improvement-0-target-month': '9',
    '1.1-improvement-0-target-year': '2027',
  }

  it('lists every field that differs, in words, with dates, file names and areas for improvement in full', () => {
    const typed = { '1.1-score': '2', '1.1-q-reviewed-day': '03', '1.1-q-reviewed-month': '02', '1.1-q-reviewed-year': '2026', '1.1-q-lead': 'no', '1.1-narrative': ' Minutes ', '1.1-evidence': '7' }
    expect(theirChanges(criterion, saved, typed, files)).to.deep.equal([
      { label: 'Self-score', theirs: 'not applicable' },
      { label: 'Why it does not apply', theirs: 'We have no board' },
      { label: 'Is there a board lead?', theirs: 'yes' },
      { label: 'Evidence files', theirs: 'policy.pdf, minutes.docx' },
      { label: 'Areas for improvement', theirs: '“Appoint a lead” (Chair, by 1 September 2027)' },
    ])
  })

  it('lists nothing when what was typed matches, a removed row aside', () => {
    const typed = { ...saved, '1.1-evidence': ['7', '9'], '1.1-improvement-1-action': 'Dropped', '1.1-improvement-1-owner': 'Me', '1.1-improvement-1-remove': 'yes' }
    expect(theirChanges(criterion, saved, typed, files)).to.deep.equal([])
  })

  it('shows an empty field they saved as none, and a date that is not real as typed', () => {
    const typed = { ...saved, '1.1-q-reviewed-day': '31', '1.1-q-reviewed-month': '2' }
    const theirs = { ...saved, '1.1-q-reviewed-day': '31', '1.1-q-reviewed-month': '2', '1.1-narrative': '' }
    expect(theirChanges(criterion, theirs, { ...typed, '1.1-q-reviewed-day': '30' }, files)).to.deep.equal([
      { label: 'When was the policy last reviewed?', theirs: '2026-02-31' },
      { label: 'Evidence', theirs: 'none' },
    ])
  })
})
