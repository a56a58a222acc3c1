import { Engine } from 'json-rules-engine'
import type { Framework } from '../standards/frameworkSchema'
import { factsByScope, operators, Scope } from './factCatalogue'
import { Rule, RuleSet, ruleSchema, ruleSetSchema, typedEvent } from './ruleSetSchema'

export type RuleSetCheck = { ok: true; ruleSet: RuleSet } | { ok: false; problems: string[] }

const zodMessages = (error: { issues: { path: PropertyKey[]; message: string }[] }) =>
  error.issues.map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))

/** Checks one condition tree, pushing a message for each unknown fact, property or operator. */
function checkConditions(node: unknown, scope: Scope, questionKeys: Map<string, string>, problems: string[], where: string): void {
  if (!node || typeof node !== 'object' || Array.isArray(node)) {
    problems.push(`${where}: a condition must be an object with all, any, not, or fact/operator/value`)
    return
  }
  const condition = node as Record<string, unknown>
  for (const group of ['all', 'any'] as const) {
    if (group in condition) {
      const children = condition[group]
      if (!Array.isArray(children) || children.length === 0) problems.push(`${where}: "${group}" must be a list of at least one condition`)
      else children.forEach((child, index) => checkConditions(child, scope, questionKeys, problems, `${where}.${group}[${index}]`))
      return
    }
  }
  if ('not' in condition) return checkConditions(condition.not, scope, questionKeys, problems, `${where}.not`)
  if ('condition' in condition) return void problems.push(`${where}: shared conditions are not supported; write the condition out`)
  const extra = Object.keys(condition).filter((key) => !['fact', 'path', 'operator', 'value', 'priority'].includes(key))
  if (extra.length) problems.push(`${where}: unknown field${extra.length > 1 ? 's' : ''} ${extra.map((key) => `"${key}"`).join(', ')}`)
  checkFactReference(condition, scope, questionKeys, problems, where)
  if (typeof condition.operator !== 'string' || !operators.includes(condition.operator)) {
    problems.push(`${where}: unknown operator "${String(condition.operator)}"; known operators: ${operators.join(', ')}`)
  }
  if (!('value' in condition)) problems.push(`${where}: a condition needs a value`)
  const value = condition.value
  if (value && typeof value === 'object' && !Array.isArray(value) && 'fact' in value) {
    checkFactReference(value as Record<string, unknown>, scope, questionKeys, problems, `${where}.value`)
  }
}

function checkFactReference(reference: Record<string, unknown>, scope: Scope, questionKeys: Map<string, string>, problems: string[], where: string): void {
  const facts = factsByScope[scope]
  const fact = reference.fact
  if (typeof fact !== 'string' || !(fact in facts)) {
    problems.push(`${where}: unknown fact "${String(fact)}"; ${scope} rules can read: ${Object.keys(facts).join(', ')}`)
    return
  }
  const path = reference.path
  const property = typeof path === 'string' && path.startsWith('$.') ? path.slice(2) : undefined
  if (property === undefined) return void problems.push(`${where}: fact "${fact}" needs a path such as "$.${firstProperty(facts[fact], questionKeys)}"`)
  const properties = facts[fact]
  if (properties === 'questions') {
    const type = questionKeys.get(property)
    if (!type) problems.push(`${where}: "${property}" is not a question of this framework`)
    else if (fact === 'yearsSince' && type !== 'date') problems.push(`${where}: yearsSince needs a date question; "${property}" is a ${type} question`)
  } else if (!(property in properties)) {
    problems.push(`${where}: fact "${fact}" has no property "${property}"; it has: ${Object.keys(properties).join(', ')}`)
  }
}

const firstProperty = (properties: Record<string, string> | 'questions', questionKeys: Map<string, string>) =>
  properties === 'questions' ? ([...questionKeys.keys()][0] ?? 'question-key') : Object.keys(properties)[0]

/** Checks one rule's shape, scope, event and conditions against the framework. */
function checkRule(raw: unknown, index: number, framework: Framework, questionKeys: Map<string, string>, problems: string[]): Rule | undefined {
  const label = raw && typeof raw === 'object' && typeof (raw as { name?: unknown }).name === 'string' ? `rule "${(raw as { name: string }).name}"` : `rule ${index + 1}`
  const shape = ruleSchema.safeParse(raw)
  if (!shape.success) return void problems.push(...zodMessages(shape.error).map((message) => `${label}: ${message}`))
  const before = problems.length
  const event = typedEvent.safeParse(shape.data.event)
  if (!event.success) problems.push(...zodMessages(event.error).map((message) => `${label}: event.${message}`))
  checkConditions(shape.data.conditions, shape.data.scope, questionKeys, problems, `${label}: conditions`)
  if (event.success && event.data.type === 'rating') {
    const labels = framework.ratingScale.map((rating) => rating.label)
    if (shape.data.scope !== 'standard') problems.push(`${label}: a rating rule must have scope "standard"`)
    if (!labels.includes(event.data.params.rating)) {
      problems.push(`${label}: rating "${event.data.params.rating}" is not on the framework's rating scale (${labels.join(', ')})`)
    } else if (event.data.params.rating === labels[labels.length - 1] && !event.data.params.action) {
      problems.push(`${label}: a "${event.data.params.rating}" rating needs a suggested action (event.params.action)`)
    }
  }
  if (event.success && event.data.type === 'flag' && event.data.params.severity === 'serious' && !event.data.params.action) {
    problems.push(`${label}: a serious flag needs a suggested action (event.params.action)`)
  }
  if (problems.length > before || !event.success) return undefined
  try {
    new Engine([], { allowUndefinedFacts: true }).addRule({ name: shape.data.name, conditions: shape.data.conditions as never, event: event.data })
  } catch (error) {
    return void problems.push(`${label}: ${(error as Error).message}`)
  }
  return { ...shape.data, event: event.data }
}

/** Parses and checks a rule set's JSON against its framework version; nothing is usable unless every rule passes. */
export function checkRuleSet(source: string, framework: Framework): RuleSetCheck {
  let json: unknown
  try {
    json = JSON.parse(source)
  } catch (error) {
    return { ok: false, problems: [`not valid JSON: ${(error as Error).message}`] }
  }
  const shape = ruleSetSchema.safeParse(json)
  if (!shape.success) return { ok: false, problems: zodMessages(shape.error) }
  const problems: string[] = []
  if (shape.data.framework !== framework.key || shape.data.frameworkVersion !== framework.version) {
    problems.push(`the rule set is for ${shape.data.framework} ${shape.data.frameworkVersion}, not ${framework.key} ${framework.version}`)
  }
  const questionKeys = new Map(framework.standards.flatMap((standard) => standard.criteria.flatMap((criterion) => criterion.questions.map((question) => [question.key, question.type] as const))))
  const rules = shape.data.rules.map((rule, index) => checkRule(rule, index, framework, questionKeys, problems))
  const names = new Set<string>()
  for (const rule of rules) {
    if (rule && names.has(rule.name)) problems.push(`rule "${rule.name}": another rule has the same name`)
    if (rule) names.add(rule.name)
  }
  if (problems.length) return { ok: false, problems }
  return { ok: true, ruleSet: { ...shape.data, rules: rules as Rule[] } }
}
