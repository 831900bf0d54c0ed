/**
 * Run ids: `YYYYMMDD-HHMMSS-xxxx` (UTC time + 4 random hex digits), so result directories sort by
 * start time and two runs in the same second still differ.
 */
import { randomBytes } from 'node:crypto'

/**
 * Creates a run id for a start time.
 * @param date start time. @default now
 * @param suffix the 4 hex digits. @default random
 */
export function createRunId(date: Date = new Date(), suffix: string = randomBytes(2).toString('hex')): string {
  const iso = date.toISOString() // 2026-11-25T19:47:01.123Z
  return `${iso.slice(0, 10).replaceAll('-', '')}-${iso.slice(11, 19).replaceAll(':', '')}-${suffix}`
}
