/**
 * Client-side InvokeModel native bodies, keyed by model family: build the request body, read a
 * response body, and read one decoded stream chunk (its content text, stop reason and usage).
 * Which chunk counts as the first content token: the first chunk whose text is non-empty —
 * Anthropic `content_block_delta` with a `text_delta`; Nova `contentBlockDelta.delta.text`;
 * Llama `generation`; Mistral `outputs[0].text`; Titan `outputText`. Pure.
 */
import type { ModelFamily } from '../model-profile.ts'

/** What to send, family-neutral. */
export interface NativeInput {
  messages: Array<{ role: 'user' | 'assistant'; text: string }>
  system: string | null
  maxTokens: number
  temperature?: number
  topP?: number
  stopSequences?: string[]
  cachePoint: boolean
}

/** Token usage read from a native body or chunk; `null` fields were not reported. */
export interface NativeUsage {
  inputTokens: number | null
  outputTokens: number | null
  cacheReadTokens: number | null
  cacheWriteTokens: number | null
}

/** What one native response or stream chunk says. */
export interface NativeReading extends NativeUsage {
  /** Generated text in this body/chunk ('' when none). */
  text: string
  /** Stop reason, when this body/chunk carries one. */
  stopReason: string | null
}

type Json = Record<string, unknown>
const obj = (v: unknown): Json => (typeof v === 'object' && v !== null ? (v as Json) : {})
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null)
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null)
const none: NativeUsage = { inputTokens: null, outputTokens: null, cacheReadTokens: null, cacheWriteTokens: null }

/** A plain-text prompt for prompt-completion families (Llama 3 chat template / Mistral [INST]). */
function promptText(family: 'llama' | 'mistral' | 'titan', input: NativeInput): string {
  if (family === 'llama') {
    const sys = input.system ? `<|start_header_id|>system<|end_header_id|>\n\n${input.system}<|eot_id|>` : ''
    const turns = input.messages
      .map(m => `<|start_header_id|>${m.role}<|end_header_id|>\n\n${m.text}<|eot_id|>`)
      .join('')
    return `<|begin_of_text|>${sys}${turns}<|start_header_id|>assistant<|end_header_id|>\n\n`
  }
  if (family === 'mistral') {
    const sys = input.system ? `${input.system}\n\n` : ''
    const turns = input.messages.map((m, i) =>
      m.role === 'user' ? `[INST] ${i === 0 ? sys : ''}${m.text} [/INST]` : `${m.text}</s>`,
    )
    return `<s>${turns.join('')}`
  }
  const sys = input.system ? `${input.system}\n\n` : ''
  return sys + input.messages.map(m => `${m.role === 'user' ? 'User' : 'Bot'}: ${m.text}`).join('\n') + '\nBot:'
}

/** The native InvokeModel request body for `family`. */
export function nativeRequestBody(family: ModelFamily, input: NativeInput): Json {
  const { maxTokens, temperature, topP, stopSequences } = input
  const stops = stopSequences && stopSequences.length > 0 ? stopSequences : undefined
  switch (family) {
    case 'anthropic': {
      const cache = { cache_control: { type: 'ephemeral' } }
      const messages = input.messages.map((m, i) => ({
        role: m.role,
        content: [{ type: 'text', text: m.text, ...(input.cachePoint && i === 0 && !input.system ? cache : {}) }],
      }))
      return {
        anthropic_version: 'bedrock-2023-05-31',
        max_tokens: maxTokens,
        messages,
        ...(input.system ? { system: [{ type: 'text', text: input.system, ...(input.cachePoint ? cache : {}) }] } : {}),
        ...(temperature !== undefined ? { temperature } : {}),
        ...(topP !== undefined ? { top_p: topP } : {}),
        ...(stops ? { stop_sequences: stops } : {}),
      }
    }
    case 'nova': {
      const messages = input.messages.map((m, i) => ({
        role: m.role,
        content: [
          { text: m.text },
          ...(input.cachePoint && i === 0 && !input.system ? [{ cachePoint: { type: 'default' } }] : []),
        ],
      }))
      return {
        schemaVersion: 'messages-v1',
        messages,
        ...(input.system
          ? { system: [{ text: input.system }, ...(input.cachePoint ? [{ cachePoint: { type: 'default' } }] : [])] }
          : {}),
        inferenceConfig: {
          maxTokens,
          ...(temperature !== undefined ? { temperature } : {}),
          ...(topP !== undefined ? { topP } : {}),
          ...(stops ? { stopSequences: stops } : {}),
        },
      }
    }
    case 'llama':
      return {
        prompt: promptText('llama', input),
        max_gen_len: maxTokens,
        ...(temperature !== undefined ? { temperature } : {}),
        ...(topP !== undefined ? { top_p: topP } : {}),
      }
    case 'mistral':
      return {
        prompt: promptText('mistral', input),
        max_tokens: maxTokens,
        ...(temperature !== undefined ? { temperature } : {}),
        ...(topP !== undefined ? { top_p: topP } : {}),
        ...(stops ? { stop: stops } : {}),
      }
    case 'titan':
      return {
        inputText: promptText('titan', input),
        textGenerationConfig: {
          maxTokenCount: maxTokens,
          ...(temperature !== undefined ? { temperature } : {}),
          ...(topP !== undefined ? { topP } : {}),
          ...(stops ? { stopSequences: stops } : {}),
        },
      }
  }
}

