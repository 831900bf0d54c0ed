/**
 * Validates one model profile (already JSON-parsed) against `ModelProfile`, filling documented
 * defaults. Pure: no fs. Every problem is reported with the file, the field path, what was expected,
 * what came, and how to fix it.
 */
import type {
  Capacity,
  LatencySpec,
  LogNormalSpec,
  ModelFamily,
  ModelProfile,
  Pricing,
  Quotas,
} from '../model-profile.ts'

/** The model families a profile may name. */
export const MODEL_FAMILIES: readonly ModelFamily[] = ['anthropic', 'nova', 'llama', 'mistral', 'titan']

/** Either a valid profile (defaults filled in) or every problem found in it. */
export type ProfileParseResult = { ok: true; profile: ModelProfile } | { ok: false; errors: string[] }

type Obj = Record<string, unknown>

/** Collects problems while reading fields; `path` is the dotted field path inside the file. */
class FieldReader {
  readonly errors: string[] = []
  readonly fileName: string
  constructor(fileName: string) {
    this.fileName = fileName
  }

  fail(path: string, expected: string, got: unknown, fix: string): void {
    this.errors.push(`${this.fileName}: \`${path}\` must be ${expected}, got ${show(got)}. ${fix}`)
  }

  object(parent: Obj, key: string, path: string): Obj | undefined {
    const v = parent[key]
    if (isObj(v)) return v
    this.fail(path, 'an object', v, `Add the \`${path}\` object (see src/model-profile.ts).`)
    return undefined
  }

  string(parent: Obj, key: string, path: string, fix: string): string {
    const v = parent[key]
    if (typeof v === 'string' && v.length > 0) return v
    this.fail(path, 'a non-empty string', v, fix)
    return ''
  }

  /** A finite number in [min, max]; `def` is used when the field is absent. */
  number(
    parent: Obj,
    key: string,
    path: string,
    opts: { min?: number; max?: number; int?: boolean; def?: number; unit?: string },
  ): number {
    const v = parent[key]
    if (v === undefined && opts.def !== undefined) return opts.def
    const min = opts.min ?? -Infinity
    const max = opts.max ?? Infinity
    const ok = typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max && (!opts.int || Number.isInteger(v))
    if (ok) return v
    const kind = opts.int ? 'an integer' : 'a number'
    const bounds = [min > -Infinity ? `≥ ${min}` : '', max < Infinity ? `≤ ${max}` : '']
    const range = bounds.filter(Boolean).join(' and ')
    const unit = opts.unit ? ` (${opts.unit})` : ''
    this.fail(
      path,
      `${kind}${range ? ' ' + range : ''}${unit}`,
      v,
      `Set \`${path}\` to a value in range` +
        `${opts.def !== undefined ? `, or remove it to use the default ${opts.def}` : ''}.`,
    )
    return Number.NaN
  }
}

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function show(v: unknown): string {
  if (v === undefined) return 'nothing (the field is missing)'
  const s = JSON.stringify(v)
  return `\`${s.length > 60 ? s.slice(0, 57) + '...' : s}\``
}

function logNormal(r: FieldReader, parent: Obj, key: string, path: string, unit: string): LogNormalSpec {
  const o = r.object(parent, key, path) ?? {}
  return {
    median: r.number(o, 'median', `${path}.median`, { min: 0, unit }),
    p90OverP50: r.number(o, 'p90OverP50', `${path}.p90OverP50`, { min: 1, def: 1.5, unit: 'ratio p90/p50' }),
  }
}

function latency(r: FieldReader, parent: Obj, key: string): LatencySpec {
  const o = r.object(parent, key, key) ?? {}
  return {
    ttftMs: logNormal(r, o, 'ttftMs', `${key}.ttftMs`, 'ms'),
    prefillMsPer1kTokens: r.number(o, 'prefillMsPer1kTokens', `${key}.prefillMsPer1kTokens`, {
      min: 0,
      def: 0,
      unit: 'ms per 1 000 input tokens',
    }),
    decodeTokensPerSec: r.number(o, 'decodeTokensPerSec', `${key}.decodeTokensPerSec`, {
      min: Number.MIN_VALUE,
      unit: 'tokens/s, > 0',
    }),
    decodeJitter: r.number(o, 'decodeJitter', `${key}.decodeJitter`, {
      min: 0,
      max: 1,
      def: 0.1,
      unit: 'fraction of the inter-token time',
    }),
  }
}

function pricing(r: FieldReader, parent: Obj): Pricing {
  const o = r.object(parent, 'pricing', 'pricing') ?? {}
  const usd = (k: string) => r.number(o, k, `pricing.${k}`, { min: 0, unit: 'USD per 1 000 tokens' })
  const p: Pricing = {
    inputPer1k: usd('inputPer1k'),
    outputPer1k: usd('outputPer1k'),
    cacheReadPer1k: usd('cacheReadPer1k'),
    cacheWritePer1k: usd('cacheWritePer1k'),
    asOf: r.string(o, 'asOf', 'pricing.asOf', 'Set it to the ISO date (YYYY-MM-DD) the price was read.'),
    source: r.string(o, 'source', 'pricing.source', 'Name where the price came from.'),
  }
  if (p.asOf && !/^\d{4}-\d{2}-\d{2}$/.test(p.asOf))
    r.fail('pricing.asOf', 'an ISO date YYYY-MM-DD', p.asOf, 'Write the date as e.g. `2026-03-01`.')
  return p
}

