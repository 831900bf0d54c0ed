/**
 * The replay mechanism against real tinybench (the engine behind Vitest's `bench`): each duration
 * becomes exactly one sample, with no warm-up and no async-detection call eating one.
 */
import { Bench as TinyBench } from 'tinybench'
import type { Bench } from 'vitest'
import { expect, test } from 'vitest'
import { replayLatencies } from './replay-latencies.ts'

/** A stand-in for Vitest's `bench` fixture that runs registrations on tinybench, keeping results. */
function tinybenchFixture() {
  const results = new Map<string, { samplesCount: number; min: number; max: number; mean: number }>()
  const bench = ((name: string, opts: object, fn: () => unknown) => ({
    name,
    run: async (runOpts: object) => {
      const b = new TinyBench({ ...runOpts })
      b.add(name, fn, opts)
      await b.run()
      const r = b.tasks[0].result as unknown as {
        latency: { samplesCount: number; min: number; max: number; mean: number }
      }
      results.set(name, r.latency)
      return r
    },
  })) as unknown as Bench
  return { bench, results }
}

test('each duration is one sample: count, min, max and mean are the replayed values', async () => {
  const { bench, results } = tinybenchFixture()
  await replayLatencies(bench, [
    { name: 'lat', durationsMs: [120, 80, 100, 300] },
    { name: 'empty', durationsMs: [] },
  ])
  expect(results.get('lat')).toMatchObject({ samplesCount: 4, min: 80, max: 300, mean: 150 })
  expect(results.has('empty')).toBe(false)
})