function anthropicUsage(u: Json): NativeUsage {
  return {
    inputTokens: num(u.input_tokens),
    outputTokens: num(u.output_tokens),
    cacheReadTokens: num(u.cache_read_input_tokens),
    cacheWriteTokens: num(u.cache_creation_input_tokens),
  }
}

function novaUsage(u: Json): NativeUsage {
  return {
    inputTokens: num(u.inputTokens),
    outputTokens: num(u.outputTokens),
    cacheReadTokens: num(u.cacheReadInputTokenCount),
    cacheWriteTokens: num(u.cacheWriteInputTokenCount),
  }
}

/** Reads a complete (non-streamed) native response body. */
export function readNativeResponse(family: ModelFamily, body: unknown): NativeReading {
  const b = obj(body)
  switch (family) {
    case 'anthropic': {
      const content = Array.isArray(b.content) ? b.content.map(obj) : []
      return {
        ...anthropicUsage(obj(b.usage)),
        text: content.map(c => str(c.text) ?? '').join(''),
        stopReason: str(b.stop_reason),
      }
    }
    case 'nova': {
      const content = obj(obj(b.output).message).content
      const text = Array.isArray(content) ? content.map(c => str(obj(c).text) ?? '').join('') : ''
      return { ...novaUsage(obj(b.usage)), text, stopReason: str(b.stopReason) }
    }
    case 'llama':
      return {
        ...none,
        inputTokens: num(b.prompt_token_count),
        outputTokens: num(b.generation_token_count),
        text: str(b.generation) ?? '',
        stopReason: str(b.stop_reason),
      }
    case 'mistral': {
      const out = obj(Array.isArray(b.outputs) ? b.outputs[0] : undefined)
      return { ...none, text: str(out.text) ?? '', stopReason: str(out.stop_reason) }
    }
    case 'titan': {
      const r = obj(Array.isArray(b.results) ? b.results[0] : undefined)
      return {
        ...none,
        inputTokens: num(b.inputTextTokenCount),
        outputTokens: num(r.tokenCount),
        text: str(r.outputText) ?? '',
        stopReason: str(r.completionReason),
      }
    }
  }
}

/** Reads one decoded stream chunk. Usage fields are cumulative where the family reports them. */
export function readNativeChunk(family: ModelFamily, chunk: unknown): NativeReading {
  const c = obj(chunk)
  switch (family) {
    case 'anthropic': {
      if (c.type === 'message_start')
        return { ...anthropicUsage(obj(obj(c.message).usage)), outputTokens: null, text: '', stopReason: null }
      if (c.type === 'content_block_delta') {
        const d = obj(c.delta)
        return { ...none, text: d.type === 'text_delta' ? (str(d.text) ?? '') : '', stopReason: null }
      }
      if (c.type === 'message_delta')
        return {
          ...none,
          outputTokens: num(obj(c.usage).output_tokens),
          text: '',
          stopReason: str(obj(c.delta).stop_reason),
        }
      return { ...none, text: '', stopReason: null }
    }
    case 'nova': {
      if (c.contentBlockDelta !== undefined)
        return { ...none, text: str(obj(obj(c.contentBlockDelta).delta).text) ?? '', stopReason: null }
      if (c.messageStop !== undefined) return { ...none, text: '', stopReason: str(obj(c.messageStop).stopReason) }
      if (c.metadata !== undefined) return { ...novaUsage(obj(obj(c.metadata).usage)), text: '', stopReason: null }
      return { ...none, text: '', stopReason: null }
    }
    case 'llama':
      return {
        ...none,
        inputTokens: num(c.prompt_token_count),
        outputTokens: num(c.generation_token_count),
        text: str(c.generation) ?? '',
        stopReason: str(c.stop_reason),
      }
    case 'mistral': {
      const out = obj(Array.isArray(c.outputs) ? c.outputs[0] : undefined)
      return { ...none, text: str(out.text) ?? '', stopReason: str(out.stop_reason) }
    }
    case 'titan':
      return {
        ...none,
        inputTokens: num(c.inputTextTokenCount),
        outputTokens: num(c.totalOutputTextTokenCount),
        text: str(c.outputText) ?? '',
        stopReason: str(c.completionReason),
      }
  }
}

/** Bedrock's `amazon-bedrock-invocationMetrics` of a (last) chunk, or `null` when absent. */
export function readInvocationMetrics(
  chunk: unknown,
): (NativeUsage & { latencyMs: number | null; firstByteMs: number | null }) | null {
  const m = obj(chunk)['amazon-bedrock-invocationMetrics']
  if (m === undefined) return null
  const x = obj(m)
  return {
    inputTokens: num(x.inputTokenCount),
    outputTokens: num(x.outputTokenCount),
    cacheReadTokens: num(x.cacheReadInputTokenCount),
    cacheWriteTokens: num(x.cacheWriteInputTokenCount),
    latencyMs: num(x.invocationLatency),
    firstByteMs: num(x.firstByteLatency),
  }
}
