/**
 * Splitting one load plan over `load.workers` worker threads, deterministically. Closed loop: each
 * worker gets its share of every level's concurrency, measure requests and warm-up requests (shares
 * differ by at most one; a worker whose concurrency share is 0 sits that level out). Open loop: every
 * worker walks the *same* arrival schedule (same seed, same origin) and sends arrival `i` only when
 * `i mod count = index`, so the union of the workers' arrivals is the one-worker schedule and
 * `scheduledAt` keeps its meaning (coordinated-omission correction holds). Pure.
 */
import { availableParallelism } from 'node:os'
import type { LoadLevel } from './phases.ts'

/** Which of how many workers this is. */
export interface WorkerShare {
  /** 0-based worker index. */
  index: number
  /** Number of workers (≥ 1). */
  count: number
}

/**
 * Worker `index`'s share of `total` items split over `count` workers: ⌊total / count⌋, plus one for
 * the first `total mod count` workers. The shares add up to `total`.
 */
export function shareOf(total: number, share: WorkerShare): number {
  return Math.floor(total / share.count) + (share.index < total % share.count ? 1 : 0)
}

/** Number of worker threads for `load.workers`: `'auto'` = logical CPUs − 1 (at least 1). */
export function resolveWorkerCount(
  workers: number | 'auto' | undefined,
  cpus: number = availableParallelism(),
): number {
  if (workers === 'auto') return Math.max(1, cpus - 1)
  return workers ?? 1
}

/**
 * One worker's part of a load level. Closed loop: concurrency, measure and warm-up requests are split
 * (`concurrency` 0 = nothing to do at this level). Open loop: the level is unchanged except for the
 * in-flight cap (split, at least 1); the arrivals are split by `runLoad`'s `share`.
 */
export function splitLevel(level: LoadLevel, share: WorkerShare): LoadLevel {
  if (share.count === 1) return level
  if (level.mode === 'open') {
    const maxInFlight = Number.isFinite(level.maxInFlight) ? Math.max(1, shareOf(level.maxInFlight, share)) : Infinity
    return { ...level, maxInFlight }
  }
  const concurrency = shareOf(level.concurrency ?? 1, share)
  return {
    ...level,
    concurrency,
    maxInFlight: concurrency,
    requests: level.requests === null ? null : shareOf(level.requests, share),
    warmupRequests: shareOf(level.warmupRequests, share),
  }
}
