/**
 * Amazon Titan Text bodies (bedrock-wire §8): request `inputText` + `textGenerationConfig`
 * (`maxTokenCount`, `temperature`, `topP`, `stopSequences`); response `inputTextTokenCount` +
 * `results[{tokenCount, outputText, completionReason}]`; stream chunks `{outputText, index, …}`.
 */
import type { FamilyCodec, NeutralCompletion, NeutralStopReason, NeutralUsage, StreamContext } from './family.ts'
import { isFirstPiece, parsePromptBody, type PromptBodySpec } from './native-body.ts'

/** Titan's completion reason (recorded traffic uses `FINISH`, not the documented `FINISHED`). */
export function titanCompletionReason(stopReason: NeutralStopReason): 'FINISH' | 'LENGTH' | 'STOP_CRITERIA_MET' {
  return stopReason === 'max_tokens' ? 'LENGTH' : stopReason === 'stop_sequence' ? 'STOP_CRITERIA_MET' : 'FINISH'
}

const SPEC: PromptBodySpec = {
  keys: ['inputText', 'textGenerationConfig'],
  prompt: 'inputText',
  config: { key: 'textGenerationConfig', keys: ['maxTokenCount', 'temperature', 'topP', 'stopSequences'] },
  maxTokens: 'maxTokenCount',
  temperature: 'temperature',
  topP: 'topP',
  stop: 'stopSequences',
}

/** The Amazon Titan Text codec. */
export const titanCodec: FamilyCodec = {
  family: 'titan',
  parseRequest: (body: unknown) => parsePromptBody(body, SPEC),
  renderResponse(c: NeutralCompletion) {
    return {
      inputTextTokenCount: c.usage.inputTokens,
      results: [
        { tokenCount: c.usage.outputTokens, outputText: c.text, completionReason: titanCompletionReason(c.stopReason) },
      ],
    }
  },
  streamStart() {
    return []
  },
  streamDelta(ctx: StreamContext, text: string, outputTokensSoFar: number, pieceTokens = 1) {
    const inputTokens = isFirstPiece(outputTokensSoFar, pieceTokens) ? ctx.inputTokens : null
    return [
      {
        outputText: text,
        index: 0,
        totalOutputTextTokenCount: outputTokensSoFar,
        completionReason: null,
        inputTextTokenCount: inputTokens,
      },
    ]
  },
  streamEnd(ctx: StreamContext, stopReason: NeutralStopReason, usage: NeutralUsage) {
    const inputTokens = usage.outputTokens === 0 ? ctx.inputTokens : null
    return [
      {
        outputText: '',
        index: 0,
        totalOutputTextTokenCount: usage.outputTokens,
        completionReason: titanCompletionReason(stopReason),
        inputTextTokenCount: inputTokens,
      },
    ]
  },
}
