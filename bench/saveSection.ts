import { fork } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { once } from 'node:events'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { performance } from 'node:perf_hooks'
import { setTimeout as sleep } from 'node:timers/promises'
import { CookieJar } from './cookieJar'
import type { BenchServerReady } from './saveSectionServer'

/**
 * 50 signed-in organisation leads each work on a section of their own return, over HTTP against
 * the app in its own process (bench/saveSectionServer.ts): open the section, think, save (carrying
 * the version read), land on the task list the save redirects to, open the section again.
 *
 * Think time is BENCH_THINK_MS (default 1000 ms), drawn uniformly from half to one and a half times
 * that so users do not move in step. A real person spends minutes on a section, so a 1 s mean
 * is a load far beyond any partnership's: 50 people saving about once a second each.
 *
 * Then a closed loop with no think time for BENCH_SATURATION_SECONDS shows the most the server
 * manages (saves/s) and what latency looks like when it is saturated.
 *
 * Prints one JSON line: requests/s, saves/s and p50/p95/p99 latency in ms over every request
 * (with the saves alone under `save`), errors (any unexpected status or failed request),
 * serverErrors (lines the server logged at error level, which include failures the browser never
 * sees, such as a session that could not be saved after the response), and the same figures for
 * the saturation phase. Each phase also gives the server's CPU time (every thread of its process,
 * from /proc, on Linux): milliseconds per request, and the cores it kept busy, which say whether a
 * latency comes from this machine's speed or from waiting. SQLite by default; TEST_DATABASE_URL for PostgreSQL. BENCH_USERS changes
 * the number of users; BENCH_LOG=1 shows the server's log, BENCH_DEBUG=1 each failed request.
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30)
const THINK_MS = Number(process.env.BENCH_THINK_MS ?? 1000)
const SATURATION_SECONDS = Number(process.env.BENCH_SATURATION_SECONDS ?? 10)

class Client {
  private readonly cookies = new CookieJar()
  constructor(private readonly base: string) {}
  async request(path: string, init: { method?: string; form?: Record<string, string> } = {}) {
    const response = await fetch(`${this.base}${path}`, {
      method: init.method ?? 'GET',
      redirect: 'manual',
      headers: { cookie: this.cookies.header(), ...(init.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      body: init.form ? new URLSearchParams(init.form).toString() : undefined,
    })
    this.cookies.update(response)
    return { status: response.status, location: response.headers.get('location') ?? '', text: await response.text() }
  }
}

const field = (html: string, name: string) => html.match(new RegExp(`name="${name}" value="([^"]*)"`))?.[1] ?? ''

class Recorder {
  readonly all: number[] = []
  readonly saves: number[] = []
  errors = 0

  /** Times one request; a response other than `expected`, or none, is an error. */
  async time(client: Client, expected: number, path: string, init: { method?: string; form?: Record<string, string> } = {}) {
    const started = performance.now()
    try {
      const response = await client.request(path, init)
      const took = performance.now() - started
      this.all.push(took)
      if (init.method === 'POST') this.saves.push(took)
      if (response.status !== expected) {
        this.errors++
        if (process.env.BENCH_DEBUG) process.stderr.write(`${init.method ?? 'GET'} ${path}: ${response.status} ${response.text.match(/<title>([^<]*)/)?.[1]}\n`)
      }
      return response
    } catch (error) {
      this.errors++
      if (process.env.BENCH_DEBUG) process.stderr.write(`${init.method ?? 'GET'} ${path}: ${(error as Error).message}\n`)
      return undefined
    }
  }

  summary(seconds: number) {
    const percentile = (values: number[], fraction: number) => {
      const sorted = [...values].sort((a, b) => a - b)
      return Math.round((sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? 0) * 10) / 10
    }
    const rate = (count: number) => Math.round((count / seconds) * 10) / 10
    const latencies = (values: number[]) => ({ p50: percentile(values, 0.5), p95: percentile(values, 0.95), p99: percentile(values, 0.99) })
    return { seconds, requestsPerSecond: rate(this.all.length), savesPerSecond: rate(this.saves.length), ...latencies(this.all), save: latencies(this.saves), errors: this.errors }
  }
}

interface SignedInUser {
  client: Client
  returnId: number
  round: number
}

