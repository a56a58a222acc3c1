import { expect } from 'chai'
import { formValuesFrom } from '../../server/returns/formValues'
import { fieldName } from '../../server/returns/sectionForm'
import type { Criterion } from '../../server/standards/frameworkSchema'

describe('a saved section as the form’s values', () => {
  const criterion: Criterion = {
    key: 'L-1.1',
    text: 'Learning from reviews is acted on',
    evidencePrompts: [],
    essential: false,
    allowNotApplicable: false,
    questions: [
      { key: 'reviewed', type: 'date', text: 'When was it last reviewed?' },
      { key: 'notes', type: 'text', text: 'What changed?' },
    ],
  }
  const saved = (questionAnswers: Record<string, string>) => [{ criterionKey: 'L-1.1', score: 2, notApplicable: false, notApplicableReason: null, narrative: 'Minutes', questionAnswers }]

  it('puts a date question’s answer in its three boxes, and a text answer that looks like a date back as the text written', () => {
    const values = formValuesFrom([criterion], saved({ reviewed: '2026-03-09', notes: '2026-01-01' }), [])
    const reviewed = fieldName.question('L-1.1', 'reviewed')
    expect(values).to.include({ [`${reviewed}-day`]: '9', [`${reviewed}-month`]: '3', [`${reviewed}-year`]: '2026', [fieldName.question('L-1.1', 'notes')]: '2026-01-01' })
    expect(values).to.not.have.property(reviewed)
    expect(values).to.not.have.property(`${fieldName.question('L-1.1', 'notes')}-day`)
    expect(values).to.include({ [fieldName.score('L-1.1')]: '2', [fieldName.narrative('L-1.1')]: 'Minutes' })
  })

  it('leaves a date question’s answer that is not a date out of the boxes, rather than filling them with nonsense', () => {
    const reviewed = fieldName.question('L-1.1', 'reviewed')
    const values = formValuesFrom([criterion], saved({ reviewed: 'last spring' }), [])
    expect(values[reviewed]).to.equal('last spring')
    expect(values).to.not.have.property(`${reviewed}-year`)
  })
})
