import { randomBytes } from 'node:crypto'
import type { Express } from 'express'
import request from 'supertest'
import { DEMO_PASSWORD } from '../../server/demo/demoData'
import { testContext } from './testContext'

export type Agent = ReturnType<typeof request.agent>

/** Each agent comes from its own address, so sign-in lock-out in one test cannot lock out another. */
export function newAgent(app: Express = testContext().app): Agent {
  const address = `10.${[1, 2, 3].map(() => randomBytes(1)[0]).join('.')}`
  return request.agent(app).set('X-Forwarded-For', address)
}

export function csrfTokenIn(html: string): string {
  const match = html.match(/name="_csrf" value="([^"]+)"/)
  if (!match) throw new Error('No CSRF token on the page')
  return match[1]
}

/** The agent's session CSRF token, read from a page that has a form. */
export async function csrfToken(agent: Agent, path = '/sign-in'): Promise<string> {
  const response = await agent.get(path)
  return csrfTokenIn(response.text)
}

export async function signedInAgent(email: string, password = DEMO_PASSWORD, app?: Express): Promise<Agent> {
  const agent = newAgent(app)
  const _csrf = await csrfToken(agent)
  const response = await agent.post('/sign-in').type('form').send({ email, password, _csrf })
  if (response.status !== 302) throw new Error(`Sign-in as ${email} failed with ${response.status}`)
  return agent
}

/** Posts a form with the agent's CSRF token added. */
export async function postForm(agent: Agent, path: string, fields: Record<string, string | string[]> = {}, tokenFrom = '/dashboard') {
  const _csrf = await csrfToken(agent, tokenFrom)
  return agent.post(path).type('form').send({ ...fields, _csrf })
}
