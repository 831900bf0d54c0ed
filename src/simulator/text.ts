/**
 * The simulator's deterministic text: pseudo-English generated token by token from a fixed
 * vocabulary, and a deterministic "tokenizer" for input text. Pure and fast (it runs per request at
 * thousands of requests/s): a 32-bit hash of (seed, prompt) seeds the simulator's PRNG; no
 * allocation beyond the token array.
 */
import type { NeutralStopReason } from './families/family.ts'
import { createRng, hashSeed } from './rng.ts'

/** Input of `generateText`. */
export interface GenerateTextOptions {
  /** Simulator seed; the same (seed, prompt, targetTokens) gives the same tokens. */
  seed: number
  /** The prompt text (any string; only its hash matters). */
  prompt: string
  /** Hard cap on output tokens (the request's maxTokens). Must be ≥ 0. */
  maxTokens: number
  /** Tokens the "model" wants to write (drawn from the profile's output-length distribution). */
  targetTokens: number
  /** Stop sequences; generation ends before the first occurrence. @default [] */
  stopSequences?: readonly string[]
}

/** Output of `generateText`. */
export interface GeneratedText {
  /** Output tokens in order; `tokens.length` IS the output token count, `tokens.join('')` the text. */
  tokens: string[]
  /** Why generation stopped. */
  stopReason: NeutralStopReason
  /** The stop sequence that ended generation, or `null`. */
  stopSequence: string | null
}

// Word pieces: a multi-piece entry is one word split into several tokens (as real tokenizers do).
const VOCAB: readonly (readonly string[])[] = [
  ['the'],
  ['a'],
  ['of'],
  ['to'],
  ['and'],
  ['in'],
  ['is'],
  ['it'],
  ['that'],
  ['for'],
  ['on'],
  ['with'],
  ['as'],
  ['this'],
  ['by'],
  ['we'],
  ['can'],
  ['will'],
  ['each'],
  ['more'],
  ['than'],
  ['when'],
  ['which'],
  ['model'],
  ['token'],
  ['request'],
  ['stream'],
  ['answer'],
  ['prompt'],
  ['cache'],
  ['quota'],
  ['region'],
  ['latency'],
  ['through', 'put'],
  ['bench', 'mark'],
  ['measure'],
  ['result'],
  ['value'],
  ['system'],
  ['data'],
  ['time'],
  ['first'],
  ['last'],
  ['next'],
  ['small'],
  ['large'],
  ['fast'],
  ['slow'],
  ['steady'],
  ['simple'],
  ['clear'],
  ['useful'],
  ['careful'],
  ['quick'],
  ['good'],
  ['new'],
  ['same'],
  ['other'],
  ['run'],
  ['runs'],
  ['send'],
  ['read'],
  ['write'],
  ['count'],
  ['check'],
  ['shows'],
  ['keeps'],
  ['makes'],
  ['gives'],
  ['takes'],
  ['finds'],
  ['helps'],
  ['needs'],
  ['uses'],
  ['starts'],
  ['ends'],
  ['waits'],
  ['server'],
  ['client'],
  ['queue'],
  ['window'],
  ['minute'],
  ['second'],
  ['number'],
  ['table'],
  ['chart'],
  ['report'],
  ['summary'],
  ['sample'],
  ['level'],
  ['load'],
  ['rate'],
  ['limit'],
  ['error'],
  ['retry'],
  ['under', 'stand'],
  ['recom', 'mend'],
  ['con', 'currency'],
  ['distri', 'bution'],
  ['percent', 'ile'],
  ['over'],
  ['under'],
  ['about'],
  ['after'],
  ['before'],
  ['while'],
  ['because'],
  ['so'],
  ['then'],
  ['also'],
  ['river'],
  ['stone'],
  ['garden'],
  ['light'],
  ['morning'],
  ['road'],
  ['city'],
  ['market'],
  ['bridge'],
]
// Pieces with their leading space, and the capitalised sentence-initial form of the first piece.
const SPACED: string[][] = VOCAB.map(w => w.map((p, i) => (i === 0 ? ' ' + p : p)))
const CAPITAL: string[][] = VOCAB.map(w => w.map((p, i) => (i === 0 ? ' ' + p[0].toUpperCase() + p.slice(1) : p)))

