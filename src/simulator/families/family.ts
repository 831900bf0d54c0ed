/**
 * The contract between the simulator's InvokeModel handlers and one model family's native body
 * format. A family parses its own request shape into a neutral request, and renders neutral
 * generation events back into its own response / stream-chunk shapes. Pure: no I/O, no clocks.
 * Adding a family = one file implementing `FamilyCodec` + one line in `families/index.ts`.
 */
import type { ModelFamily } from '../../model-profile.ts'

/** A neutral chat message (text only; other blocks are counted as text of their JSON). */
export interface NeutralMessage {
  role: 'user' | 'assistant'
  text: string
  /** Characters of `text` that come before a cache checkpoint, if the request marked one. */
  cachePrefixChars?: number
}

/** A request in neutral form, whatever the family's native shape was. */
export interface NeutralRequest {
  system: string | null
  messages: NeutralMessage[]
  /** Requested output cap, or `null` when the body did not set one (the model default applies). */
  maxTokens: number | null
  temperature: number | null
  topP: number | null
  stopSequences: string[]
  /** True when the request asked for a prompt-cache checkpoint (Anthropic `cache_control`, Nova `cachePoint`). */
  cachePoint: boolean
}

/** Either a parsed request or a validation message naming what is wrong (becomes a 400 ValidationException). */
export type ParseResult = { ok: true; request: NeutralRequest } | { ok: false; message: string }

/** Token accounting of a finished generation. */
export interface NeutralUsage {
  inputTokens: number
  outputTokens: number
  cacheReadTokens: number
  cacheWriteTokens: number
}

/** Why generation stopped, in neutral (Converse) terms. */
export type NeutralStopReason = 'end_turn' | 'max_tokens' | 'stop_sequence'

/** A finished, non-streamed generation. */
export interface NeutralCompletion {
  /** Id for this response (e.g. Anthropic `msg_bdrk_…`). */
  id: string
  modelId: string
  text: string
  stopReason: NeutralStopReason
  usage: NeutralUsage
  /** The stop sequence that ended generation (when `stopReason` is `stop_sequence`). @default null */
  stopSequence?: string | null
}

/** Context shared by all stream chunks of one response. */
export interface StreamContext {
  id: string
  modelId: string
  /** Input token counts are known before generation starts. */
  inputTokens: number
  cacheReadTokens: number
  cacheWriteTokens: number
}

/** One model family's native body format: request parser and response / stream-chunk renderers (pure). */
export interface FamilyCodec {
  /** The family this codec serves (its key in `families/index.ts`). */
  family: ModelFamily
  /** Parse and validate a native InvokeModel body (already JSON-parsed). */
  parseRequest(body: unknown): ParseResult
  /** Native InvokeModel response body (to be JSON-serialised). */
  renderResponse(completion: NeutralCompletion): unknown
  /** Native chunks that open a stream (may be empty). */
  streamStart(ctx: StreamContext): unknown[]
  /**
   * Native chunks for one piece of generated text. `outputTokensSoFar` includes this piece;
   * `pieceTokens` is how many tokens the piece holds (@default 1), so a family can tell the first
   * chunk (`outputTokensSoFar === pieceTokens`).
   */
  streamDelta(ctx: StreamContext, text: string, outputTokensSoFar: number, pieceTokens?: number): unknown[]
  /**
   * Native chunks that close a stream. The handler adds `amazon-bedrock-invocationMetrics` to the
   * LAST object returned here, so it must return at least one chunk.
   */
  streamEnd(
    ctx: StreamContext,
    stopReason: NeutralStopReason,
    usage: NeutralUsage,
    stopSequence?: string | null,
  ): unknown[]
}
