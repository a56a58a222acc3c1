import { parentPort, workerData } from 'node:worker_threads'
import { performance } from 'node:perf_hooks'
import { CompiledRuleSet } from '../server/scoring/compiledRuleSet'
import type { ScoringInput } from '../server/scoring/facts'
import { scoreReturn } from '../server/scoring/scoreReturn'
import type { RuleSet } from '../server/scoring/ruleSetSchema'
import type { Framework } from '../server/standards/frameworkSchema'
import { generatedReturn } from '../test/helpers/generatedReturns'
import { plainScoring } from './plainScoring'

/** One core's share of bench/scoring: generate its returns, then (when told) score them both ways. */
export interface WorkerTask {
  ruleSet: RuleSet
  framework: Framework
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
const returns: ScoringInput[] = []
for (let index = task.from; index < task.to; index++) returns.push(generatedReturn(task.framework, index))
parentPort!.postMessage('ready')

parentPort!.on('message', async (phase: string) => {
  if (phase === 'rules') {
    const started = performance.now()
    const compiled = new CompiledRuleSet(task.ruleSet, task.framework)
    const outcomes = []
    for (const input of returns) outcomes.push(await scoreReturn(compiled, input))
    const rulesMs = performance.now() - started
    parentPort!.postMessage({ phase, rulesMs, outcomes: outcomes.map((outcome) => ({ ratings: outcome.ratings.map((r) => r.rating), flags: outcome.flags.map((f) => `${f.criterionKey ?? f.standardKey ?? 'return'}:${f.code}`) })), stats: compiled.stats })
  } else {
    const started = performance.now()
    const results = returns.map(plainScoring)
    parentPort!.postMessage({ phase, baselineMs: performance.now() - started, results })
  }
})
