import { mkdirSync, writeFileSync } from 'node:fs'
import { Session } from 'node:inspector'

/**
 * With BENCH_PROFILE set, CPU-profiles this process between start() and the stop() it returns,
 * writing bench/profiles/<name>.cpuprofile (open it in Chrome's DevTools, Performance panel).
 * Without it, does nothing.
 */
export async function startProfile(name: string): Promise<() => Promise<void>> {
  if (!process.env.BENCH_PROFILE) return async () => undefined
  const session = new Session()
  session.connect()
  const post = (method: string) => new Promise<unknown>((resolve, reject) => session.post(method, (error, result) => (error ? reject(error) : resolve(result))))
  await post('Profiler.enable')
  await post('Profiler.start')
  return async () => {
    const { profile } = (await post('Profiler.stop')) as { profile: unknown }
    mkdirSync('bench/profiles', { recursive: true })
    writeFileSync(`bench/profiles/${name}.cpuprofile`, JSON.stringify(profile))
    session.disconnect()
  }
}

/** Profiles one piece of work (see startProfile). */
export async function profiled<T>(name: string, run: () => Promise<T>): Promise<T> {
  const stop = await startProfile(name)
  try {
    return await run()
  } finally {
    await stop()
  }
}