async function signIn(base: string, email: string, password: string): Promise<Client> {
  const client = new Client(base)
  const page = await client.request('/sign-in')
  const signedIn = await client.request('/sign-in', { method: 'POST', form: { email, password, _csrf: field(page.text, '_csrf') } })
  if (signedIn.status !== 302) throw new Error(`Sign-in of ${email} failed with ${signedIn.status}`)
  return client
}

/** Every user works through open → think → save → task list until the phase ends. */
async function phase(users: SignedInUser[], criteria: string[], seconds: number, thinkMs: number) {
  const recorder = new Recorder()
  const deadline = performance.now() + seconds * 1000
  await Promise.all(
    users.map(async (user) => {
      const section = `/returns/${user.returnId}/sections/S11-1`
      // People do not all click at the same moment: each starts somewhere in the first think time.
      if (thinkMs > 0) await sleep(thinkMs * Math.random())
      while (performance.now() < deadline) {
        const page = await recorder.time(user.client, 200, section)
        if (thinkMs > 0) await sleep(thinkMs * (0.5 + Math.random()))
        if (!page || performance.now() >= deadline) continue
        const form: Record<string, string> = { _csrf: field(page.text, '_csrf'), version: field(page.text, 'version') }
        for (const key of criteria) form[`${key}-score`] = String(user.round % 4)
        user.round++
        const saved = await recorder.time(user.client, 302, section, { method: 'POST', form })
        if (saved?.status === 302 && performance.now() < deadline) await recorder.time(user.client, 200, saved.location)
      }
    }),
  )
  return recorder.summary(seconds)
}

/** CPU time used so far by every thread of a process, in ms; undefined where /proc cannot tell. */
function cpuMillis(pid: number): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
    // utime and stime, fields 14 and 15 of stat(5), in clock ticks of 10 ms.
    return (Number(fields[11]) + Number(fields[12])) * 10
  } catch {
    return undefined
  }
}

async function main() {
  // The child inherits this process's node options: tsx's loader, and --cpu-prof when profiling.
  const server = fork(path.join(__dirname, 'saveSectionServer.ts'), [], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] })
  const exited = once(server, 'exit')
  let serverErrors = 0
  createInterface({ input: server.stdout! }).on('line', (line) => {
    if (/"level":(50|60)/.test(line)) serverErrors++
    if (process.env.BENCH_LOG) process.stderr.write(`${line}\n`)
  })
  const phaseWithServerErrors = async (...args: Parameters<typeof phase>) => {
    const before = serverErrors
    const cpuBefore = cpuMillis(server.pid!)
    const figures = await phase(...args)
    const cpuAfter = cpuMillis(server.pid!)
    const cpu = cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore
    const requests = figures.requestsPerSecond * figures.seconds
    const serverCpu = cpu === undefined ? undefined : { msPerRequest: Math.round((cpu / requests) * 10) / 10, cores: Math.round((cpu / (figures.seconds * 1000)) * 100) / 100 }
    return { ...figures, serverErrors: serverErrors - before, serverCpu }
  }
  try {
    const [ready] = (await Promise.race([once(server, 'message'), exited.then(() => Promise.reject(new Error('The bench server stopped before it was ready')))])) as [BenchServerReady]
    const base = `http://127.0.0.1:${ready.port}`
    const users = await Promise.all(ready.users.map(async ({ email, returnId }) => ({ client: await signIn(base, email, ready.password), returnId, round: 0 })))
    // Not measured: each user opens their section once, so first-use costs (compiling the views,
    // creating the section's row) fall before the measurement, as on a server that has been running.
    await Promise.all(users.map((user) => user.client.request(`/returns/${user.returnId}/sections/S11-1`)))
    const loaded = await phaseWithServerErrors(users, ready.criteria, SECONDS, THINK_MS)
    const saturation = await phaseWithServerErrors(users, ready.criteria, SATURATION_SECONDS, 0)
    process.stdout.write(`${JSON.stringify({ engine: ready.engine, users: users.length, thinkMs: THINK_MS, ...loaded, saturation })}\n`)
  } finally {
    if (server.connected) server.send('stop')
    await exited
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? error}\n`)
  process.exit(1)
})
