import { AuditCase, AuditRound, Theme } from '../../db/models'
import type { ExportTable } from '../../reports/tableExport'

/** One tagged case: which theme, in which round, in which year (of the round's workshop). */
export interface ThemeUse {
  theme: string
  caseId: number
  roundId: number
  year: number
}

export interface ThemeRow {
  name: string
  cases: number
  rounds: number
  /** Cases per year, in the order of `years`. */
  byYear: number[]
  /** Tagged in more than one round: a pattern, not a one-off. */
  recurring: boolean
}

export interface ThemesAcrossRounds {
  years: number[]
  rows: ThemeRow[]
  roundCount: number
}

/** How often each theme recurs across rounds and years, the most recurrent first; themes on the list but never used come last with zeros. */
export function themesAcrossRounds(uses: ThemeUse[], themeNames: string[], roundCount: number): ThemesAcrossRounds {
  const years = [...new Set(uses.map((use) => use.year))].sort((a, b) => a - b)
  const names = [...new Set([...themeNames, ...uses.map((use) => use.theme)])]
  const rows = names.map((name) => {
    const mine = uses.filter((use) => use.theme === name)
    const rounds = new Set(mine.map((use) => use.roundId)).size
    return {
      name,
      cases: new Set(mine.map((use) => use.caseId)).size,
      rounds,
      byYear: years.map((year) => new Set(mine.filter((use) => use.year === year).map((use) => use.caseId)).size),
      recurring: rounds > 1,
    }
  })
  rows.sort((a, b) => b.rounds - a.rounds || b.cases - a.cases || a.name.localeCompare(b.name))
  return { years, rows, roundCount }
}

/** Every theme use in the partnership's rounds: counts only, so nothing about a case leaves the round. */
export async function loadThemesAcrossRounds(partnershipId: number): Promise<ThemesAcrossRounds> {
  const [themes, cases, roundCount] = await Promise.all([
    Theme.findAll({ where: { partnershipId }, attributes: ['name'] }),
    AuditCase.findAll({
      attributes: ['id', 'roundId'],
      include: [
        { model: AuditRound, as: 'round', attributes: ['workshopOn'], where: { partnershipId } },
        { model: Theme, as: 'themes', attributes: ['name'], through: { attributes: [] }, required: true },
      ],
    }) as Promise<(AuditCase & { round: AuditRound; themes: Theme[] })[]>,
    AuditRound.count({ where: { partnershipId } }),
  ])
  const uses = cases.flatMap((tagged) => tagged.themes.map((theme) => ({ theme: theme.name, caseId: tagged.id, roundId: tagged.roundId, year: Number(tagged.round.workshopOn.slice(0, 4)) })))
  return themesAcrossRounds(uses, themes.map((theme) => theme.name), roundCount)
}

export function themesTable(themes: ThemesAcrossRounds): ExportTable {
  return {
    name: 'Themes across rounds',
    header: ['Theme', 'Cases', 'Rounds', 'Recurring', ...themes.years.map((year) => `Cases in ${year}`)],
    rows: themes.rows.map((row) => [row.name, row.cases, row.rounds, row.recurring ? 'Yes' : 'No', ...row.byYear]),
  }
}
