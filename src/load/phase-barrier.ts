/**
 * A barrier across worker threads for the start of each load phase: every worker waits until all
 * have arrived, and all get the same origin (the clock time when the last one arrived), so the
 * open-loop schedule split over the workers is one schedule (`runLoad`'s `phaseStart`). Lives in a
 * `SharedArrayBuffer`: Int32 [arrived, generation], then a Float64 origin.
 */
import type { Clock } from '../measure/clock.ts'

/** Bytes of a barrier's shared buffer. */
const BARRIER_BYTES = 16
/** How often a waiting worker checks its abort signal (ms). */
const POLL_MS = 50

/** A new shared buffer for `phaseBarrier` (give the same one to every worker). */
export const createBarrierBuffer = (): SharedArrayBuffer => new SharedArrayBuffer(BARRIER_BYTES)

/**
 * The barrier of one worker.
 *
 * @param buffer - from `createBarrierBuffer`, shared by all `parties`
 * @param parties - number of workers that must arrive
 * @param clock - the clock shared by the workers (`epochClock`)
 * @param signal - an aborted worker stops waiting (and gets its own `clock.now()`)
 * @returns `arrive()`: resolves with the phase origin once every party has arrived
 */
export function phaseBarrier(
  buffer: SharedArrayBuffer,
  parties: number,
  clock: Clock,
  signal?: AbortSignal,
): () => Promise<number> {
  const ints = new Int32Array(buffer, 0, 2)
  const origin = new Float64Array(buffer, 8, 1)
  return async () => {
    const generation = Atomics.load(ints, 1)
    if (Atomics.add(ints, 0, 1) === parties - 1) {
      // the last to arrive: publish the origin, reset the count, release the others
      origin[0] = clock.now()
      Atomics.store(ints, 0, 0)
      Atomics.add(ints, 1, 1)
      Atomics.notify(ints, 1)
      return origin[0]
    }
    while (Atomics.load(ints, 1) === generation) {
      if (signal?.aborted) return clock.now()
      const wait = Atomics.waitAsync(ints, 1, generation, POLL_MS)
      if (wait.async) await wait.value
    }
    return origin[0]
  }
}
