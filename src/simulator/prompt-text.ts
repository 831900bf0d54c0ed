/**
 * Flattens a neutral request into the prompt text the generator and token counter see, and the
 * prefix covered by a prompt-cache checkpoint (if the request set one).
 */
import type { NeutralRequest } from './families/family.ts'

/** The prompt of one request. */
export interface PromptText {
  /** System + all messages, newline-joined. */
  text: string
  /** The part before the last cache checkpoint, or `null` when the request set none. */
  cachePrefix: string | null
}

/** Builds {@link PromptText} from a neutral request. */
export function promptText(request: NeutralRequest): PromptText {
  const parts: string[] = []
  if (request.system) parts.push(request.system)
  let cachePrefix: string | null = request.cachePoint && request.system ? request.system : null
  for (const message of request.messages) {
    if (message.cachePrefixChars !== undefined) {
      cachePrefix = [...parts, message.text.slice(0, message.cachePrefixChars)].join('\n')
    }
    parts.push(message.text)
  }
  return { text: parts.join('\n'), cachePrefix }
}
