import { describe, expect, test } from 'vitest'
import { performanceClock } from '../measure/clock.ts'
import { seededRandom } from '../stats/seeded-random.ts'
import type { Sample } from '../types.ts'
import { planLevels } from './phases.ts'
import { type Dispatch, runLoad } from './run-load.ts'
import { resolveWorkerCount, shareOf, splitLevel, type WorkerShare } from './split-load.ts'

/** The dispatches of one worker (phase origin 0 on a clock far past it: no waiting, the schedule as planned). */
async function dispatches(load: Parameters<typeof planLevels>[0], share?: WorkerShare): Promise<Dispatch[]> {
  const out: Dispatch[] = []
  const levels = planLevels(load, []).map(l => (share ? splitLevel(l, share) : l))
  await runLoad({
    levels,
    runs: 2,
    share,
    clock: performanceClock,
    rng: seededRandom(5),
    phaseStart: () => Promise.resolve(0),
    execute: d => {
      out.push(d)
      return Promise.resolve({ phase: d.phase, status: 'ok' } as Sample)
    },
    onSample: () => {},
  })
  return out
}
const key = (d: Dispatch): string => `${d.runIndex}/${d.seq}/${d.phase}/${d.scheduledAt}`

describe('splitting the load over workers', () => {
  test('shares differ by at most one and add up to the total', () => {
    expect([0, 1, 2].map(index => shareOf(7, { index, count: 3 }))).toEqual([3, 2, 2])
    expect([0, 1, 2].map(index => shareOf(2, { index, count: 3 }))).toEqual([1, 1, 0])
  })

  test("'auto' is the logical CPUs − 1, at least 1", () => {
    expect([resolveWorkerCount('auto', 8), resolveWorkerCount('auto', 1), resolveWorkerCount(undefined, 8)]).toEqual([
      7, 1, 1,
    ])
  })

  test('closed loop: concurrency, measure and warm-up requests split, the label kept', () => {
    const [level] = planLevels({ concurrency: 5, requests: 11, warmup: { requests: 6 } }, [])
    const parts = [0, 1].map(index => splitLevel(level, { index, count: 2 }))
    expect(parts.map(l => [l.label, l.concurrency, l.maxInFlight, l.requests, l.warmupRequests])).toEqual([
      ['c=5', 3, 3, 6, 3],
      ['c=5', 2, 2, 5, 3],
    ])
  })

  test('open loop: the schedule is unchanged (split by arrival index in runLoad), the in-flight cap split', () => {
    const [level] = planLevels({ rate: { perSec: 100 }, durationMs: 1000, maxInFlight: 3 }, [])
    const parts = [0, 1].map(index => splitLevel(level, { index, count: 2 }))
    expect(parts.map(l => l.maxInFlight)).toEqual([2, 1])
    expect(parts.map(l => [l.segments, l.requests, l.durationMs, l.warmupRequests])).toEqual(
      parts.map(() => [level.segments, level.requests, level.durationMs, level.warmupRequests]),
    )
  })

  test('runLoad: two workers together dispatch the one-worker open-loop schedule (seq, scheduledAt)', async () => {
    const load = { rate: { perSec: 5000, arrival: 'poisson' as const }, requests: 50, warmup: { requests: 5 } }
    const one = (await dispatches(load)).map(key).sort()
    const parts = await Promise.all([0, 1].map(index => dispatches(load, { index, count: 2 })))
    expect(parts[0].every(d => d.seq % 2 === 0) && parts[1].every(d => d.seq % 2 === 1)).toBe(true)
    expect(parts.flat().map(key).sort()).toEqual(one)
  })

  test("runLoad: closed-loop shares share the level's requests, with distinct seqs", async () => {
    const load = { concurrency: 3, requests: 10, warmup: { requests: 3 } }
    const parts = await Promise.all([0, 1].map(index => dispatches(load, { index, count: 2 })))
    const all = parts.flat()
    expect(all.filter(d => d.phase === 'measure')).toHaveLength(2 * 10)
    expect(all.filter(d => d.phase === 'warmup')).toHaveLength(2 * 3)
    for (const run of [0, 1]) {
      const seqs = all.filter(d => d.runIndex === run).map(d => d.seq)
      expect(new Set(seqs).size).toBe(seqs.length)
    }
  })
})
