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
