import { expect } from 'chai'
import { formErrors } from '../../server/forms/validation'
import { linkDateErrorsToTheirDay } from '../../server/views'

describe('error summary links to dates', () => {
  const page = [
    '<a href="#reviewOn">Enter the review date</a><a href="#name">Enter a name</a>',
    '<div class="govuk-date-input" id="reviewOn"><input id="reviewOn-day"><input id="reviewOn-month"></div>',
    '<input id="name">',
  ].join('')

  it('sends a date’s message to its day box, and leaves other fields’ links alone', () => {
    const html = linkDateErrorsToTheirDay(page, formErrors([{ field: 'reviewOn', text: 'Enter the review date' }, { field: 'name', text: 'Enter a name' }]))
    expect(html).to.contain('<a href="#reviewOn-day">Enter the review date</a>').and.contain('<a href="#name">Enter a name</a>')
    expect(html).to.contain('id="reviewOn"')
  })

  it('changes nothing on a page without errors', () => {
    expect(linkDateErrorsToTheirDay(page, undefined)).to.equal(page)
  })
})
