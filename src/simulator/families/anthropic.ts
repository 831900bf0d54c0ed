/**
 * Anthropic Claude Messages on Bedrock (bedrock-wire §8, §4): request with `anthropic_version`,
 * `max_tokens`, `messages` (string or block content, `cache_control` checkpoints); response with a
 * `msg_bdrk_` id and `usage` cache fields; stream message_start … message_stop.
 */
import type {
  FamilyCodec,
  NeutralCompletion,
  NeutralMessage,
  NeutralStopReason,
  NeutralUsage,
  ParseResult,
  StreamContext,
} from './family.ts'
import { isObject, NativeBody } from './native-body.ts'

/** The only `anthropic_version` Bedrock accepts. */
export const ANTHROPIC_VERSION = 'bedrock-2023-05-31'

const KEYS = [
  'anthropic_version',
  'anthropic_beta',
  'max_tokens',
  'messages',
  'system',
  'temperature',
  'top_p',
  'top_k',
  'stop_sequences',
  'tools',
  'tool_choice',
  'thinking',
  'metadata',
]

/** The `model` field Anthropic reports: `anthropic.claude-3-5-haiku-20241022-v1:0` → `claude-3-5-haiku-20241022`. */
export function anthropicModelName(modelId: string): string {
  return modelId.replace(/^anthropic\./, '').replace(/-v\d+(:\d+)?$/, '')
}

/** Anthropic allows at most this many `cache_control` checkpoints per request. */
export const MAX_CACHE_CHECKPOINTS = 4

/**
 * Text of Anthropic content (string or blocks), the chars up to the end of the last `cache_control` block, and the
 * checkpoint count.
 */
function contentText(
  r: NativeBody,
  content: unknown,
  path: string,
): { text: string; cacheChars: number | undefined; checkpoints: number } {
  if (typeof content === 'string') return { text: content, cacheChars: undefined, checkpoints: 0 }
  if (!Array.isArray(content)) {
    r.fail(path, 'a string or an array of content blocks', content)
    return { text: '', cacheChars: undefined, checkpoints: 0 }
  }
  let text = ''
  let cacheChars: number | undefined
  let checkpoints = 0
  content.forEach((block, i) => {
    if (!isObject(block) || typeof block.type !== 'string')
      return r.fail(`${path}[${i}]`, 'a content block object with a string `type`', block)
    if (block.type === 'text' && typeof block.text !== 'string')
      return r.fail(`${path}[${i}].text`, 'a string', block.text)
    text += (text ? '\n' : '') + (block.type === 'text' ? (block.text as string) : JSON.stringify(block))
    if (block.cache_control !== undefined) {
      cacheChars = text.length
      checkpoints++
    }
  })
  return { text, cacheChars, checkpoints }
}

function parseRequest(body: unknown): ParseResult {
  const r = new NativeBody()
  const root = r.root(body)
  if (!root) return { ok: false, message: r.error! }
  if (root.anthropic_version !== ANTHROPIC_VERSION)
    r.fail('anthropic_version', `(required) "${ANTHROPIC_VERSION}"`, root.anthropic_version)
  const maxTokens = r.number(root, 'max_tokens', 'max_tokens', { min: 1, int: true, required: true })
  r.noExtraKeys(root, KEYS)
  const raw = root.messages
  const messages: NeutralMessage[] = []
  let cachePoint = false
  let checkpoints = 0
  if (!Array.isArray(raw) || raw.length === 0)
    r.fail('messages', '(required) a non-empty array of {"role","content"} objects', raw)
  else {
    raw.forEach((m, i) => {
      if (!isObject(m)) return r.fail(`messages[${i}]`, 'an object with "role" and "content"', m)
      if (m.role !== 'user' && m.role !== 'assistant')
        return r.fail(`messages[${i}].role`, '"user" or "assistant"', m.role)
      const { text, cacheChars, checkpoints: n } = contentText(r, m.content, `messages[${i}].content`)
      checkpoints += n
      const message: NeutralMessage = { role: m.role, text }
      if (cacheChars !== undefined) {
        message.cachePrefixChars = cacheChars
        cachePoint = true
      }
      messages.push(message)
    })
  }
  let system: string | null = null
  if (root.system !== undefined) {
    const s = contentText(r, root.system, 'system')
    system = s.text
    checkpoints += s.checkpoints
    if (s.cacheChars !== undefined) cachePoint = true
  }
  if (checkpoints > MAX_CACHE_CHECKPOINTS)
    r.fail('cache_control', `on at most ${MAX_CACHE_CHECKPOINTS} blocks`, checkpoints)
  const temperature = r.number(root, 'temperature', 'temperature', { min: 0, max: 1 })
  const topP = r.number(root, 'top_p', 'top_p', { min: 0, max: 1 })
  r.number(root, 'top_k', 'top_k', { min: 0, int: true })
  const stopSequences = r.strings(root, 'stop_sequences', 'stop_sequences')
  if (r.error) return { ok: false, message: r.error }
  return { ok: true, request: { system, messages, maxTokens, temperature, topP, stopSequences, cachePoint } }
}

function usageJson(inputTokens: number, cacheWrite: number, cacheRead: number, outputTokens: number) {
  return {
    input_tokens: inputTokens,
    cache_creation_input_tokens: cacheWrite,
    cache_read_input_tokens: cacheRead,
    output_tokens: outputTokens,
  }
}

/** The Anthropic Messages codec. */
export const anthropicCodec: FamilyCodec = {
  family: 'anthropic',
  parseRequest,
  renderResponse(c: NeutralCompletion) {
    return {
      id: c.id,
      type: 'message',
      role: 'assistant',
      model: anthropicModelName(c.modelId),
      content: [{ type: 'text', text: c.text }],
      stop_reason: c.stopReason,
      stop_sequence: c.stopSequence ?? null,
      usage: usageJson(c.usage.inputTokens, c.usage.cacheWriteTokens, c.usage.cacheReadTokens, c.usage.outputTokens),
    }
  },
  streamStart(ctx: StreamContext) {
    const usage = {
      ...usageJson(ctx.inputTokens, ctx.cacheWriteTokens, ctx.cacheReadTokens, 1),
      cache_creation: { ephemeral_5m_input_tokens: ctx.cacheWriteTokens, ephemeral_1h_input_tokens: 0 },
    }
    return [
      {
        type: 'message_start',
        message: {
          model: anthropicModelName(ctx.modelId),
          id: ctx.id,
          type: 'message',
          role: 'assistant',
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage,
        },
      },
      { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
    ]
  },
  streamDelta(_ctx: StreamContext, text: string) {
    return [{ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } }]
  },
  streamEnd(_ctx: StreamContext, stopReason: NeutralStopReason, usage: NeutralUsage, stopSequence?: string | null) {
    return [
      { type: 'content_block_stop', index: 0 },
      {
        type: 'message_delta',
        delta: { stop_reason: stopReason, stop_sequence: stopSequence ?? null },
        usage: { output_tokens: usage.outputTokens },
      },
      { type: 'message_stop' },
    ]
  },
}
