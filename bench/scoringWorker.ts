import { parentPort, workerData } from 'node:worker_threads'
import { performance } from 'node:perf_hooks'
import { CompiledRuleSet } from '../server/scoring/compiledRuleSet'
import type { ScoringInput } from '../server/scoring/facts'
import { scoreReturn } from '../server/scoring/scoreReturn'
import { checkRuleFiles, readRuleFiles } from '../server/scoring/ruleFiles'
import { checkFrameworks } from '../server/standards/checkFrameworks'
import { readFrameworkFiles } from '../server/standards/frameworkFiles'
import { generatedReturn } from '../test/helpers/generatedReturns'
import { plainScoring } from './plainScoring'

/** One core's share of bench/scoring: generate its returns, then (when told) score them both ways. */
export interface WorkerTask {
  /** The rule file, e.g. rules/section-11.2025.json; read here rather than passed in, as objects copied between threads are slower to use. */
  ruleFile: string
  from: number
  to: number
}

export interface WorkerReport {
  rulesMs: number
  baselineMs: number
  disagreements: number
  firstDisagreement?: string
  lookups: number
  engineRuns: number
}

const task = workerData as WorkerTask
const { frameworks } = checkFrameworks(readFrameworkFiles())
const file = checkRuleFiles(readRuleFiles(), frameworks.map((entry) => entry.framework)).checked.find((entry) => entry.file === task.ruleFile)!
const { ruleSet, framework } = file
const returns: ScoringInput[] = []
for (let index = task.from; index < task.to; index++) returns.push(generatedReturn(framework, index))
parentPort!.postMessage('ready')

parentPort!.on('message', async (phase: string) => {
  if (phase === 'rules') {
    const started = performance.now()
    const compiled = new CompiledRuleSet(ruleSet, framework)
    // Only what the comparison needs is kept: a server stores each outcome and lets it go.
    const outcomes = []
    for (const input of returns) {
      const outcome = await scoreReturn(compiled, input)
      outcomes.push({ ratings: outcome.ratings.map((r) => r.rating), flags: outcome.flags.map((f) => `${f.criterionKey ?? f.standardKey ?? 'return'}:${f.code}`) })
    }
    const rulesMs = performance.now() - started
    parentPort!.postMessage({ phase, rulesMs, outcomes, stats: compiled.stats })
  } else {
    const started = performance.now()
    const results = returns.map(plainScoring)
    parentPort!.postMessage({ phase, baselineMs: performance.now() - started, results })
  }
})
