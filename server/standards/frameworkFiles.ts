import { readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { projectRoot } from '../paths'
import type { FrameworkSource } from './checkFrameworks'

export const standardsDir = path.join(projectRoot, 'standards')

/** The framework versions shipped as files: standards/*.yaml (audit tools live in their own folder). */
export function readFrameworkFiles(dir = standardsDir): FrameworkSource[] {
  return readdirSync(dir)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => ({ file: path.relative(projectRoot, path.join(dir, name)), source: readFileSync(path.join(dir, name), 'utf8') }))
}
