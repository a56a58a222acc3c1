import { existsSync } from 'node:fs'
import path from 'node:path'

/** The project root, found from this file whether it runs from server/ (tsx) or dist/server/ (built). */
function findProjectRoot(start: string): string {
  let dir = start
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir)
    if (parent === dir) throw new Error(`No package.json above ${start}`)
    dir = parent
  }
  return dir
}

export const projectRoot = findProjectRoot(__dirname)
export const viewsDir = path.join(projectRoot, 'views')
export const publicDir = path.join(projectRoot, 'public')
export const govukFrontendDir = path.join(path.dirname(require.resolve('govuk-frontend/package.json')), 'dist/govuk')
/** Migrations run from source under tsx and from dist/ when built, so they sit beside this file's tree. */
export const migrationsGlob = path.join(__dirname, '..', 'migrations', '*.{ts,js}').replace(/\\/g, '/')
