/**
 * Shared set-up of the simulator end-to-end tests: fast copies of the fixture profiles (so tests take
 * milliseconds, not seconds) and real AWS SDK clients over HTTP/2 (the SDK default) and HTTP/1.1.
 */
import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime'
import { afterAll, beforeAll } from 'vitest'
import { startSimulator, type Simulator } from '../../src/simulator/start-simulator.ts'
import { NodeHttpHandler } from '@smithy/node-http-handler'
import { Agent } from 'node:http'
import type { LatencySpec, ModelProfile } from '../../src/model-profile.ts'
import { loadProfiles } from '../../src/profiles/load-profiles.ts'

/** Transports the SDK can use. */
export type Transport = 'h2' | 'http1'
/** Both transports, for `describe.each`. */
export const transports: Transport[] = ['h2', 'http1']

/** Fast latency: 5 ms TTFT, 2 000 tokens/s. */
export const FAST: LatencySpec = {
  ttftMs: { median: 5, p90OverP50: 1 },
  prefillMsPer1kTokens: 0,
  decodeTokensPerSec: 2000,
  decodeJitter: 0,
}

/** Fixture profiles with fast latency and short outputs (median 12 tokens). */
export async function fastProfiles(): Promise<ModelProfile[]> {
  return (await loadProfiles()).map(p => ({
    ...p,
    standard: FAST,
    ...(p.optimized ? { optimized: { ...FAST, ttftMs: { median: 2, p90OverP50: 1 } } } : {}),
    outputTokens: { median: 12, p90OverP50: 1 },
  }))
}

/** A real SDK client for the simulator at `url`. `maxAttempts: 1` so errors are seen as they are. */
export function sdkClient(url: string, transport: Transport): BedrockRuntimeClient {
  return new BedrockRuntimeClient({
    endpoint: url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'x' },
    maxAttempts: 1,
    ...(transport === 'http1'
      ? { requestHandler: new NodeHttpHandler({ httpAgent: new Agent({ keepAlive: true, maxSockets: 256 }) }) }
      : {}),
  })
}

/** The Anthropic model used by most tests. */
export const HAIKU = 'anthropic.claude-3-5-haiku-20241022-v1:0'

/** A one-message Converse conversation. */
export const hello = [{ role: 'user' as const, content: [{ text: 'Hello there, how are you today?' }] }]

/** A native Anthropic Messages body. */
export function anthropicBody(maxTokens = 16): string {
  return JSON.stringify({
    anthropic_version: 'bedrock-2023-05-31',
    max_tokens: maxTokens,
    messages: [{ role: 'user', content: 'Say hello.' }],
  })
}

/** The member name of a ConverseStream event union (`messageStart`, `contentBlockDelta`, …). */
export function eventKind(event: object): string {
  return Object.entries(event).find(([, value]) => value !== undefined)?.[0] ?? '$unknown'
}

/** Starts a simulator on the fast profiles for the current file or block (beforeAll / afterAll). */
export function useSimulator(seed: number): { readonly sim: Simulator } {
  const env = {} as { sim: Simulator }
  beforeAll(async () => {
    env.sim = await startSimulator({ models: await fastProfiles(), seed })
  })
  afterAll(() => env.sim.close())
  return env
}

/** An SDK client over `transport` to `env.sim` for the current block (beforeAll / afterAll). */
export function useClient(
  env: { readonly sim: Simulator },
  transport: Transport,
): { readonly client: BedrockRuntimeClient } {
  const holder = {} as { client: BedrockRuntimeClient }
  beforeAll(() => {
    holder.client = sdkClient(env.sim.url, transport)
  })
  afterAll(() => holder.client.destroy())
  return holder
}
