/**
 * Builds the `BedrockRuntimeClient` for a target, and checks a user-supplied one. Simulator: fake
 * static credentials, region us-east-1, endpoint = the simulator URL. Transport `h2` keeps the SDK
 * default (`NodeHttp2Handler`); `http1` uses `NodeHttpHandler` with keep-alive agents and
 * `maxSockets ≥ concurrency`, so requests never queue silently in the client (DESIGN §4).
 * Credentials never leave this file: not in samples, errors or logs.
 */
import { Agent as HttpAgent } from 'node:http'
import { Agent as HttpsAgent } from 'node:https'
import { BedrockClient } from '@aws-sdk/client-bedrock'
import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime'
import { S3Client } from '@aws-sdk/client-s3'
import { NodeHttpHandler } from '@smithy/node-http-handler'
import type { TargetKind } from '../types.ts'

/** How to build a client. */
export interface ClientSpec {
  target: TargetKind
  /** Simulator URL or endpoint override; required for the simulator. */
  endpoint?: string
  /** AWS region. @default 'us-east-1' */
  region?: string
  /**
   * `h2`: the SDK's default `NodeHttp2Handler`; `http1`: `NodeHttpHandler` with keep-alive agents. Required
   * (bedrockBench passes its resolved `transport`, default `h2`).
   */
  transport: 'h2' | 'http1'
  /** Highest concurrency the client must carry without queueing (sets http1 `maxSockets`). */
  maxConcurrency: number
  /**
   * SDK `maxAttempts` (1 = no retries, so throttles are seen). Required (bedrockBench passes its resolved
   * `retry.maxAttempts`, default 1).
   */
  maxAttempts: number
  /** Per-request timeout (ms) handed to the handler as `requestTimeout`. */
  requestTimeoutMs?: number
}

/** Credentials the simulator accepts (it verifies no signature). Not secrets. */
const SIMULATOR_CREDENTIALS = { accessKeyId: 'BEDROCKBENCHSIM', secretAccessKey: 'bedrock-bench-simulator' }

interface AgentLike {
  maxSockets?: number
}
interface AgentConfig {
  httpAgent?: AgentLike
  httpAgentProvider?: () => Promise<AgentLike>
  httpsAgent?: AgentLike
}

/** Builds a client for the target. Real AWS uses the default credential chain. */
export function createClient(spec: ClientSpec): BedrockRuntimeClient {
  const region = spec.region ?? 'us-east-1'
  const maxSockets = Math.max(spec.maxConcurrency, 1)
  const requestHandler =
    spec.transport === 'http1'
      ? new NodeHttpHandler({
          httpAgent: new HttpAgent({ keepAlive: true, maxSockets }),
          httpsAgent: new HttpsAgent({ keepAlive: true, maxSockets }),
          ...(spec.requestTimeoutMs !== undefined ? { requestTimeout: spec.requestTimeoutMs } : {}),
        })
      : undefined
  return new BedrockRuntimeClient({
    region,
    maxAttempts: spec.maxAttempts,
    ...(spec.endpoint !== undefined ? { endpoint: spec.endpoint } : {}),
    ...(spec.target === 'simulator' ? { credentials: SIMULATOR_CREDENTIALS } : {}),
    ...(requestHandler ? { requestHandler } : {}),
  })
}

/** The control-plane and S3 clients of batch jobs and async invocations. */
export interface ServiceClients {
  bedrock: BedrockClient
  s3: S3Client
  destroy(): void
}

/**
 * Builds the Bedrock control-plane and S3 clients for a target. On the simulator both talk to its
 * one port (S3 path-style); on AWS they use the regional endpoints and the default credential chain.
 */
export function createServiceClients(spec: Pick<ClientSpec, 'target' | 'endpoint' | 'region'>): ServiceClients {
  const common = {
    region: spec.region ?? 'us-east-1',
    maxAttempts: 3,
    ...(spec.target === 'simulator' ? { credentials: SIMULATOR_CREDENTIALS, endpoint: spec.endpoint } : {}),
  }
  const bedrock = new BedrockClient(common)
  const s3 = new S3Client({ ...common, ...(spec.target === 'simulator' ? { forcePathStyle: true } : {}) })
  return {
    bedrock,
    s3,
    destroy: () => {
      bedrock.destroy()
      s3.destroy()
    },
  }
}

/**
 * Warnings for a user-supplied client that would queue requests at `concurrency`: an HTTP/1.1
 * handler whose agent's `maxSockets` is below it (the SDK default is 50). Resolves the handler's
 * lazy config, which is internal to `@smithy/node-http-handler`; unknown shapes give no warning.
 */
export async function clientQueueWarnings(client: BedrockRuntimeClient, concurrency: number): Promise<string[]> {
  const handler: unknown = (client.config as { requestHandler?: unknown }).requestHandler
  if (!(handler instanceof NodeHttpHandler)) return []
  const provider = (handler as unknown as { configProvider?: Promise<AgentConfig> }).configProvider
  if (provider === undefined) return []
  try {
    const cfg = await provider
    const endpoint = await (client.config as { endpoint?: () => Promise<{ protocol?: string }> }).endpoint?.()
    const agent = endpoint?.protocol === 'http:' ? (cfg.httpAgent ?? (await cfg.httpAgentProvider?.())) : cfg.httpsAgent
    const maxSockets = agent?.maxSockets ?? Infinity
    if (maxSockets < concurrency) {
      return [
        `The supplied client's NodeHttpHandler allows ${maxSockets} sockets but the concurrency is ` +
          `${concurrency}: requests will queue inside the client and latency will include that wait. Give its ` +
          `agent maxSockets ≥ ${concurrency}, or let bedrockBench build the client (transport: 'http1').`,
      ]
    }
  } catch {
    // an unreadable handler config: nothing to say
  }
  return []
}
