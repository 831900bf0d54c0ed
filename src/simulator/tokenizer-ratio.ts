/**
 * Characters per token of each model family's tokenizer, for the simulator's deterministic input
 * token count. Real tokenizers differ: the same English text is more tokens for a small-vocabulary
 * tokenizer (Mistral 7B's 32 k SentencePiece vocabulary) than for a large one (Llama 3's 128 k
 * tiktoken-style vocabulary). The ratios below are illustrative averages for English prose (order of
 * magnitude from public tokenizer comparisons, not measured on Bedrock), chosen so that token
 * efficiency — and with it input cost per task — differs across families as it does on Bedrock.
 * docs/metrics.md lists them.
 */
import type { ModelFamily } from '../model-profile.ts'

/** UTF-16 code units per input token, by family. */
export const CHARS_PER_TOKEN: Readonly<Record<ModelFamily, number>> = {
  /** Claude's tokenizer splits English more finely than the GPT-style average of ~4. */
  anthropic: 3.5,
  /** Nova: close to the ~4 characters per token of common BPE tokenizers. */
  nova: 4,
  /** Llama 3.x: 128 k vocabulary, the most characters per token of the five. */
  llama: 4.4,
  /** Mistral: 32 k SentencePiece vocabulary, the fewest characters per token. */
  mistral: 3.2,
  /** Titan Text. */
  titan: 3.8,
}

/**
 * Characters per token of `family`'s tokenizer.
 *
 * @param family - the model family
 * @returns UTF-16 code units per token (see `CHARS_PER_TOKEN`)
 */
export function charsPerToken(family: ModelFamily): number {
  return CHARS_PER_TOKEN[family]
}
