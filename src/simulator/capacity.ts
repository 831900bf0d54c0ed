/**
 * Serving capacity of one model: `concurrentGenerations` slots run at once; further requests wait
 * in a FIFO queue (their TTFT grows); past `queueLimit` waiting requests the pool refuses (503).
 * Decode slows down as more generations are active (see {@link CapacityPool.slowdownFactor}).
 */
import type { Capacity } from '../model-profile.ts'

/** Outcome of {@link CapacityPool.acquire}. */
export type SlotRequest =
  { kind: 'granted' } | { kind: 'queued'; granted: Promise<void>; cancel(): void } | { kind: 'rejected' }

/** Slots and queue of one model. */
export class CapacityPool {
  readonly #capacity: Capacity
  #active = 0
  readonly #waiting: Array<{ wake: () => void; rank: number }> = []

  constructor(capacity: Capacity) {
    this.#capacity = capacity
  }

  /** Generations holding a slot now. */
  get active(): number {
    return this.#active
  }

  /** Requests waiting for a slot now. */
  get queued(): number {
    return this.#waiting.length
  }

  /**
   * Asks for a slot. A `granted` (now or later) slot must be given back with {@link release}.
   * @param rank queue rank: lower ranks are served first, equal ranks in arrival order @default 1
   */
  acquire(rank = 1): SlotRequest {
    if (this.#active < this.#capacity.concurrentGenerations) {
      this.#active++
      return { kind: 'granted' }
    }
    if (this.#waiting.length >= this.#capacity.queueLimit) return { kind: 'rejected' }
    let wake!: () => void
    const granted = new Promise<void>(resolve => {
      wake = resolve
    })
    const entry = { wake, rank }
    const at = this.#waiting.findIndex(w => w.rank > rank)
    if (at < 0) this.#waiting.push(entry)
    else this.#waiting.splice(at, 0, entry)
    const cancel = (): void => {
      const index = this.#waiting.indexOf(entry)
      if (index >= 0) this.#waiting.splice(index, 1)
    }
    return { kind: 'queued', granted, cancel }
  }

  /** Gives a slot back; the first waiting request (lowest rank, then oldest) takes it over. */
  release(): void {
    const next = this.#waiting.shift()
    if (next) next.wake()
    else this.#active = Math.max(0, this.#active - 1)
  }

  /**
   * Decode time multiplier ≥ 1: `1 + decodeSlowdownPerActive × (active − capacity / 2)` once more than
   * half of the slots are busy.
   */
  slowdownFactor(): number {
    const perActive = this.#capacity.decodeSlowdownPerActive ?? 0.005
    const over = this.#active - this.#capacity.concurrentGenerations / 2
    return over > 0 ? 1 + perActive * over : 1
  }
}
