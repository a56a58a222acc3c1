import type { Calibration } from './calibration'
import type { Comparison, ComparisonRow } from './comparison'
import type { ResponseRateTrend } from './responseRates'

export interface SummaryInput {
  comparison: Comparison
  /** The same comparison for each sector's organisations alone, by sector label. */
  bySector: { sector: string; comparison: Comparison }[]
  responseRates?: ResponseRateTrend
  calibration?: Calibration
}

/** A sector's change is worth a sentence only with enough organisations both times and a large enough move. */
export const SECTOR_MINIMUM_ORGANISATIONS = 3
export const SECTOR_NOTABLE_POINTS = 10
const MOST_SECTOR_SENTENCES = 3

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`
const listed = (items: string[]) => (items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`)
const moveOf = (row: ComparisonRow, best: string) => `${row.then!.percentBest}% → ${row.now!.percentBest}% ${best.toLowerCase()}`

/** The counts of standards that improved, stayed the same and declined, and those that cannot be compared. */
function standardsSentence({ rows, ratingLabels, cycle, earlier }: Comparison): string | undefined {
  const compared = rows.filter((row) => row.change && row.now!.total && row.then!.total)
  if (!compared.length) return undefined
  const count = (change: ComparisonRow['change']) => compared.filter((row) => row.change === change).length
  const parts = [`${count('improved')} of ${plural(compared.length, 'standard')} improved`, `${count('same')} stayed the same`, `${count('declined')} declined`]
  const uncompared = rows.length - rows.filter((row) => row.change).length
  const tail = uncompared ? ` ${plural(uncompared, 'standard')} cannot be compared (new or no longer assessed).` : ''
  return `${listed(parts)} (organisations rated ${ratingLabels[0]}, ${cycle.name} against ${earlier.name}).${tail}`
}

function extremesSentences({ rows, ratingLabels }: Comparison): string[] {
  const moved = rows.filter((row) => row.pointsChange !== undefined && row.pointsChange !== 0 && row.now!.total && row.then!.total)
  const best = [...moved].sort((a, b) => b.pointsChange! - a.pointsChange!)[0]
  const worst = [...moved].sort((a, b) => a.pointsChange! - b.pointsChange!)[0]
  return [
    ...(best && best.pointsChange! > 0 ? [`The largest improvement: ${best.title} (${moveOf(best, ratingLabels[0])}).`] : []),
    ...(worst && worst.pointsChange! < 0 ? [`The largest decline: ${worst.title} (${moveOf(worst, ratingLabels[0])}).`] : []),
  ]
}

/** "Safer recruitment declined for Voluntary and community organisations (62% → 48% fully met)", largest moves first. */
function sectorSentences(bySector: SummaryInput['bySector']): string[] {
  const notable = bySector.flatMap(({ sector, comparison }) =>
    comparison.rows
      .filter((row) => row.pointsChange !== undefined && Math.abs(row.pointsChange) >= SECTOR_NOTABLE_POINTS && row.now!.total >= SECTOR_MINIMUM_ORGANISATIONS && row.then!.total >= SECTOR_MINIMUM_ORGANISATIONS)
      .map((row) => ({ sector, row, best: comparison.ratingLabels[0] })),
  )
  return notable
    .sort((a, b) => Math.abs(b.row.pointsChange!) - Math.abs(a.row.pointsChange!) || a.sector.localeCompare(b.sector))
    .slice(0, MOST_SECTOR_SENTENCES)
    .map(({ sector, row, best }) => `${row.title} ${row.pointsChange! < 0 ? 'declined' : 'improved'} for ${sector} organisations (${moveOf(row, best)}).`)
}

function responseSentence(trend: ResponseRateTrend | undefined): string | undefined {
  const latest = trend?.overall[trend.overall.length - 1]
  if (!trend || latest?.rate == null) return undefined
  const previous = trend.overall[trend.overall.length - 2]
  const index = trend.overall.length - 1
  const lowest = trend.rows.filter((row) => row.cells[index].rate !== null && row.cells[index].invited >= SECTOR_MINIMUM_ORGANISATIONS).sort((a, b) => a.cells[index].rate! - b.cells[index].rate!)[0]
  return [
    `${latest.responded} of ${latest.invited} organisations responded in ${trend.cycles[index].name} (${latest.rate}%${previous?.rate != null ? `; ${previous.rate}% the cycle before` : ''})`,
    lowest ? `; the lowest response was from ${lowest.group} (${lowest.cells[index].rate}%).` : '.',
  ].join('')
}

function calibrationSentence(calibration: Calibration | undefined): string | undefined {
  if (!calibration?.overall.scored) return undefined
  const { scored, moderated, lowered } = calibration.overall
  const overRating = calibration.byOrganisation.filter((row) => row.overRates).length
  if (!moderated) return `Reviewers have not moderated any of the ${plural(scored, 'self-score')} yet.`
  return `Reviewers moderated ${moderated} of ${plural(scored, 'self-score')} (${Math.round((100 * moderated) / scored)}%) and lowered ${lowered} of them; ${overRating === 1 ? '1 organisation stands out as over-rating itself' : `${overRating} organisations stand out as over-rating themselves`}.`
}

/** The report's opening: short sentences worded from the numbers, each true of the tables that follow. */
export function summarise(input: SummaryInput): string[] {
  return [standardsSentence(input.comparison), ...extremesSentences(input.comparison), ...sectorSentences(input.bySector), responseSentence(input.responseRates), calibrationSentence(input.calibration)].filter((sentence): sentence is string => sentence !== undefined)
}
