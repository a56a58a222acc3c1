import type { InferAttributes } from 'sequelize'
import { FrameworkVersion } from '../db/models'

/** A framework version as the pages of a return use it: everything but its YAML source. */
export type FrameworkVersionRecord = Omit<InferAttributes<FrameworkVersion>, 'source'>

const records = new Map<number, { sourceHash: string; record: FrameworkVersionRecord }>()

/**
 * The framework version `id`, kept in memory once read: every page of a return needs its
 * definition (tens of kilobytes of JSON), and a version is never changed once made. It is kept
 * with its source's hash, which the caller reads with the return, so a different version under
 * the same id (a database rebuilt) is read again rather than mistaken for the one kept.
 */
export async function frameworkVersionRecord(id: number, sourceHash: string): Promise<FrameworkVersionRecord> {
  const kept = records.get(id)
  if (kept?.sourceHash === sourceHash) return kept.record
  const version = await FrameworkVersion.findByPk(id, { attributes: { exclude: ['source'] } })
  if (!version) throw new Error(`Framework version ${id} not found`)
  const record = Object.freeze(version.get({ plain: true })) as FrameworkVersionRecord
  records.set(id, { sourceHash: version.sourceHash, record })
  return record
}
