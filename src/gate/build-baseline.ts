/**
 * Builds a `Baseline` from samples in one streaming pass (pure: no fs, no clock). Only measure-phase
 * samples count. Per benchmark level it keeps columns of the successful requests' values, then
 * sorts them and keeps evenly spaced order statistics (the same thinning as `compareSamples`).
 */
import { thinSorted } from '../stats/compare.ts'
import type { Environment, RunSummary, Sample } from '../types.ts'
import {
  BASELINE_FORMAT_VERSION,
  BASELINE_KIND,
  benchKey,
  SKETCH_COLUMNS,
  SKETCH_SIZE,
  type Baseline,
  type BaselineBench,
  type Sketch,
  type SketchColumn,
} from './baseline-format.ts'

const round6 = (v: number): number => Number(v.toPrecision(6))

const increment = (record: Record<string, number>, key: string): void => {
  record[key] = (record[key] ?? 0) + 1
}

/** Accumulates samples into baseline benches. */
export class BaselineBuilder {
  private readonly benches = new Map<string, { bench: BaselineBench; columns: Record<SketchColumn, number[]> }>()

  /** Adds one sample; non-measure samples are ignored. */
  add(s: Sample): void {
    if (s.phase !== 'measure') return
    const key = benchKey({ benchName: s.benchName, loadLevel: s.loadLevel })
    let entry = this.benches.get(key)
    if (!entry) {
      entry = {
        bench: {
          benchName: s.benchName,
          loadLevel: s.loadLevel,
          model: s.model,
          operation: s.operation,
          optionsHash: null,
          counts: { ok: 0, throttled: 0, error: 0, timeout: 0, cancelled: 0 },
          errorsByType: {},
          stopReasons: {},
          cacheHits: 0,
          tokens: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 },
          costUsd: 0,
          sketches: {},
        },
        columns: Object.fromEntries(SKETCH_COLUMNS.map(c => [c, []])) as unknown as Record<SketchColumn, number[]>,
      }
      this.benches.set(key, entry)
    }
    const { bench, columns } = entry
    bench.counts[s.status]++
    bench.tokens.input += s.inputTokens ?? 0
    bench.tokens.output += s.outputTokens ?? 0
    bench.tokens.cacheRead += s.cacheReadTokens ?? 0
    bench.tokens.cacheWrite += s.cacheWriteTokens ?? 0
    bench.costUsd += s.costUsd ?? 0
    if (s.status !== 'ok') {
      increment(bench.errorsByType, s.errorType ?? s.status)
      return
    }
    increment(bench.stopReasons, s.stopReason ?? 'none')
    if ((s.cacheReadTokens ?? 0) > 0) bench.cacheHits++
    for (const c of SKETCH_COLUMNS) {
      const v = s[c]
      if (typeof v === 'number' && Number.isFinite(v)) columns[c].push(v)
    }
  }

  /**
   * The baseline of everything added.
   *
   * @param meta - name, runId, createdAt (ISO), environment, and the run's summaries (for options hashes)
   */
  finish(meta: {
    name: string
    runId: string
    createdAt: string
    environment: Environment | null
    summaries?: ReadonlyArray<Pick<RunSummary, 'benchName' | 'optionsHash'> & Partial<Pick<RunSummary, 'client'>>>
  }): Baseline {
    const benches: BaselineBench[] = []
    for (const { bench, columns } of this.benches.values()) {
      const summary = meta.summaries?.find(s => s.benchName === bench.benchName)
      const hash = summary?.optionsHash
      const client = summary?.client
      const sketches: BaselineBench['sketches'] = {}
      for (const c of SKETCH_COLUMNS) if (columns[c].length > 0) sketches[c] = sketchOf(columns[c])
      benches.push({
        ...bench,
        optionsHash: hash ?? null,
        clientBoundDelayMs: client?.clientBound ? round6(client.eventLoopDelayP99Ms) : null,
        costUsd: round6(bench.costUsd),
        sketches,
      })
    }
    return {
      kind: BASELINE_KIND,
      formatVersion: BASELINE_FORMAT_VERSION,
      name: meta.name,
      runId: meta.runId,
      createdAt: meta.createdAt,
      environment: meta.environment,
      benches,
    }
  }
}

/**
 * Sketch of a column: sorted, thinned to ≤ `SKETCH_SIZE` order statistics, rounded to 6 digits.
 *
 * @param values - all values (any order)
 * @param size - most values kept. @default SKETCH_SIZE
 */
export function sketchOf(values: ArrayLike<number>, size: number = SKETCH_SIZE): Sketch {
  const sorted = Float64Array.from(values).sort()
  return { n: sorted.length, values: Array.from(thinSorted(sorted, size), round6) }
}

/**
 * Baseline of an in-memory list of samples (tests, the matcher).
 *
 * @param samples - samples of one or more benchmarks
 * @param meta - see `BaselineBuilder.finish`
 */
export function baselineOf(samples: Iterable<Sample>, meta: Parameters<BaselineBuilder['finish']>[0]): Baseline {
  const builder = new BaselineBuilder()
  for (const s of samples) builder.add(s)
  return builder.finish(meta)
}