function quotas(r: FieldReader, parent: Obj): Quotas {
  const o = r.object(parent, 'quotas', 'quotas') ?? {}
  const rpm =
    o.rpm === null
      ? null
      : r.number(o, 'rpm', 'quotas.rpm', { min: 1, int: true, unit: 'requests/min, or null for not enforced' })
  return {
    tpm: r.number(o, 'tpm', 'quotas.tpm', { min: 1, int: true, unit: 'tokens/min' }),
    rpm,
    outputBurndown: r.number(o, 'outputBurndown', 'quotas.outputBurndown', {
      min: 1,
      def: 1,
      unit: 'multiplier on output tokens',
    }),
  }
}

function capacity(r: FieldReader, parent: Obj): Capacity {
  const o = r.object(parent, 'capacity', 'capacity') ?? {}
  return {
    concurrentGenerations: r.number(o, 'concurrentGenerations', 'capacity.concurrentGenerations', {
      min: 1,
      int: true,
      unit: 'generations',
    }),
    queueLimit: r.number(o, 'queueLimit', 'capacity.queueLimit', { min: 0, int: true, unit: 'waiting requests' }),
    decodeSlowdownPerActive: r.number(o, 'decodeSlowdownPerActive', 'capacity.decodeSlowdownPerActive', {
      min: 0,
      max: 1,
      def: 0.005,
      unit: 'fraction per generation',
    }),
  }
}

/**
 * Validates `json` as a `ModelProfile` and fills the documented defaults
 * (`p90OverP50` 1.5, `prefillMsPer1kTokens` 0, `decodeJitter` 0.1, `outputBurndown` 1,
 * `decodeSlowdownPerActive` 0.005, `cachedPrefillFactor` 0.1). Pure.
 * @param json the parsed JSON of one profile file
 * @param fileName used to prefix every error message (e.g. `claude-3-5-haiku.json`)
 */
export function parseProfile(json: unknown, fileName: string): ProfileParseResult {
  const r = new FieldReader(fileName)
  if (!isObj(json)) {
    r.fail('(root)', 'a JSON object', json, 'The file must contain one ModelProfile object.')
    return { ok: false, errors: r.errors }
  }
  const family = json.family
  if (!MODEL_FAMILIES.includes(family as ModelFamily)) {
    r.fail(
      'family',
      `one of ${MODEL_FAMILIES.map(f => `\`${f}\``).join(', ')}`,
      family,
      'Pick the family whose native InvokeModel body the model speaks.',
    )
  }
  const profile: ModelProfile = {
    modelId: r.string(
      json,
      'modelId',
      'modelId',
      'Set it to the base model id, e.g. `anthropic.claude-3-5-haiku-20241022-v1:0`.',
    ),
    displayName: r.string(json, 'displayName', 'displayName', 'Set a short display name, e.g. `Claude 3.5 Haiku`.'),
    family: family as ModelFamily,
    contextWindowTokens: r.number(json, 'contextWindowTokens', 'contextWindowTokens', {
      min: 1,
      int: true,
      unit: 'tokens',
    }),
    maxOutputTokens: r.number(json, 'maxOutputTokens', 'maxOutputTokens', { min: 1, int: true, unit: 'tokens' }),
    outputTokens: logNormal(r, json, 'outputTokens', 'outputTokens', 'tokens'),
    standard: latency(r, json, 'standard'),
    pricing: pricing(r, json),
    quotas: quotas(r, json),
    capacity: capacity(r, json),
    illustrative: true,
    source: r.string(json, 'source', 'source', 'Say where the numbers are modelled from.'),
  }
  if (json.optimized !== undefined) profile.optimized = latency(r, json, 'optimized')
  if (json.cacheMinTokens !== undefined) {
    profile.cacheMinTokens = r.number(json, 'cacheMinTokens', 'cacheMinTokens', { min: 1, int: true, unit: 'tokens' })
  }
  profile.cachedPrefillFactor = r.number(json, 'cachedPrefillFactor', 'cachedPrefillFactor', {
    min: 0,
    max: 1,
    def: 0.1,
    unit: 'TTFT multiplier',
  })
  if (json.illustrative !== true) {
    r.fail(
      'illustrative',
      '`true`',
      json.illustrative,
      'Profiles are modelled, not measured on AWS: add `"illustrative": true`.',
    )
  }
  if (profile.maxOutputTokens > profile.contextWindowTokens) {
    r.fail(
      'maxOutputTokens',
      `≤ contextWindowTokens (${profile.contextWindowTokens})`,
      profile.maxOutputTokens,
      'Lower `maxOutputTokens` or raise `contextWindowTokens`.',
    )
  }
  return r.errors.length > 0 ? { ok: false, errors: r.errors } : { ok: true, profile }
}
