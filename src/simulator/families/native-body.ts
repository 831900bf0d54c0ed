/**
 * Reads fields of a model-native InvokeModel body with Bedrock-style validation: the first problem
 * becomes the 400 ValidationException message, naming the field, what was expected and what came.
 * Shared by the family codecs.
 */
import type { ParseResult } from './family.ts'

type Obj = Record<string, unknown>

/** True for a plain JSON object (not an array, not null). */
export function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function show(v: unknown): string {
  if (v === undefined) return 'nothing'
  const s = JSON.stringify(v)
  return s.length > 60 ? s.slice(0, 57) + '...' : s
}

/** Number constraints for {@link NativeBody.number}. */
export interface NumberRule {
  min?: number
  max?: number
  int?: boolean
  required?: boolean
}

/** A validating reader; after reading, `error` is the first problem found or `null`. */
export class NativeBody {
  /** First validation message, or `null` when every field read so far was valid. */
  error: string | null = null

  /**
   * Records a problem (only the first one is kept). `path` is the field path, e.g.
   * `textGenerationConfig.maxTokenCount`.
   */
  fail(path: string, expected: string, got: unknown): void {
    this.error ??=
      `Malformed input request: \`${path}\` must be ${expected}, got ${show(got)}. Please reformat your input ` +
      `and try again.`
  }

  /** The root object, or `null` (and an error) when the body is not a JSON object. */
  root(body: unknown): Obj | null {
    if (isObject(body)) return body
    this.error ??=
      `Malformed input request: the body must be a JSON object, got ${show(body)}. Please reformat your input ` +
      `and try again.`
    return null
  }

  /** Flags the first key of `obj` not in `allowed` (Bedrock rejects extraneous keys in native bodies). */
  noExtraKeys(obj: Obj, allowed: readonly string[], path = ''): void {
    const extra = Object.keys(obj).find(k => !allowed.includes(k))
    if (extra !== undefined) {
      this.error ??=
        `Malformed input request: extraneous key \`${path}${extra}\` is not permitted (allowed: ` +
        `${allowed.join(', ')}). Please reformat your input and try again.`
    }
  }

  /** A number field; `null` when absent and not required. */
  number(obj: Obj, key: string, path: string, rule: NumberRule): number | null {
    const v = obj[key]
    if (v === undefined && !rule.required) return null
    const min = rule.min ?? -Infinity
    const max = rule.max ?? Infinity
    if (typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max && (!rule.int || Number.isInteger(v)))
      return v
    const bounds = [min > -Infinity ? `≥ ${min}` : '', max < Infinity ? `≤ ${max}` : '']
    const range = bounds.filter(Boolean).join(' and ')
    this.fail(
      path,
      `${rule.required ? '(required) ' : ''}${rule.int ? 'an integer' : 'a number'}${range ? ' ' + range : ''}`,
      v,
    )
    return null
  }

  /** A string field; `null` when absent and not required. */
  string(obj: Obj, key: string, path: string, required: boolean): string | null {
    const v = obj[key]
    if (v === undefined && !required) return null
    if (typeof v === 'string') return v
    this.fail(path, `${required ? '(required) ' : ''}a string`, v)
    return null
  }

  /** An optional array of strings (stop sequences); `[]` when absent. */
  strings(obj: Obj, key: string, path: string): string[] {
    const v = obj[key]
    if (v === undefined) return []
    if (Array.isArray(v) && v.every(s => typeof s === 'string')) return v
    this.fail(path, 'an array of strings', v)
    return []
  }

  /** An optional nested object; `{}` when absent. */
  object(obj: Obj, key: string, path: string): Obj {
    const v = obj[key]
    if (v === undefined) return {}
    if (isObject(v)) return v
    this.fail(path, 'an object', v)
    return {}
  }
}

/** Where a single-prompt family (Llama, Mistral, Titan) keeps its fields. */
export interface PromptBodySpec {
  /** Allowed top-level keys. */
  keys: readonly string[]
  /** Key of the (required) prompt string. */
  prompt: string
  /** Nested object holding the sampling fields (Titan's `textGenerationConfig`); absent = top level. */
  config?: { key: string; keys: readonly string[] }
  maxTokens: string
  temperature: string
  topP: string
  topK?: string
  stop?: string
}

/** Parses a single-prompt body into a neutral request with one user message. */
export function parsePromptBody(body: unknown, spec: PromptBodySpec): ParseResult {
  const r = new NativeBody()
  const root = r.root(body)
  if (!root) return { ok: false, message: r.error! }
  r.noExtraKeys(root, spec.keys)
  const prompt = r.string(root, spec.prompt, spec.prompt, true)
  const prefix = spec.config ? `${spec.config.key}.` : ''
  const cfg = spec.config ? r.object(root, spec.config.key, spec.config.key) : root
  if (spec.config) r.noExtraKeys(cfg, spec.config.keys, prefix)
  const maxTokens = r.number(cfg, spec.maxTokens, prefix + spec.maxTokens, { min: 1, int: true })
  const temperature = r.number(cfg, spec.temperature, prefix + spec.temperature, { min: 0, max: 1 })
  const topP = r.number(cfg, spec.topP, prefix + spec.topP, { min: 0, max: 1 })
  if (spec.topK) r.number(cfg, spec.topK, prefix + spec.topK, { min: 0, int: true })
  const stopSequences = spec.stop ? r.strings(cfg, spec.stop, prefix + spec.stop) : []
  if (r.error) return { ok: false, message: r.error }
  return {
    ok: true,
    request: {
      system: null,
      messages: [{ role: 'user', text: prompt! }],
      maxTokens,
      temperature,
      topP,
      stopSequences,
      cachePoint: false,
    },
  }
}

/** `true` for the first stream chunk of a response. */
export function isFirstPiece(outputTokensSoFar: number, pieceTokens = 1): boolean {
  return outputTokensSoFar <= pieceTokens
}
