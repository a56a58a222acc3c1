import type { DirectoryOptions } from './filters'
import type { DirectoryQueries } from './queries'

/** What every directory response is built from: the data's version (with today's date: statuses change at midnight) and the filters' choices. */
export interface DirectoryState {
  key: string
  today: string
  options: DirectoryOptions
  lastModified: Date
}

/**
 * A small in-process cache of built directory responses. The directory is read far more than it
 * changes, so each response is built once per version of the data and reused. Correct with
 * several app instances on one database: each instance asks the database for the data's version
 * (a cheap query) at most once every `versionTtlMs`, and drops everything it built when the
 * version moved, so a change made through another instance shows within about a second.
 */
export class DirectoryCache {
  private stateCheckedAt = -Infinity
  private currentState: Promise<DirectoryState> | undefined
  private readonly entries = new Map<string, Promise<unknown>>()

  constructor(
    private readonly queries: DirectoryQueries,
    private readonly today: () => string,
    private readonly maxEntries = 500,
    private readonly versionTtlMs = 1000,
  ) {}

  /** The current state; concurrent requests share one check. */
  state(): Promise<DirectoryState> {
    const now = Date.now()
    if (this.currentState && now - this.stateCheckedAt < this.versionTtlMs) return this.currentState
    this.stateCheckedAt = now
    const previous = this.currentState
    const next = this.refresh(previous)
    this.currentState = next
    // A failed check (the database away for a moment) must not be remembered: the next request tries again.
    next.catch(() => {
      if (this.currentState === next) this.currentState = undefined
    })
    return next
  }

  private async refresh(previous: Promise<DirectoryState> | undefined): Promise<DirectoryState> {
    const [version, before] = await Promise.all([this.queries.version(), previous?.catch(() => undefined)])
    const today = this.today()
    const key = `${version.key}|${today}`
    if (before && before.key === key) return before
    this.entries.clear()
    return { key, today, options: await this.queries.options(), lastModified: version.lastModified }
  }

  /** The response for `key` in this state, built by `build` the first time (concurrent first requests share one build). */
  get<T>(state: DirectoryState, key: string, build: () => Promise<T>): Promise<T> {
    const fullKey = `${state.key}\n${key}`
    const cached = this.entries.get(fullKey) as Promise<T> | undefined
    if (cached) {
      // Least recently used goes first: a Map keeps insertion order, so a hit moves to the end.
      this.entries.delete(fullKey)
      this.entries.set(fullKey, cached)
      return cached
    }
    const built = build()
    this.entries.set(fullKey, built)
    built.catch(() => this.entries.delete(fullKey))
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string)
    return built
  }
}
