import ejs from 'ejs'
import type { Express } from 'express'
import path from 'node:path'
import type { FormErrors } from './forms/validation'
import { viewsDir } from './paths'

const layoutFile = path.join(viewsDir, 'layout.ejs')

/** The inline error for one field, in the shape GOV.UK partials take as `errorMessage`. */
export function errorFor(errors: FormErrors | undefined, field: string): { text: string } | undefined {
  const text = errors?.fields[field]
  return text ? { text } : undefined
}

/**
 * EJS has no layouts, so each page is rendered first and then placed in layout.ejs as `body`.
 * A view that must stand alone passes `layout: false`.
 */
export function setUpViews(app: Express, production: boolean): void {
  app.set('views', viewsDir)
  app.set('view engine', 'ejs')
  app.set('view cache', production)
  app.locals.errorFor = errorFor
  app.engine('ejs', (file, viewOptions, callback) => {
    const options = viewOptions as Record<string, unknown>
    const ejsOptions = { cache: production, root: viewsDir, views: [viewsDir] }
    ejs
      .renderFile(file, options, ejsOptions)
      .then((body) => (options.layout === false ? body : ejs.renderFile(layoutFile, { ...options, body }, ejsOptions)))
      .then((html) => callback(null, html), callback)
  })
}
