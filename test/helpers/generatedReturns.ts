import { organisationRoleKinds, sizeTiers } from '../../server/db/models/organisationKinds'
import { SECTOR_KEYS } from '../../server/organisations/sectors'
import type { CriterionAnswerData, ScoringInput } from '../../server/scoring/facts'
import { standardsFor } from '../../server/standards/applicability'
import type { Framework } from '../../server/standards/frameworkSchema'

/** A small seeded generator (mulberry32), so every worker and every run makes the same returns. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)]

function answerFor(random: () => number, question: Framework['standards'][number]['criteria'][number]['questions'][number]): string | undefined {
  if (random() < 0.05) return undefined
  switch (question.type) {
    case 'yesNo':
      return random() < 0.9 ? 'yes' : 'no'
    case 'number':
      return String(Math.round(50 + random() * 50))
    case 'date':
      return `${2019 + Math.floor(random() * 7)}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`
    case 'text':
      return random() < 0.9 ? 'A. Named Person, Head of Safeguarding' : ''
  }
}

/**
 * Return number `index` of a generated population: an organisation of a random role, sector and
 * size, scores leaning towards 2 ("In place") with some 0s and 3s, evidence on most criteria, N/A
 * where the framework allows it, and answers to most extra questions.
 */
export function generatedReturn(framework: Framework, index: number): ScoringInput {
  const random = seededRandom(index + 1)
  const organisation = { role: pick(random, organisationRoleKinds), sectorKey: pick(random, SECTOR_KEYS), sizeTier: pick(random, sizeTiers) }
  const standards = standardsFor(framework, organisation)
  const strength = random()
  const answers = new Map<string, CriterionAnswerData>()
  for (const standard of standards) {
    for (const criterion of standard.criteria) {
      const notApplicable = criterion.allowNotApplicable && random() < 0.1
      const roll = random() * 0.6 + strength * 0.4
      const score = notApplicable ? null : roll < 0.12 ? 0 : roll < 0.35 ? 1 : roll < 0.8 ? 2 : 3
      const questionAnswers: Record<string, string> = {}
      for (const question of criterion.questions) {
        const value = answerFor(random, question)
        if (value !== undefined) questionAnswers[question.key] = value
      }
      answers.set(criterion.key, { score, notApplicable, moderatedScore: null, hasNarrative: random() < 0.75, evidenceFiles: random() < 0.5 ? Math.floor(random() * 3) : 0, questionAnswers })
    }
  }
  return { organisation, referenceDate: `2025-${String(1 + (index % 12)).padStart(2, '0')}-15`, standards, answers }
}
