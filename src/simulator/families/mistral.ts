/**
 * Mistral text-completion bodies (bedrock-wire §8): request `prompt` (+ `max_tokens`, `stop`,
 * `temperature`, `top_p`, `top_k`); response and stream chunks `outputs[{text, stop_reason}]`.
 */
import type { FamilyCodec, NeutralCompletion, NeutralStopReason, ParseResult, StreamContext } from './family.ts'
import { llamaStopReason } from './llama.ts'
import { NativeBody, promptRequest } from './native-body.ts'

const KEYS = ['prompt', 'max_tokens', 'stop', 'temperature', 'top_p', 'top_k']

function parseRequest(body: unknown): ParseResult {
  const r = new NativeBody()
  const root = r.root(body)
  if (!root) return { ok: false, message: r.error! }
  r.noExtraKeys(root, KEYS)
  const prompt = r.string(root, 'prompt', 'prompt', true)
  const maxTokens = r.number(root, 'max_tokens', 'max_tokens', { min: 1, int: true })
  const temperature = r.number(root, 'temperature', 'temperature', { min: 0, max: 1 })
  const topP = r.number(root, 'top_p', 'top_p', { min: 0, max: 1 })
  r.number(root, 'top_k', 'top_k', { min: 0, int: true })
  const stop = r.strings(root, 'stop', 'stop')
  if (r.error) return { ok: false, message: r.error }
  return { ok: true, request: promptRequest(prompt!, maxTokens, temperature, topP, stop) }
}

/** The Mistral codec; stop reasons are Llama's (`stop` | `length`). */
export const mistralCodec: FamilyCodec = {
  family: 'mistral',
  parseRequest,
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
