import { CompiledRuleSet } from '../../server/scoring/compiledRuleSet'
import type { CriterionAnswerData, ScoringInput } from '../../server/scoring/facts'
import { checkRuleFiles, CheckedRuleFile, readRuleFiles } from '../../server/scoring/ruleFiles'
import { OrganisationProfile, standardsFor } from '../../server/standards/applicability'
import { checkFrameworks } from '../../server/standards/checkFrameworks'
import { readFrameworkFiles } from '../../server/standards/frameworkFiles'
import type { Framework } from '../../server/standards/frameworkSchema'

let shipped: CheckedRuleFile[] | undefined

/** The shipped frameworks with their rule sets, read from standards/ and rules/. */
export function shippedRuleFiles(): CheckedRuleFile[] {
  shipped ??= checkRuleFiles(readRuleFiles(), checkFrameworks(readFrameworkFiles()).frameworks.map((entry) => entry.framework)).checked
  return shipped
}

export function shippedRules(name: string): { framework: Framework; compiled: () => CompiledRuleSet; source: string } {
  const file = shippedRuleFiles().find((entry) => entry.file === `rules/${name}.json`)
  if (!file) throw new Error(`No shipped rule set ${name}`)
  return { framework: file.framework, source: file.source, compiled: () => new CompiledRuleSet(file.ruleSet, file.framework) }
}

export const largeNhsTrust: OrganisationProfile = { role: 'relevant_agency', sectorKey: 'nhs-provider', sizeTier: 'large' }

/**
 * A return on `framework` for `organisation` where every applicable criterion scores 2 with
 * written evidence, changed by `change` (score, N/A, evidence, answers) per criterion key.
 */
export function answeredReturn(
  framework: Framework,
  options: { organisation?: OrganisationProfile; referenceDate?: string; change?: Record<string, Partial<CriterionAnswerData>>; questionAnswers?: Record<string, string> } = {},
): ScoringInput {
  const organisation = options.organisation ?? largeNhsTrust
  const standards = standardsFor(framework, organisation)
  const answers = new Map<string, CriterionAnswerData>()
  for (const standard of standards) {
    for (const criterion of standard.criteria) {
      const questionAnswers = Object.fromEntries(criterion.questions.filter((q) => options.questionAnswers?.[q.key] !== undefined).map((q) => [q.key, options.questionAnswers![q.key]]))
      answers.set(criterion.key, { score: 2, notApplicable: false, moderatedScore: null, hasNarrative: true, evidenceFiles: 0, questionAnswers, ...options.change?.[criterion.key] })
    }
  }
  return { organisation, referenceDate: options.referenceDate ?? '2025-06-30', standards, answers }
}
