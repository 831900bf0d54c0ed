/**
 * On-demand list prices (USD per 1 000 tokens, us-east-1) of Bedrock models that have no simulator
 * profile: price-only entries, so any of these models can be planned and run on AWS with a bounded
 * cost. They carry no latency numbers (nothing is invented; the simulator does not serve them).
 * Verify before you rely on them, and pass `pricing` in the options for your own rate.
 *
 * Sources: [W] /work/shared/reference/bedrock-wire.md §11 (secondary sources citing the AWS pricing
 * page); [M] a models.dev-derived Bedrock model table (per-1M prices, us-east-1) read through code
 * search on 2026-12-04. Cache prices: Claude read 0.1× / write 1.25× of input (bedrock-wire §10.3);
 * models without prompt caching bill cached tokens like input (neutral). Entries marked `uncertain`
 * have conflicting sources.
 */
import type { Pricing } from '../model-profile.ts'

/** A price-only entry. */
export interface ListPrice {
  /** Base model id (prefixed ids and ARNs resolve to it). */
  modelId: string
  displayName: string
  pricing: Pricing
  /** True where sources disagree; the source names the alternatives. */
  uncertain?: boolean
}

/** The date every entry's prices were read. */
export const LIST_PRICES_AS_OF = '2026-12-04'

const M = 'models.dev-derived Bedrock table (us-east-1 on-demand, per 1M ÷ 1000)'
const PRICE_LIST_NOTE = 'another tool lists $0.09 / $0.35 per 1M read from the AWS Price List API (2026-07)'
const W = 'bedrock-wire.md §11 (secondary sources citing the AWS pricing page, 2026-03)'

/** Per-1M prices to an entry: `cache` = 'claude' (0.1× / 1.25×), 'nova' (read 0.25×, no write charge) or none. */
function entry(
  modelId: string,
  displayName: string,
  inPer1M: number,
  outPer1M: number,
  source: string,
  cache?: 'claude' | 'nova',
  uncertain?: string,
): ListPrice {
  const input = inPer1M / 1000
  const read = cache === 'claude' ? input * 0.1 : cache === 'nova' ? input * 0.25 : input
  const write = cache === 'claude' ? input * 1.25 : cache === 'nova' ? 0 : input
  return {
    modelId,
    displayName,
    pricing: {
      inputPer1k: input,
      outputPer1k: outPer1M / 1000,
      cacheReadPer1k: read,
      cacheWritePer1k: write,
      asOf: LIST_PRICES_AS_OF,
      source: uncertain ? `${source}; UNCERTAIN: ${uncertain}` : source,
    },
    ...(uncertain ? { uncertain: true } : {}),
  }
}

/** The shipped price-only entries (≥ 25 ids across Claude, Nova, Llama, Mistral, DeepSeek, gpt-oss, Qwen). */
export const LIST_PRICES: readonly ListPrice[] = [
  entry('anthropic.claude-sonnet-4-5-20250929-v1:0', 'Claude Sonnet 4.5', 3, 15, `${W}; ${M}`, 'claude'),
  entry('anthropic.claude-sonnet-4-6', 'Claude Sonnet 4.6', 3, 15, `${W}; ${M}`, 'claude'),
  entry('anthropic.claude-3-5-sonnet-20241022-v2:0', 'Claude 3.5 Sonnet v2', 3, 15, `${W}; ${M}`, 'claude'),
  entry('anthropic.claude-opus-4-20250514-v1:0', 'Claude Opus 4', 15, 75, `${W}; ${M}`, 'claude'),
  entry('anthropic.claude-opus-4-1-20250805-v1:0', 'Claude Opus 4.1', 15, 75, `${W}; ${M}`, 'claude'),
  entry('anthropic.claude-opus-4-5-20251101-v1:0', 'Claude Opus 4.5', 5, 25, `${W}; ${M}`, 'claude'),
  entry('anthropic.claude-opus-4-6-v1', 'Claude Opus 4.6', 5, 25, `${W}; ${M}`, 'claude'),
  entry('anthropic.claude-3-haiku-20240307-v1:0', 'Claude 3 Haiku', 0.25, 1.25, M, 'claude'),
  entry('amazon.nova-premier-v1:0', 'Nova Premier', 2.5, 12.5, M, 'nova'),
  entry('amazon.nova-2-lite-v1:0', 'Nova 2 Lite', 0.33, 2.75, M, 'nova', 'one source only'),
  entry('meta.llama4-maverick-17b-instruct-v1:0', 'Llama 4 Maverick 17B', 0.24, 0.97, M),
  entry('meta.llama4-scout-17b-instruct-v1:0', 'Llama 4 Scout 17B', 0.17, 0.66, M),
  entry('mistral.mistral-large-3-675b-instruct', 'Mistral Large 3', 0.5, 1.5, M),
  entry('mistral.pixtral-large-2502-v1:0', 'Pixtral Large (25.02)', 2, 6, M),
  entry('mistral.magistral-small-2509', 'Magistral Small 1.2', 0.5, 1.5, M),
  entry('mistral.ministral-3-8b-instruct', 'Ministral 3 8B', 0.15, 0.15, M),
  entry('mistral.ministral-3-3b-instruct', 'Ministral 3 3B', 0.1, 0.1, M),
  entry('mistral.devstral-2-123b', 'Devstral 2 123B', 0.4, 2, M),
  entry('deepseek.r1-v1:0', 'DeepSeek-R1', 1.35, 5.4, M),
  entry('deepseek.v3-v1:0', 'DeepSeek-V3.1', 0.58, 1.68, M),
  entry('deepseek.v3.2', 'DeepSeek-V3.2', 0.62, 1.85, M),
  entry('openai.gpt-oss-120b-1:0', 'gpt-oss-120b', 0.15, 0.6, M, undefined, PRICE_LIST_NOTE),
  entry('openai.gpt-oss-20b-1:0', 'gpt-oss-20b', 0.07, 0.3, M),
  entry('qwen.qwen3-235b-a22b-2507-v1:0', 'Qwen3 235B A22B 2507', 0.22, 0.88, M),
  entry('qwen.qwen3-32b-v1:0', 'Qwen3 32B', 0.15, 0.6, M, undefined, PRICE_LIST_NOTE),
  entry('qwen.qwen3-coder-30b-a3b-v1:0', 'Qwen3 Coder 30B A3B', 0.15, 0.6, M),
  entry('qwen.qwen3-coder-480b-a35b-v1:0', 'Qwen3 Coder 480B A35B', 0.22, 1.8, M),
  entry('qwen.qwen3-next-80b-a3b', 'Qwen3 Next 80B A3B', 0.14, 1.4, M),
]
