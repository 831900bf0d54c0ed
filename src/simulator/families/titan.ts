/**
 * Amazon Titan Text bodies (bedrock-wire §8): request `inputText` + `textGenerationConfig`
 * (`maxTokenCount`, `temperature`, `topP`, `stopSequences`); response `inputTextTokenCount` +
 * `results[{tokenCount, outputText, completionReason}]`; stream chunks `{outputText, index, …}`.
 */
import type { FamilyCodec, NeutralCompletion, NeutralStopReason, NeutralUsage, ParseResult, StreamContext } from './family.ts'
import { isFirstPiece, NativeBody, promptRequest } from './native-body.ts'

const CONFIG_KEYS = ['maxTokenCount', 'temperature', 'topP', 'stopSequences']

/** Titan's completion reason (recorded traffic uses `FINISH`, not the documented `FINISHED`). */
export function titanCompletionReason(stopReason: NeutralStopReason): 'FINISH' | 'LENGTH' | 'STOP_CRITERIA_MET' {
  return stopReason === 'max_tokens' ? 'LENGTH' : stopReason === 'stop_sequence' ? 'STOP_CRITERIA_MET' : 'FINISH'
}

function parseRequest(body: unknown): ParseResult {
  const r = new NativeBody()
  const root = r.root(body)
  if (!root) return { ok: false, message: r.error! }
  r.noExtraKeys(root, ['inputText', 'textGenerationConfig'])
  const prompt = r.string(root, 'inputText', 'inputText', true)
  const config = r.object(root, 'textGenerationConfig', 'textGenerationConfig')
  r.noExtraKeys(config, CONFIG_KEYS, 'textGenerationConfig.')
  const maxTokens = r.number(config, 'maxTokenCount', 'textGenerationConfig.maxTokenCount', { min: 1, int: true })
  const temperature = r.number(config, 'temperature', 'textGenerationConfig.temperature', { min: 0, max: 1 })
  const topP = r.number(config, 'topP', 'textGenerationConfig.topP', { min: 0, max: 1 })
  const stops = r.strings(config, 'stopSequences', 'textGenerationConfig.stopSequences')
  if (r.error) return { ok: false, message: r.error }
  return { ok: true, request: promptRequest(prompt!, maxTokens, temperature, topP, stops) }
}

/** The Amazon Titan Text codec. */
export const titanCodec: FamilyCodec = {
  family: 'titan',
  parseRequest,
  renderResponse(c: NeutralCompletion) {
    return {
      inputTextTokenCount: c.usage.inputTokens,
      results: [{ tokenCount: c.usage.outputTokens, outputText: c.text, completionReason: titanCompletionReason(c.stopReason) }],
    }
  },
  streamStart() {
    return []
  },
  streamDelta(ctx: StreamContext, text: string, outputTokensSoFar: number, pieceTokens = 1) {
    const inputTokens = isFirstPiece(outputTokensSoFar, pieceTokens) ? ctx.inputTokens : null
    return [{ outputText: text, index: 0, totalOutputTextTokenCount: outputTokensSoFar, completionReason: null, inputTextTokenCount: inputTokens }]
  },
  streamEnd(ctx: StreamContext, stopReason: NeutralStopReason, usage: NeutralUsage) {
    const inputTokens = usage.outputTokens === 0 ? ctx.inputTokens : null
    return [{ outputText: '', index: 0, totalOutputTextTokenCount: usage.outputTokens, completionReason: titanCompletionReason(stopReason), inputTextTokenCount: inputTokens }]
  },
}
