/**
 * How alike two actions are, so a new action can be offered the open actions it may duplicate.
 * Pure and explainable: the score is built from the words the two share (title and outcome, common
 * words left out), their character trigrams (which catch "neglected" beside "neglect") and the
 * themes they share, and every match says why it matched.
 */

/** Words too common in action plans to say two actions are about the same thing. */
const STOP_WORDS = new Set(
  (
    'a an and are as at be been by can children child do does for from has have how in into is it its ' +
    'more most no not of on or our so than that the their them then there these they this to too us ' +
    'was we were what when where which who will with would all any each every should must make made ' +
    'ensure improve improved improving better action actions partnership partners partner'
  ).split(' '),
)

/** What is compared of an action. */
export interface Comparable {
  title: string
  outcomeSought: string
  themeIds: number[]
}

export interface Similarity {
  score: number
  /** The meaningful words both share, for "why similar". */
  sharedWords: string[]
  sharedThemeIds: number[]
}

/** An action's meaningful words: lower case, letters and digits only, common words dropped, a plural made singular. */
export function words(text: string): string[] {
  return (text.toLowerCase().normalize('NFKD').match(/[a-z0-9]+/g) ?? [])
    .filter((word) => word.length > 2 && !STOP_WORDS.has(word))
    .map((word) => (word.length > 4 && word.endsWith('ies') ? `${word.slice(0, -3)}y` : word.length > 4 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word))
}

/** Character trigrams of each word, padded so short words still count. */
export function trigrams(wordList: string[]): Set<string> {
  const grams = new Set<string>()
  for (const word of wordList) {
    const padded = ` ${word} `
    for (let i = 0; i + 3 <= padded.length; i++) grams.add(padded.slice(i, i + 3))
  }
  return grams
}

/** |A ∩ B| / |A ∪ B|, 0 when both are empty. */
export function jaccard<T>(a: Set<T>, b: Set<T>): number {
  if (a.size === 0 && b.size === 0) return 0
  let shared = 0
  for (const item of a) if (b.has(item)) shared++
  return shared / (a.size + b.size - shared)
}

/**
 * Shared themes amplify shared words (by up to half again) rather than adding to them: two actions
 * on the same theme (neglect) can be about quite different things, so a theme alone never makes a
 * match, but two that say alike things under the same themes very likely duplicate each other.
 */
export function similarity(a: Comparable, b: Comparable): Similarity {
  const wordsA = words(`${a.title} ${a.outcomeSought}`)
  const wordsB = words(`${b.title} ${b.outcomeSought}`)
  const setA = new Set(wordsA)
  const setB = new Set(wordsB)
  const text = (jaccard(setA, setB) + jaccard(trigrams(wordsA), trigrams(wordsB))) / 2
  const themesA = new Set(a.themeIds)
  const themesB = new Set(b.themeIds)
  const sharedThemeIds = [...themesA].filter((id) => themesB.has(id))
  const score = Math.min(1, text * (1 + 0.5 * jaccard(themesA, themesB)))
  return { score: Math.round(score * 1000) / 1000, sharedWords: [...setA].filter((word) => setB.has(word)), sharedThemeIds }
}

/** Scores at or above this are offered as possible duplicates (tuned on the unit tests' real-world pairs). */
export const SIMILAR_THRESHOLD = 0.25

/** The candidates alike enough to offer, most alike first, at most `limit`. */
export function mostSimilar<T extends Comparable>(draft: Comparable, candidates: T[], limit = 5, threshold = SIMILAR_THRESHOLD): (T & { similarity: Similarity })[] {
  return candidates
    .map((candidate) => ({ ...candidate, similarity: similarity(draft, candidate) }))
    .filter((candidate) => candidate.similarity.score >= threshold)
    .sort((x, y) => y.similarity.score - x.similarity.score)
    .slice(0, limit)
}
