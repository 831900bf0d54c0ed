/**
 * A growable Float64Array: an append-only column of numbers that costs 8 bytes per value (plus at
 * most ×2 capacity slack), used to keep one metric per sample without keeping Sample objects.
 */

/** Append-only growable column of float64 values. */
export class FloatSeries {
  private buffer: Float64Array
  private size = 0

  /**
   * @param initialCapacity - values allocated up front. @default 256
   */
  constructor(initialCapacity = 256) {
    this.buffer = new Float64Array(Math.max(1, Math.floor(initialCapacity)))
  }

  /** Number of values appended so far. */
  get length(): number {
    return this.size
  }

  /** Appends one value (doubling the capacity when full). */
  push(value: number): void {
    if (this.size === this.buffer.length) {
      const next = new Float64Array(this.buffer.length * 2)
      next.set(this.buffer)
      this.buffer = next
    }
    this.buffer[this.size++] = value
  }

  /** A view (no copy) of the values appended so far; invalidated by the next `push` that grows. */
  view(): Float64Array {
    return this.buffer.subarray(0, this.size)
  }
}
