/**
 * The injectable monotonic clock of the harness. Real runs use `performance.now()`; tests inject a
 * fake. All sample timestamps are milliseconds relative to a run's time origin.
 */

/** A monotonic clock in milliseconds. */
export interface Clock {
  /** Current time (ms, monotonic, arbitrary origin). */
  now(): number
}

/** The real clock: `performance.now()` (sub-millisecond resolution, monotonic). */
export const performanceClock: Clock = { now: () => performance.now() }

/** A clock whose origin is "now" on `base`: `now()` returns ms elapsed since creation. */
export function relativeClock(base: Clock = performanceClock): Clock {
  const origin = base.now()
  return { now: () => base.now() - origin }
}

/** Milliseconds since the Unix epoch, sub-millisecond, monotonic within a thread; comparable across worker threads. */
export const epochNow = (): number => performance.timeOrigin + performance.now()

/**
 * A clock that reads 0 at `originEpochMs` (from `epochNow()`) in every thread: each worker thread has its
 * own `performance.timeOrigin`, so the load's worker threads share this clock instead of `relativeClock`.
 */
export function epochClock(originEpochMs: number): Clock {
  return { now: () => performance.timeOrigin + performance.now() - originEpochMs }
}
