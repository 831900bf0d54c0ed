/**
 * The live progress line shown on a TTY during long runs: done/scheduled, current RPM, failures
 * and ETA. Pure: the reporter supplies counts and times.
 */
import { formatCount, formatDuration, formatNumber } from './format.ts'

/** What the progress line shows. */
export interface ProgressState {
  /** Requests completed so far (all phases). */
  done: number
  /** Requests the run will schedule, when known (from `progress.json`), else `null`. */
  scheduled: number | null
  throttled: number
  /** Errors, timeouts and cancellations. */
  failed: number
  /** Completions per minute over the recent window. */
  recentRpm: number
  /** Elapsed wall clock since the reporter started watching (ms). */
  elapsedMs: number
}

/** One line, no newline, e.g. `bedrock-bench 640/1 000 · 812 RPM · 3 throttled · 0 failed · ETA 27 s`. */
export function progressLine(p: ProgressState): string {
  const done =
    p.scheduled != null ? `${formatCount(p.done)}/${formatCount(p.scheduled)}` : `${formatCount(p.done)} done`
  const parts = [
    `bedrock-bench ${done}`,
    `${formatNumber(p.recentRpm)} RPM`,
    `${formatCount(p.throttled)} throttled`,
    `${formatCount(p.failed)} failed`,
  ]
  if (p.scheduled != null && p.recentRpm > 0 && p.scheduled > p.done) {
    parts.push(`ETA ${formatDuration(((p.scheduled - p.done) / p.recentRpm) * 60_000)}`)
  } else {
    parts.push(`elapsed ${formatDuration(p.elapsedMs)}`)
  }
  return parts.join(' · ')
}
