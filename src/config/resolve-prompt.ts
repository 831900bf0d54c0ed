/**
 * Turns `options.prompt` into a per-request conversation generator. Fixture paths are resolved
 * against the project root, then `<root>/fixtures/`; a fixture is `{ "text" }` or
 * `{ "system"?, "messages": [{ "role", "text" }] }`. Problems become `BedrockBenchConfigError`
 * before any request is sent.
 */
import { readFile } from 'node:fs/promises'
import { isAbsolute, resolve } from 'node:path'
import { BedrockBenchConfigError } from './bedrock-bench-config-error.ts'
import type { Conversation, PromptContext, PromptOption } from './options.ts'

/** A conversation per request. */
export type ConversationSource = (ctx: PromptContext) => Conversation

/** Checks a parsed fixture / generated value; returns a problem sentence or null. */
function conversationProblem(value: unknown, where: string): string | null {
  if (typeof value !== 'object' || value === null)
    return (
      `${where} must be an object \`{ text }\` or \`{ system?, messages }\`, got \`${JSON.stringify(value)}\`. ` +
      `Fix the prompt.`
    )
  const v = value as Record<string, unknown>
  if (typeof v.text === 'string' && v.text.length > 0) return null
  if (!Array.isArray(v.messages) || v.messages.length === 0)
    return (
      `${where} must have a non-empty \`messages\` list or a \`text\`, got keys \`${Object.keys(v).join(', ')}\`. ` +
      `Add \`"text": "…"\`.`
    )
  const messages = v.messages as unknown[]
  const bad = messages.findIndex(m => {
    if (typeof m !== 'object' || m === null) return true
    const { role, text } = m as Record<string, unknown>
    return (role !== 'user' && role !== 'assistant') || typeof text !== 'string'
  })
  if (bad >= 0)
    return (
      `${where}.messages[${bad}] must be \`{ "role": "user" | "assistant", "text": string }\`, ` +
      `got \`${JSON.stringify(messages[bad])}\`. Fix that message.`
    )
  const last = (messages as { role: 'user' | 'assistant' }[])[messages.length - 1]
  if (last.role !== 'user')
    return `${where} must end with a user message, got a final \`${last.role}\` message. ` + `Add the user turn.`
  if (v.system !== undefined && typeof v.system !== 'string')
    return `${where}.system must be a string, got \`${JSON.stringify(v.system)}\`. Use plain text.`
  return null
}

/** Normalises a valid fixture/generated value into a Conversation. */
function toConversation(
  value: { text?: string; system?: string; messages?: Conversation['messages'] },
  system?: string,
): Conversation {
  const messages = value.messages ?? [{ role: 'user' as const, text: value.text ?? '' }]
  const sys = value.system ?? system
  return sys !== undefined ? { messages, system: sys } : { messages }
}

/**
 * Resolves the prompt option. Generators are wrapped so that a bad generated value fails the
 * request loudly (a programmer error), with the same message shape.
 * @param root project root (Vitest's root or `process.cwd()`)
 */
export async function resolvePrompt(
  prompt: PromptOption,
  system: string | undefined,
  root: string,
): Promise<ConversationSource> {
  if (typeof prompt === 'function') {
    return ctx => {
      const value = prompt(ctx)
      const problem = conversationProblem(value, `prompt(ctx) for seq ${ctx.seq}`)
      if (problem) throw new BedrockBenchConfigError([problem])
      return toConversation(value, system)
    }
  }
  if ('text' in prompt) {
    const conversation = toConversation({ text: prompt.text }, system)
    return () => conversation
  }
  const candidates = isAbsolute(prompt.fixture)
    ? [prompt.fixture]
    : [resolve(root, prompt.fixture), resolve(root, 'fixtures', prompt.fixture)]
  for (const path of candidates) {
    let text: string
    try {
      text = await readFile(path, 'utf8')
    } catch {
      continue
    }
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch (error) {
      throw new BedrockBenchConfigError([
        `\`prompt.fixture\` must be a JSON file, got \`${path}\` which does not parse (${(error as Error).message}). ` +
          `Fix the file.`,
      ])
    }
    const problem = conversationProblem(json, `\`prompt.fixture\` (${path})`)
    if (problem) throw new BedrockBenchConfigError([problem])
    const conversation = toConversation(json as Conversation, system)
    return () => conversation
  }
  throw new BedrockBenchConfigError([
    `\`prompt.fixture\` must name a readable file, got \`${prompt.fixture}\` (looked in ` +
      `${candidates.join(' and ')}). Check the path; relative paths start at the project root or fixtures/.`,
  ])
}
