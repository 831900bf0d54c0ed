/**
 * The simulator's explicit protection limits, the same on HTTP/1.1 and h2c: body size, header size,
 * the time a client gets to send a request head, and how long a connection may sit idle. What happens
 * when each one is hit is in docs/decisions/simulator-limits.md and the README.
 */

/** Limits enforced on every connection (both protocols). */
export interface ServerLimits {
  /**
   * Largest request body (bytes). A bigger body is answered `413` with a `ValidationException`
   * error body; the excess is read and dropped up to as much again, then the stream or connection is
   * closed. @default 25000000 (Bedrock's InvokeModel body limit)
   */
  maxBodyBytes: number
  /**
   * Largest request head (bytes). HTTP/1.1: request line plus headers, answered `431` and closed.
   * HTTP/2: the header list size as RFC 9113 counts it (name + value + 32 per field), announced in
   * SETTINGS; a bigger header block has its stream reset. @default 16384
   */
  maxHeaderBytes: number
  /**
   * Time (ms) a new connection gets to deliver its first complete request head (HTTP/1.1), or its
   * preface and first request (HTTP/2). Slower: `408 RequestTimeoutException` where a head was begun
   * on HTTP/1.1, otherwise the connection is just closed. @default 10000
   */
  headersTimeoutMs: number
  /**
   * Time (ms) a connection with no request in flight stays open (keep-alive), and the longest pause
   * allowed between two pieces of a request body (then `408 RequestTimeoutException` and close).
   * A request waiting for its response is never idle. @default 65000
   */
  idleTimeoutMs: number
}

/** The defaults of {@link ServerLimits}. */
export const DEFAULT_LIMITS: Readonly<ServerLimits> = {
  maxBodyBytes: 25_000_000,
  maxHeaderBytes: 16_384,
  headersTimeoutMs: 10_000,
  idleTimeoutMs: 65_000,
}

const MAX_TIMEOUT_MS = 2_147_483_647 // setTimeout's ceiling

/** `limits` with defaults filled in; throws a TypeError naming the field, what it got and the fix. */
export function resolveLimits(limits: Partial<ServerLimits> | undefined): ServerLimits {
  if (limits === undefined) return { ...DEFAULT_LIMITS }
  if (typeof limits !== 'object' || limits === null || Array.isArray(limits)) {
    throw new TypeError(`\`limits\` must be an object like { maxBodyBytes: 1000000 }, got ${JSON.stringify(limits)}.`)
  }
  const resolved = { ...DEFAULT_LIMITS }
  for (const key of Object.keys(limits)) {
    if (!(key in DEFAULT_LIMITS)) {
      throw new TypeError(
        `\`limits.${key}\` is not a limit. Use ${Object.keys(DEFAULT_LIMITS).join(', ')}, or remove it.`,
      )
    }
    const field = key as keyof ServerLimits
    const value = limits[field]
    if (value === undefined) continue
    const ceiling = field.endsWith('Ms') ? MAX_TIMEOUT_MS : Number.MAX_SAFE_INTEGER
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > ceiling) {
      throw new TypeError(
        `\`limits.${field}\` must be an integer 1..${ceiling}, got ${JSON.stringify(value)}. ` +
          `Remove it to use the default ${DEFAULT_LIMITS[field]}.`,
      )
    }
    resolved[field] = value
  }
  return resolved
}
