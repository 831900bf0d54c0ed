/**
 * Meta Llama native bodies (bedrock-wire §8): request `prompt` (+ `max_gen_len`, `temperature`,
 * `top_p`, `images`); response `generation` with token counts and `stop_reason` `stop`|`length`;
 * stream chunks of the same shape, `prompt_token_count` only in the first.
 */
import type { FamilyCodec, NeutralCompletion, NeutralStopReason, NeutralUsage, StreamContext } from './family.ts'
import { isFirstPiece, parsePromptBody, type PromptBodySpec } from './native-body.ts'

/** Llama's stop reason: `length` when cut by `max_gen_len`, else `stop`. */
export function llamaStopReason(stopReason: NeutralStopReason): 'stop' | 'length' {
  return stopReason === 'max_tokens' ? 'length' : 'stop'
}

const SPEC: PromptBodySpec = {
  keys: ['prompt', 'max_gen_len', 'temperature', 'top_p', 'images'],
  prompt: 'prompt',
  maxTokens: 'max_gen_len',
  temperature: 'temperature',
  topP: 'top_p',
}

/** The Meta Llama codec. */
export const llamaCodec: FamilyCodec = {
  family: 'llama',
  parseRequest: (body: unknown) => parsePromptBody(body, SPEC),
  renderResponse(c: NeutralCompletion) {
    return {
      generation: c.text,
      prompt_token_count: c.usage.inputTokens,
      generation_token_count: c.usage.outputTokens,
      stop_reason: llamaStopReason(c.stopReason),
    }
  },
  streamStart() {
    return []
  },
  streamDelta(ctx: StreamContext, text: string, outputTokensSoFar: number, pieceTokens = 1) {
    const promptTokens = isFirstPiece(outputTokensSoFar, pieceTokens) ? ctx.inputTokens : null
    return [
      {
        generation: text,
        prompt_token_count: promptTokens,
        generation_token_count: outputTokensSoFar,
        stop_reason: null,
      },
    ]
  },
  streamEnd(ctx: StreamContext, stopReason: NeutralStopReason, usage: NeutralUsage) {
    const promptTokens = usage.outputTokens === 0 ? ctx.inputTokens : null
    return [
      {
        generation: '',
        prompt_token_count: promptTokens,
        generation_token_count: usage.outputTokens,
        stop_reason: llamaStopReason(stopReason),
      },
    ]
  },
}
