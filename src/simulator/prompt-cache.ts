/**
 * The simulated prompt cache: a prefix written by one request is read by later requests to the same
 * model until its TTL runs out; every hit resets the TTL (as Bedrock does).
 */
import { createHash } from 'node:crypto'
import type { Clock } from './quota.ts'

/** Prompt cache keyed by model and prefix hash. */
export class PromptCache {
  readonly #expiresAt = new Map<string, number>()
  readonly #clock: Clock
  readonly #ttlMs: number

  /** @param ttlMs time to live of an entry (ms). @default 300000 (5 minutes) */
  constructor(clock: Clock, ttlMs = 300_000) {
    this.#clock = clock
    this.#ttlMs = ttlMs
  }

  /** Looks a prefix up and (re)writes it: `hit` when it was cached and fresh, else `miss`. */
  touch(modelId: string, prefix: string): 'hit' | 'miss' {
    const key = `${modelId}\n${createHash('sha1').update(prefix).digest('base64')}`
    const now = this.#clock()
    const expiresAt = this.#expiresAt.get(key)
    this.#expiresAt.set(key, now + this.#ttlMs)
    if (this.#expiresAt.size > 100_000) this.#expiresAt.delete(this.#expiresAt.keys().next().value!)
    return expiresAt !== undefined && expiresAt > now ? 'hit' : 'miss'
  }
}
