/**
 * Helpers for the load levels of a sweep: their x value (concurrency or rate), a readable label,
 * and their order. Pure.
 */
import type { LevelSummary } from '../../types.ts'

/** The level's position on a sweep axis: concurrency (closed loop) or target rate in req/s (open loop). */
export function levelX(level: LevelSummary): number {
  return level.concurrency ?? level.targetRatePerSec ?? Number.NaN
}

/** `concurrency 32`, `50 req/s`, or the raw label when neither is known. */
export function levelLabel(level: LevelSummary): string {
  if (level.concurrency != null) return `concurrency ${level.concurrency}`
  if (level.targetRatePerSec != null) return `${level.targetRatePerSec} req/s`
  return level.loadLevel
}

/** Levels sorted by their x value (stable for equal or unknown values). */
export function sortedLevels(levels: ReadonlyArray<LevelSummary>): LevelSummary[] {
  return [...levels].sort((a, b) => (levelX(a) || 0) - (levelX(b) || 0))
}

/** Axis title of a sweep's x axis. */
export function levelAxisLabel(levels: ReadonlyArray<LevelSummary>): string {
  return levels.every(l => l.concurrency != null) ? 'Concurrency (requests in flight)' : 'Target rate (requests/s)'
}