/**
 * Generates the output tokens of one response. Deterministic for (seed, prompt, targetTokens).
 * Stops at `maxTokens` (`max_tokens`; the text is then a prefix of what a larger cap would give), at
 * the first stop sequence (`stop_sequence`; the text is cut just before it, so the last token may be
 * a partial piece), or else after `targetTokens` (`end_turn`; the last token is a full stop).
 */
export function generateText(options: GenerateTextOptions): GeneratedText {
  const { seed, prompt, maxTokens, targetTokens } = options
  const stops = (options.stopSequences ?? []).filter(s => s.length > 0)
  const maxStopLen = stops.reduce((m, s) => Math.max(m, s.length), 0)
  const target = Math.max(0, Math.floor(targetTokens))
  const limit = Math.min(Math.max(0, Math.floor(maxTokens)), target)
  const rng = createRng(hashSeed(seed, 'text', prompt))
  const tokens: string[] = []
  let text = ''
  let inSentence = false
  let wordsLeft = 0
  let pieces: readonly string[] = []
  let pieceAt = 0
  let comma = false
  while (tokens.length < limit) {
    let tok: string
    if (pieceAt < pieces.length) {
      tok = pieces[pieceAt++]
    } else if (comma) {
      tok = ','
      comma = false
    } else if (inSentence && wordsLeft === 0) {
      tok = '.'
      inSentence = false
    } else {
      const r = (rng() * 4294967296) >>> 0
      const capital = !inSentence
      if (!inSentence) {
        wordsLeft = 6 + (r % 11)
        inSentence = true
      }
      pieces = (capital ? CAPITAL : SPACED)[(r >>> 8) % VOCAB.length]
      tok = tokens.length === 0 ? pieces[0].slice(1) : pieces[0]
      pieceAt = 1
      wordsLeft--
      comma = wordsLeft > 1 && r >>> 25 < 6
    }
    tokens.push(tok)
    if (maxStopLen > 0) {
      const from = Math.max(0, text.length - maxStopLen + 1)
      text += tok
      for (const s of stops) {
        const at = text.indexOf(s, from)
        if (at >= 0) return { tokens: cutAt(tokens, text, at), stopReason: 'stop_sequence', stopSequence: s }
      }
    }
  }
  if (limit < target) return { tokens, stopReason: 'max_tokens', stopSequence: null }
  if (limit > 0) tokens[limit - 1] = '.'
  return { tokens, stopReason: 'end_turn', stopSequence: null }
}

/** Drops/trims trailing tokens so that their concatenation is `text.slice(0, at)`. */
function cutAt(tokens: string[], text: string, at: number): string[] {
  let end = text.length
  while (tokens.length > 0 && end - tokens[tokens.length - 1].length >= at) {
    end -= tokens.pop()!.length
  }
  if (end > at) {
    const last = tokens.pop()!
    const kept = last.slice(0, last.length - (end - at))
    if (kept.length > 0) tokens.push(kept)
  }
  return tokens
}

/**
 * The simulator's deterministic input "tokenizer": `ceil(length / charsPerToken)` tokens, at least 1
 * for a non-empty string, 0 for an empty one. O(1). Each family has its own ratio
 * (`tokenizer-ratio.ts`); 4 roughly matches common English BPE tokenizers.
 *
 * @param text - the text to count
 * @param charsPerToken - UTF-16 code units per token. @default 4
 */
export function countTokens(text: string, charsPerToken: number = 4): number {
  return text.length === 0 ? 0 : Math.ceil(text.length / charsPerToken)
}
