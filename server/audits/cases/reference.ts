import { readFileSync } from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import { projectRoot } from '../../paths'
import { parseValidatedYaml, Path } from '../../standards/parseYaml'

export const ethnicityGroupsFile = path.join(projectRoot, 'standards', 'reference', 'ethnicity-groups.yaml')

const key = z.string().trim().regex(/^[a-z0-9][a-z0-9-]*$/, { error: 'Keys use lower-case letters, digits and dashes only' }).max(60)
const label = z.string().trim().min(1, { error: 'Must not be empty' }).max(200)
const item = z.object({ key, label }).strict()

const ethnicityGroupsSchema = z
  .object({
    source: label,
    groups: z.array(item.extend({ categories: z.array(item).min(1, { error: 'A group needs at least one category' }) }).strict()).min(2, { error: 'List at least two groups' }),
    notKnown: item,
  })
  .strict()

export type EthnicityGroups = z.infer<typeof ethnicityGroupsSchema>

/** Every key (groups, categories and "not known") used once: a case stores a category's key, a population a group's. */
function ethnicityProblems(list: EthnicityGroups): { path: Path; message: string }[] {
  const seen = new Set<string>()
  const problems: { path: Path; message: string }[] = []
  const use = (value: string, at: Path) => {
    if (seen.has(value)) problems.push({ path: at, message: `Duplicate key "${value}"` })
    seen.add(value)
  }
  list.groups.forEach((group, index) => {
    use(group.key, ['groups', index, 'key'])
    group.categories.forEach((category, position) => use(category.key, ['groups', index, 'categories', position, 'key']))
  })
  use(list.notKnown.key, ['notKnown', 'key'])
  return problems
}

/** Validates an ethnicity list; throws naming the file, line and problem, so a bad edit stops the app at start-up. */
export function parseEthnicityGroups(source: string, file = 'standards/reference/ethnicity-groups.yaml'): EthnicityGroups {
  const result = parseValidatedYaml(source, ethnicityGroupsSchema, ethnicityProblems)
  if (!result.ok) throw new Error(result.problems.map((problem) => `${file}:${problem.line}: ${problem.message}`).join('\n'))
  return result.value
}

let loaded: EthnicityGroups | undefined

/** The shipped list, read and validated once. */
export function ethnicityGroups(): EthnicityGroups {
  loaded ??= parseEthnicityGroups(readFileSync(ethnicityGroupsFile, 'utf8'))
  return loaded
}

/** The high-level group of a case's category, or null for "not known" (or a key no longer listed). */
export function groupOfCategory(list: EthnicityGroups, categoryKey: string): string | null {
  return list.groups.find((group) => group.categories.some((category) => category.key === categoryKey))?.key ?? null
}

/** "Indian (Asian, Asian British or Asian Welsh)", or the key itself if the list no longer has it. */
export function ethnicityLabel(list: EthnicityGroups, categoryKey: string): string {
  if (categoryKey === list.notKnown.key) return list.notKnown.label
  for (const group of list.groups) {
    const category = group.categories.find((candidate) => candidate.key === categoryKey)
    if (category) return `${category.label} (${group.label})`
  }
  return categoryKey
}

/** A fixed list: the bands children's services report in, up to 24 for care leavers and young adults. */
export const AGE_BANDS = [
  { key: 'under-1', label: 'Under 1' },
  { key: '1-4', label: '1 to 4' },
  { key: '5-9', label: '5 to 9' },
  { key: '10-15', label: '10 to 15' },
  { key: '16-17', label: '16 to 17' },
  { key: '18-24', label: '18 to 24' },
] as const

export const SEXES = [
  { key: 'female', label: 'Female' },
  { key: 'male', label: 'Male' },
  { key: 'not-known', label: 'Not known or not stated' },
] as const

export const labelOf = (list: readonly { key: string; label: string }[], value: string) => list.find((entry) => entry.key === value)?.label ?? value

/** A case's demographics in words, as on every page that names the case: "5 to 9, Male, Indian (Asian, Asian British or Asian Welsh)". */
export function describeCase(entry: { ageBand: string; sex: string; ethnicity: string }): string {
  return `${labelOf(AGE_BANDS, entry.ageBand)}, ${labelOf(SEXES, entry.sex)}, ${ethnicityLabel(ethnicityGroups(), entry.ethnicity)}`
}
