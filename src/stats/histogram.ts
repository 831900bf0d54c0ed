/**
 * A mergeable latency histogram for large runs, on hdr-histogram-js (pure-JS packed arrays, no
 * WebAssembly). Memory is bounded by the value range and precision, not by the sample count.
 * Percentiles come from the (merged) buckets — merge histograms, never average percentiles.
 * Count, mean, stdev, min and max are tracked exactly alongside (Welford, combined by Chan's rule).
 */
import { build, type Histogram as HdrHistogram } from 'hdr-histogram-js'
import type { MetricSummary } from '../types.ts'

/** Options of a histogram. */
export interface HistogramOptions {
  /**
   * Decimal digits of value precision kept by the buckets (1..5); 3 means any percentile is
   * within 0.1 % of a recorded value. @default 3
   */
  significantDigits?: 1 | 2 | 3 | 4 | 5
  /** Smallest distinguishable value in ms; values are stored as integer multiples of it. @default 0.001 (1 µs) */
  resolutionMs?: number
}

/** A mergeable histogram of one metric in milliseconds. */
export interface Histogram {
  /** Values recorded (finite, ≥ 0). */
  readonly count: number
  /** Values refused because they were negative or not finite (never silently dropped). */
  readonly rejected: number
  /** The precision settings (merging requires equal settings). */
  readonly options: Required<HistogramOptions>
  /** Records one value (ms). Negative or non-finite values are counted in `rejected`. */
  record(valueMs: number): void
  /** Adds all of `other`'s values into this histogram (same options required). */
  merge(other: Histogram): void
  /**
   * Value at probability p (0..1) in ms: the upper edge of the bucket holding the ⌈p·n⌉-th value
   * (HDR semantics, within the precision of the buckets); `NaN` when empty.
   */
  percentile(p: number): number
  /** Summary (exact count/min/mean/stdev/max, bucket-precision percentiles), `null` when empty. */
  summary(): MetricSummary | null
  /** The underlying hdr-histogram-js histogram (integer units of `resolutionMs`). */
  readonly hdr: HdrHistogram
}

class HdrBackedHistogram implements Histogram {
  readonly options: Required<HistogramOptions>
  readonly hdr: HdrHistogram
  count = 0
  rejected = 0
  private mean = 0
  private m2 = 0
  private min = Number.POSITIVE_INFINITY
  private max = Number.NEGATIVE_INFINITY

  constructor(options: Required<HistogramOptions>) {
    this.options = options
    this.hdr = build({
      bitBucketSize: 'packed',
      useWebAssembly: false,
      autoResize: true,
      numberOfSignificantValueDigits: options.significantDigits,
    })
  }

  record(valueMs: number): void {
    if (!(Number.isFinite(valueMs) && valueMs >= 0)) {
      this.rejected++
      return
    }
    this.hdr.recordValue(Math.round(valueMs / this.options.resolutionMs))
    this.count++
    const delta = valueMs - this.mean
    this.mean += delta / this.count
    this.m2 += delta * (valueMs - this.mean)
    if (valueMs < this.min) this.min = valueMs
    if (valueMs > this.max) this.max = valueMs
  }

  merge(other: Histogram): void {
    if (!(other instanceof HdrBackedHistogram))
      throw new TypeError('merge() needs a histogram made by createHistogram().')
    const a = this.options
    const b = other.options
    if (a.resolutionMs !== b.resolutionMs || a.significantDigits !== b.significantDigits) {
      throw new RangeError(
        `Cannot merge histograms with different options: ${JSON.stringify(a)} vs ${JSON.stringify(b)}. Create ` +
          `both with the same options.`,
      )
    }
    this.hdr.add(other.hdr)
    this.rejected += other.rejected
    if (other.count === 0) return
    // Chan et al.: combine two Welford states exactly.
    const n = this.count + other.count
    const delta = other.mean - this.mean
    this.m2 += other.m2 + (delta * delta * this.count * other.count) / n
    this.mean += (delta * other.count) / n
    this.count = n
    this.min = Math.min(this.min, other.min)
    this.max = Math.max(this.max, other.max)
  }

  percentile(p: number): number {
    if (!(p >= 0 && p <= 1))
      throw new RangeError(`percentile \`p\` must be in [0, 1], got \`${p}\`. Pass 0.99 for p99.`)
    if (this.count === 0) return Number.NaN
    const value = this.hdr.getValueAtPercentile(p * 100) * this.options.resolutionMs
    // The bucket's upper edge can overshoot the largest value recorded; the exact max is known.
    return Math.min(Math.max(value, this.min), this.max)
  }

  summary(): MetricSummary | null {
    if (this.count === 0) return null
    return {
      count: this.count,
      min: this.min,
      mean: this.mean,
      stdev: this.count > 1 ? Math.sqrt(this.m2 / (this.count - 1)) : 0,
      p50: this.percentile(0.5),
      p90: this.percentile(0.9),
      p95: this.percentile(0.95),
      p99: this.percentile(0.99),
      max: this.max,
    }
  }
}

/**
 * Creates an empty histogram.
 *
 * @param options - `significantDigits` (@default 3), `resolutionMs` (@default 0.001)
 * @returns a histogram that records milliseconds
 */
export function createHistogram(options: HistogramOptions = {}): Histogram {
  const { significantDigits = 3, resolutionMs = 0.001 } = options
  if (![1, 2, 3, 4, 5].includes(significantDigits)) {
    throw new RangeError(`\`significantDigits\` must be 1..5, got \`${significantDigits}\`. Use 3 for 0.1 % precision.`)
  }
  if (!(resolutionMs > 0 && Number.isFinite(resolutionMs))) {
    throw new RangeError(`\`resolutionMs\` must be a positive number, got \`${resolutionMs}\`. Use 0.001 for 1 µs.`)
  }
  return new HdrBackedHistogram({ significantDigits, resolutionMs })
}

/**
 * Merges histograms into a new one (the inputs are left untouched).
 *
 * @param histograms - histograms created with equal options (at least one)
 * @returns a histogram holding the union of all their values
 */
export function mergeHistograms(histograms: readonly Histogram[]): Histogram {
  if (histograms.length === 0) throw new RangeError('mergeHistograms() needs at least one histogram.')
  const merged = createHistogram(histograms[0].options)
  for (const h of histograms) merged.merge(h)
  return merged
}
