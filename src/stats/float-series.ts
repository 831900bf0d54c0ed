/**
 * A growable Float64Array: an append-only column of numbers that costs 8 bytes per value (plus at
 * most ×2 capacity slack), used to keep one metric per sample without keeping Sample objects.
 */
import { mergeSorted } from './merge-sorted.ts'

/** Append-only growable column of float64 values. */
export class FloatSeries {
  private buffer: Float64Array<ArrayBuffer>
  private size = 0

  /**
   * @param initialCapacity - values allocated up front. @default 256
   */
  constructor(initialCapacity = 256) {
    this.buffer = new Float64Array(Math.max(1, Math.floor(initialCapacity)))
  }

  /**
   * A series holding `values`, without copying them: the series takes `values` over as its
   * buffer (full, so the next `push` grows into a new one). The caller must not write to `values`
   * afterwards.
   *
   * @param values - the initial values (e.g. a column received from a worker thread)
   * @returns the series
   */
  static from(values: Float64Array<ArrayBuffer>): FloatSeries {
    const series = new FloatSeries(1)
    series.buffer = values
    series.size = values.length
    return series
  }

  /** Number of values appended so far. */
  get length(): number {
    return this.size
  }

  /** Appends one value (doubling the capacity when full). */
  push(value: number): void {
    if (this.size === this.buffer.length) this.grow(this.size + 1)
    this.buffer[this.size++] = value
  }

  /**
   * Appends every value of `other`, in order (one copy of `other`'s values).
   *
   * @param other - the series to append; unchanged
   */
  append(other: FloatSeries): void {
    if (other.size === 0) return
    if (this.size + other.size > this.buffer.length) this.grow(this.size + other.size)
    this.buffer.set(other.view(), this.size)
    this.size += other.size
  }

  /**
   * Replaces the values by the ascending merge of this series and `other` — both must already be
   * ascending (not checked) — in one linear pass.
   *
   * @param other - an ascending series; must not be used afterwards (its buffer may be taken over)
   */
  mergeAscending(other: FloatSeries): void {
    const mine = this.view()
    const merged = mergeSorted([mine, other.view()]) as Float64Array<ArrayBuffer>
    if (merged === mine) return
    this.buffer = merged
    this.size = merged.length
  }

  /**
   * A view (no copy) of the values appended so far; invalidated by the next `push` that grows.
   * Its `.buffer` is the series' whole buffer (transferable to a worker thread, which detaches it).
   */
  view(): Float64Array<ArrayBuffer> {
    return this.buffer.subarray(0, this.size)
  }

  private grow(minCapacity: number): void {
    const next = new Float64Array(Math.max(minCapacity, this.buffer.length * 2, 8))
    next.set(this.view())
    this.buffer = next
  }
}
