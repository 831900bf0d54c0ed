/**
 * Mistral text-completion bodies (bedrock-wire §8): request `prompt` (+ `max_tokens`, `stop`,
 * `temperature`, `top_p`, `top_k`); response and stream chunks `outputs[{text, stop_reason}]`.
 */
import type { FamilyCodec, NeutralCompletion, NeutralStopReason, StreamContext } from './family.ts'
import { llamaStopReason } from './llama.ts'
import { parsePromptBody, type PromptBodySpec } from './native-body.ts'

const SPEC: PromptBodySpec = {
  keys: ['prompt', 'max_tokens', 'stop', 'temperature', 'top_p', 'top_k'],
  prompt: 'prompt',
  maxTokens: 'max_tokens',
  temperature: 'temperature',
  topP: 'top_p',
  topK: 'top_k',
  stop: 'stop',
}

/** The Mistral codec; stop reasons are Llama's (`stop` | `length`). */
export const mistralCodec: FamilyCodec = {
  family: 'mistral',
  parseRequest: (body: unknown) => parsePromptBody(body, SPEC),
  renderResponse(c: NeutralCompletion) {
    return { outputs: [{ text: c.text, stop_reason: llamaStopReason(c.stopReason) }] }
  },
  streamStart() {
    return []
  },
  streamDelta(_ctx: StreamContext, text: string) {
    return [{ outputs: [{ text, stop_reason: null }] }]
  },
  streamEnd(_ctx: StreamContext, stopReason: NeutralStopReason) {
    return [{ outputs: [{ text: '', stop_reason: llamaStopReason(stopReason) }] }]
  },
}
