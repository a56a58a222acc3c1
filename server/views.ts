import ejs from 'ejs'
import type { Express } from 'express'
import path from 'node:path'
import type { FormErrors } from './forms/validation'
import { govukAttributes } from './govukAttributes'
import { govuk } from './govukPartials'
import { viewsDir } from './paths'

const layoutFile = path.join(viewsDir, 'layout.ejs')

/** The inline error for one field, in the shape GOV.UK partials take as `errorMessage`. */
export function errorFor(errors: FormErrors | undefined, field: string): { text: string } | undefined {
  const text = errors?.fields[field]
  return text ? { text } : undefined
}

/** Functions every template may call (the app puts them in app.locals; a test rendering a view alone passes them). */
export const viewHelpers = { errorFor, govukAttributes, govuk }

/**
 * A date's error in the summary links to its day box, as GOV.UK asks: the date's own id is the
 * group around the three boxes, which cannot take focus, so the link would go nowhere. Only pages
 * with errors pay for the check.
 */
export function linkDateErrorsToTheirDay(html: string, errors: FormErrors | undefined): string {
  let linked = html
  for (const { href } of errors?.list ?? []) {
    const field = href.slice(1)
    if (linked.includes(`id="${field}-day"`)) linked = linked.split(`href="${href}"`).join(`href="${href}-day"`)
  }
  return linked
}

/**
 * How every template is rendered. Includes are written from the views folder (`/returns/_criterion`),
 * resolved against `root`: a relative include makes EJS look for the file on disk at every render,
 * even with compiled templates cached, which cost a busy form page a tenth of its time.
 * EJS copies a template's locals into a new object with no prototype before running it, and an
 * include copies them again for the included template (which is why GOV.UK partials are called
 * through `govuk`, not included). unsafePrototypeLocals skips the first copy, which is safe because
 * what it receives already has no prototype: the includes' copies, and the page's locals made so here.
 */
export function ejsOptions(production: boolean) {
  return { cache: production, compileDebug: !production, root: viewsDir, views: [viewsDir], unsafePrototypeLocals: true }
}

/**
 * EJS has no layouts, so each page is rendered first and then placed in layout.ejs as `body`.
 * A view that must stand alone passes `layout: false`.
 */
export function setUpViews(app: Express, production: boolean): void {
  app.set('views', viewsDir)
  app.set('view engine', 'ejs')
  app.set('view cache', production)
  Object.assign(app.locals, viewHelpers)
  const ejsRenderOptions = ejsOptions(production)
  app.engine('ejs', (file, viewOptions, callback) => {
    const options = Object.assign(Object.create(null) as Record<string, unknown>, viewOptions)
    ejs
      .renderFile(file, options, ejsRenderOptions)
      .then((body) => (options.layout === false ? body : ejs.renderFile(layoutFile, Object.assign(Object.create(null) as Record<string, unknown>, options, { body }), ejsRenderOptions)))
      .then((html) => callback(null, linkDateErrorsToTheirDay(html, options.errors as FormErrors | undefined)), callback)
  })
}
