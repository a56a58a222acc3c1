import ejs from 'ejs'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { govukAttributes } from './govukAttributes'
import { viewsDir } from './paths'

const partialsDir = path.join(viewsDir, 'partials', 'govuk')
const compiled = new Map<string, ejs.TemplateFunction>()

/**
 * Renders the GOV.UK partial views/partials/govuk/<name>.ejs with `params`, the options of the
 * govuk-frontend macro it mirrors: `govuk('input', { id, name, label })` where Nunjucks has
 * `govukInput({ ... })`. Not an EJS include, which hands the partial a copy of every local of the
 * page (some forty) and resolves its path again on every call: a form page makes a hundred such
 * calls, and they were a tenth of its time. A partial sees only its params and these two helpers.
 * Each partial is compiled once and kept, as they change only with a release (a change to one shows
 * after a restart, in development too); without line numbers, which every statement would
 * otherwise keep up to date.
 */
export function govuk(name: string, params: object): string {
  let template = compiled.get(name)
  if (!template) {
    const filename = path.join(partialsDir, `${name}.ejs`)
    // Cached by EJS too, for the inner templates a partial includes (radios' and checkboxes' items).
    template = ejs.compile(readFileSync(filename, 'utf8'), { filename, root: viewsDir, views: [viewsDir], compileDebug: false, cache: true })
    compiled.set(name, template)
  }
  return template({ params, govukAttributes, govuk })
}
