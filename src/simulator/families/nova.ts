/**
 * Amazon Nova native bodies (bedrock-wire §8): the request is Converse-shaped (`messages`, `system`,
 * `inferenceConfig.maxTokens` or Nova 1's `max_new_tokens`, `cachePoint` blocks) and is validated by
 * the Converse parser; the response is `output.message` + `stopReason` + `usage`; stream chunks are
 * Converse-like keyed objects (`messageStart`, `contentBlockDelta`, …, `metadata`).
 */
import { parseConverseRequest } from '../converse-request.ts'
import type {
  FamilyCodec,
  NeutralCompletion,
  NeutralStopReason,
  NeutralUsage,
  ParseResult,
  StreamContext,
} from './family.ts'
import { NativeBody } from './native-body.ts'

function parseRequest(body: unknown): ParseResult {
  const r = new NativeBody()
  const root = r.root(body)
  if (!root) return { ok: false, message: r.error! }
  if (root.schemaVersion !== undefined && root.schemaVersion !== 'messages-v1')
    r.fail('schemaVersion', '"messages-v1" (or absent)', root.schemaVersion)
  const config = r.object(root, 'inferenceConfig', 'inferenceConfig')
  const maxNewTokens = r.number(config, 'max_new_tokens', 'inferenceConfig.max_new_tokens', { min: 1, int: true })
  r.number(config, 'topK', 'inferenceConfig.topK', { min: 0, int: true })
  if (r.error) return { ok: false, message: r.error }
  const normalized =
    maxNewTokens !== null && config.maxTokens === undefined
      ? { ...root, inferenceConfig: { ...config, maxTokens: maxNewTokens } }
      : root
  // The model's own output limit is checked by the handler, which knows the profile.
  const parsed = parseConverseRequest(normalized, Number.MAX_SAFE_INTEGER)
  return parsed.ok ? { ok: true, request: parsed.value.request } : { ok: false, message: parsed.message }
}

/** Nova `usage`; `totalTokens` includes cache reads and writes (as reported for Converse, bedrock-wire §2.3). */
function usageJson(u: NeutralUsage) {
  return {
    inputTokens: u.inputTokens,
    outputTokens: u.outputTokens,
    totalTokens: u.inputTokens + u.outputTokens + u.cacheReadTokens + u.cacheWriteTokens,
    cacheReadInputTokenCount: u.cacheReadTokens,
    cacheWriteInputTokenCount: u.cacheWriteTokens,
  }
}

/** The Amazon Nova codec. */
export const novaCodec: FamilyCodec = {
  family: 'nova',
  parseRequest,
  renderResponse(c: NeutralCompletion) {
    return {
      output: { message: { role: 'assistant', content: [{ text: c.text }] } },
      stopReason: c.stopReason,
      usage: usageJson(c.usage),
    }
  },
  streamStart() {
    return [{ messageStart: { role: 'assistant' } }]
  },
  streamDelta(_ctx: StreamContext, text: string) {
    return [{ contentBlockDelta: { delta: { text }, contentBlockIndex: 0 } }]
  },
  streamEnd(_ctx: StreamContext, stopReason: NeutralStopReason, usage: NeutralUsage) {
    return [
      { contentBlockStop: { contentBlockIndex: 0 } },
      { messageStop: { stopReason } },
      { metadata: { usage: usageJson(usage), metrics: {}, trace: {} } },
    ]
  },
}
