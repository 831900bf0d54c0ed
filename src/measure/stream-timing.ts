/**
 * Pure timing arithmetic of one request (DESIGN §3). TTFT excludes nothing; ITL and decode speed are
 * per token and exclude TTFT: ITL = (latency − TTFT) / (outputTokens − 1), decode tokens/s =
 * (outputTokens − 1) / ((latency − TTFT) / 1000). Non-streaming responses have TTFT = latency and no ITL.
 */

/** Derived timings of one request (ms unless named otherwise). */
export interface RequestTiming {
  /** Time to first content token (ms), `null` when none arrived. */
  ttftMs: number | null
  /** End-to-end latency (ms). */
  latencyMs: number
  /** Mean inter-token latency (ms), `null` when fewer than 2 tokens or no first token. */
  interTokenMs: number | null
  /** Decode rate (tokens/s), `null` when undefined (same conditions as ITL, or zero decode time). */
  decodeTokensPerSec: number | null
}

/** Inputs: monotonic timestamps (ms) and the response's output token count. */
export interface TimingInput {
  startedAt: number
  /** When the first content token arrived; `null` when none did. */
  firstTokenAt: number | null
  endedAt: number
  outputTokens: number | null
  /** Non-streaming: TTFT is the latency and ITL is undefined. */
  streaming: boolean
}

/** Computes TTFT, latency, ITL and decode speed from timestamps and token count. */
export function requestTiming(input: TimingInput): RequestTiming {
  const latencyMs = input.endedAt - input.startedAt
  if (!input.streaming) {
    return {
      ttftMs: input.firstTokenAt === null ? null : latencyMs,
      latencyMs,
      interTokenMs: null,
      decodeTokensPerSec: null,
    }
  }
  if (input.firstTokenAt === null) return { ttftMs: null, latencyMs, interTokenMs: null, decodeTokensPerSec: null }
  const ttftMs = input.firstTokenAt - input.startedAt
  const decodeMs = latencyMs - ttftMs
  const n = input.outputTokens
  if (n === null || n < 2) return { ttftMs, latencyMs, interTokenMs: null, decodeTokensPerSec: null }
  return {
    ttftMs,
    latencyMs,
    interTokenMs: decodeMs / (n - 1),
    decodeTokensPerSec: decodeMs > 0 ? (n - 1) / (decodeMs / 1000) : null,
  }
}
