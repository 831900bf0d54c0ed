/**
 * A small seeded pseudo-random generator (mulberry32) so that resampling is reproducible: the same
 * seed always gives the same sequence. Not cryptographic.
 */

/** A function returning uniform floats in [0, 1). */
export type RandomSource = () => number

/**
 * Creates a mulberry32 generator.
 *
 * @param seed - any integer (taken modulo 2³²); the same seed gives the same sequence. @default 1
 * @returns a function yielding uniform floats in [0, 1)
 */
export function seededRandom(seed = 1): RandomSource {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
