/**
 * Does a round's sample of cases reflect the ethnic make-up of local children (seeds/003:2098)?
 * The expected mix is the child population of the areas the cases come from, each area weighted by
 * the number of the sample's cases from it (5 Riverside cases and 3 Millbrook cases expect 5/8 of
 * Riverside's mix plus 3/8 of Millbrook's); before any case is added the areas count equally.
 * Cases of unknown ethnicity, and cases from an area without population figures, are not compared
 * but are counted, so the page can say so.
 */

/** A group makes up at least this share of local children… */
export const NOTABLE_SHARE = 10
/** …and the sample has less than this fraction of that share: under-represented. */
export const UNDER_FRACTION = 0.5

export interface SampleCheckArea {
  id: number
  name: string
  /** Percent of the area's children per group key; null when the area has no figures. */
  population: Record<string, number> | null
}

export interface SampleCheckCase {
  areaId: number | null
  /** The case's high-level group key, or null when not known. */
  group: string | null
}

export interface SampleCheckRow {
  key: string
  label: string
  /** The expected share, percent, rounded to one decimal place. */
  populationPercent: number
  sampleCount: number
  samplePercent: number
  underRepresented: boolean
}

export interface SampleCheck {
  /** False when no area of the round has population figures: nothing to compare with. */
  comparable: boolean
  rows: SampleCheckRow[]
  comparedCases: number
  notKnownCases: number
  /** Areas of the round without figures, with how many of the sample's cases come from each. */
  areasWithoutFigures: { id: number; name: string; cases: number }[]
  /** Cases whose area is not one of the round's areas with figures (no area recorded). */
  casesWithoutArea: number
  underRepresented: SampleCheckRow[]
}

const oneDecimal = (value: number) => Math.round(value * 10) / 10

export function checkSample(groups: { key: string; label: string }[], areas: SampleCheckArea[], cases: SampleCheckCase[]): SampleCheck {
  const withFigures = areas.filter((area) => area.population !== null)
  const casesIn = (areaId: number) => cases.filter((entry) => entry.areaId === areaId).length
  const areasWithoutFigures = areas.filter((area) => area.population === null).map((area) => ({ id: area.id, name: area.name, cases: casesIn(area.id) }))
  const notKnownCases = cases.filter((entry) => entry.group === null).length
  const casesWithoutArea = cases.filter((entry) => entry.group !== null && !areas.some((area) => area.id === entry.areaId)).length
  const compared = cases.filter((entry) => entry.group !== null && withFigures.some((area) => area.id === entry.areaId))
  if (!withFigures.length) {
    return { comparable: false, rows: [], comparedCases: 0, notKnownCases, areasWithoutFigures, casesWithoutArea, underRepresented: [] }
  }

  const anyCases = withFigures.some((area) => compared.some((entry) => entry.areaId === area.id))
  const weightOf = (area: SampleCheckArea) => (anyCases ? compared.filter((entry) => entry.areaId === area.id).length : 1)
  const totalWeight = withFigures.reduce((total, area) => total + weightOf(area), 0)
  const rows = groups.map((group) => {
    const expected = withFigures.reduce((total, area) => total + (area.population![group.key] ?? 0) * weightOf(area), 0) / totalWeight
    const sampleCount = compared.filter((entry) => entry.group === group.key).length
    const samplePercent = compared.length ? (sampleCount / compared.length) * 100 : 0
    return {
      key: group.key,
      label: group.label,
      populationPercent: oneDecimal(expected),
      sampleCount,
      samplePercent: oneDecimal(samplePercent),
      underRepresented: compared.length > 0 && expected >= NOTABLE_SHARE && samplePercent < expected * UNDER_FRACTION,
    }
  })
  return { comparable: true, rows, comparedCases: compared.length, notKnownCases, areasWithoutFigures, casesWithoutArea, underRepresented: rows.filter((row) => row.underRepresented) }
}
