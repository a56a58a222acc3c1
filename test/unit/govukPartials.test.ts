import { expect } from 'chai'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { normaliseHtml } from '../helpers/normaliseHtml'
import { govuk } from '../../server/govukPartials'

/*
 * Every GOV.UK partial we use is rendered with govuk-frontend's own fixtures (the options and
 * HTML its Nunjucks macros are tested with) so our markup cannot drift from the design system.
 * Rendered as a page renders them, through `govuk(name, params)`.
 */
const components = [
  'button',
  'character-count',
  'checkboxes',
  'date-input',
  'error-message',
  'error-summary',
  'fieldset',
  'hint',
  'input',
  'label',
  'notification-banner',
  'pagination',
  'radios',
  'select',
  'summary-list',
  'table',
  'tag',
  'task-list',
  'textarea',
]

interface Fixture {
  name: string
  options: Record<string, unknown>
  html: string
}

const govukComponents = path.join(path.dirname(require.resolve('govuk-frontend/package.json')), 'dist/govuk/components')

function fixturesFor(component: string): Fixture[] {
  return JSON.parse(readFileSync(path.join(govukComponents, component, 'fixtures.json'), 'utf8')).fixtures
}

describe('GOV.UK partials match govuk-frontend fixtures', () => {
  for (const component of components) {
    describe(component, () => {
      for (const fixture of fixturesFor(component)) {
        it(fixture.name, async () => {
          expect(normaliseHtml(govuk(component, fixture.options))).to.equal(normaliseHtml(fixture.html))
        })
      }
    })
  }
})
