/**
 * Seeded pseudo-random numbers for the simulator. mulberry32: tiny, fast, good enough for
 * latency jitter and fault dice; the same seed always gives the same sequence.
 */

import { seededRandom } from '../stats/seeded-random.ts'

/** A source of uniform random numbers in [0, 1). */
export type Rng = () => number

/**
 * Creates a mulberry32 generator from a 32-bit seed (the same generator as the statistics' bootstrap).
 * @param seed any integer; only its low 32 bits are used.
 */
export function createRng(seed: number): Rng {
  return seededRandom(seed)
}

/**
 * Mixes a seed with further parts (numbers or strings) into one 32-bit seed (FNV-1a), so that e.g.
 * `hashSeed(seed, requestIndex)` gives an independent stream per request.
 */
export function hashSeed(...parts: Array<number | string>): number {
  let hash = 0x811c9dc5
  for (const part of parts) {
    const text = typeof part === 'number' ? String(part) : part
    for (let i = 0; i < text.length; i++) {
      hash ^= text.charCodeAt(i)
      hash = Math.imul(hash, 0x01000193)
    }
    hash ^= 0x1f
    hash = Math.imul(hash, 0x01000193)
  }
  return hash >>> 0
}

/** A standard-normal sample (Box–Muller) from `rng`. */
export function normalSample(rng: Rng): number {
  const u1 = Math.max(rng(), 1e-12)
  const u2 = rng()
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2)
}
