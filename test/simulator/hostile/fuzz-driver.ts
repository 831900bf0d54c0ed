/**
 * The hostile-client fuzz driver shared by the `npm test` property (test/simulator/fuzz.test.ts) and
 * the long `npm run fuzz` (fuzz-main.ts): runs batches of hostile cases at one simulator with good
 * requests from the real AWS SDK interleaved (same moment, other connections), and judges both.
 */
import {
  ConverseCommand,
  ConverseStreamCommand,
  type BedrockRuntimeClient,
  type ConverseStreamOutput,
} from '@aws-sdk/client-bedrock-runtime'
import { NodeHttpHandler } from '@smithy/node-http-handler'
import fc from 'fast-check'
import { Agent } from 'node:http'
import type { ServerLimits } from '../../../src/simulator/limits.ts'
import { fastProfiles, sdkClient } from '../sim-fixture.ts'
import { BedrockRuntimeClient as Client } from '@aws-sdk/client-bedrock-runtime'
import { h2Exchange } from './h2-exchange.ts'
import { contentCases, protocolCases, resetCases, slowCases, type HostileCase } from './hostile-cases.ts'
import { judge, type Observation } from './observation.ts'
import { rawExchange } from './raw-socket.ts'

export { fastProfiles }

/**
 * Small limits, so oversized bodies and heads are cheap and timeouts short — but well above a loaded
 * machine's event-loop stalls: at 300 ms a good client that connected, then wrote its request late,
 * was cut by the head timeout (after a stall, expired timers run before pending socket reads).
 */
export const FUZZ_LIMITS: ServerLimits = {
  maxBodyBytes: 64 * 1024,
  maxHeaderBytes: 8 * 1024,
  headersTimeoutMs: 1_500,
  idleTimeoutMs: 1_500,
}

/** `hostile` printed short in a counterexample: its label and the start of its bytes (bodies run to MBs). */
function shortlyPrinted(hostile: HostileCase): HostileCase {
  const pieces = hostile.plan.pieces
  const head = Buffer.from(pieces[0]?.bytes ?? [])
    .toString('latin1')
    .slice(0, 160)
  const size = pieces.reduce((n, p) => n + p.bytes.length, 0)
  const text = `${hostile.label} ${JSON.stringify(head)}${size > 160 ? ` … (${size} bytes)` : ''}`
  return Object.assign(hostile, { [fc.toStringMethod]: () => text })
}

/** The fast cases (answered at once or cut by the client), for the batched property. */
export function fastCase(limits: ServerLimits): fc.Arbitrary<HostileCase> {
  return fc
    .oneof(
      { arbitrary: contentCases(limits), weight: 6 },
      { arbitrary: protocolCases(limits), weight: 2 },
      { arbitrary: resetCases(), weight: 2 },
    )
    .map(shortlyPrinted)
}

/** The slow cases (ended by the server's timeouts). */
export function slowCase(limits: ServerLimits): fc.Arbitrary<HostileCase> {
  return slowCases(limits).map(shortlyPrinted)
}

/** Where the simulator listens (a `Simulator`, or one in another process). */
export interface Target {
  url: string
  port: number
}

/** Cases this process could not deliver on time (see {@link runCase}); reported, not failed. */
export const clientStalls = { count: 0 }

/** Runs one case; returns its failure (with the case's label) or `null`. */
export async function runCase(sim: Target, hostile: HostileCase): Promise<string | null> {
  const seen: Observation =
    hostile.transport === 'raw' ? await rawExchange(sim.port, hostile.plan) : await h2Exchange(sim.url, hostile.plan)
  const why = judge(seen, hostile.expect)
  if (why === null) return null
  // This process stalled so long that its own pieces came late enough for the server's head timeout
  // to cut them: the client's fault, not the simulator's (seen on a 2-core machine at load 15).
  if (seen.kind === 'closed' && (seen.clientLagMs ?? 0) > FUZZ_LIMITS.headersTimeoutMs / 2) {
    clientStalls.count++
    return null
  }
  const detail = seen.kind === 'response' ? ` (${seen.status} ${seen.body.slice(0, 160)})` : ''
  return `${hostile.label}: ${why}${detail}`
}

/** SDK clients for good requests: HTTP/2 (the SDK default) and HTTP/1.1 without keep-alive. */
export interface GoodClients {
  h2: BedrockRuntimeClient
  http1: BedrockRuntimeClient
  destroy(): void
}

/**
 * The HTTP/1.1 client opens a connection per request: a kept-alive socket closed by the simulator's
 * (deliberately short) idle timeout in the instant it is reused would fail a good request for a
 * reason that is the client's race, not the simulator's.
 */
export function goodClients(sim: Target): GoodClients {
  const h2 = sdkClient(sim.url, 'h2')
  const http1 = new Client({
    endpoint: sim.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'x' },
    maxAttempts: 1,
    requestHandler: new NodeHttpHandler({ httpAgent: new Agent({ keepAlive: false }) }),
  })
  return { h2, http1, destroy: () => (h2.destroy(), http1.destroy()) }
}

const GOOD_MODEL = 'amazon.nova-micro-v1:0'
const goodMessages = [{ role: 'user' as const, content: [{ text: 'Tell me about hostile clients.' }] }]

/** Text of a good Converse request (non-streaming over h2, streaming over HTTP/1.1, by `index` parity). */
export async function goodText(clients: GoodClients, index: number): Promise<string> {
  if (index % 2 === 0) {
    const out = await clients.h2.send(new ConverseCommand({ modelId: GOOD_MODEL, messages: goodMessages }))
    return out.output?.message?.content?.map(block => block.text ?? '').join('') ?? ''
  }
  const out = await clients.http1.send(new ConverseStreamCommand({ modelId: GOOD_MODEL, messages: goodMessages }))
  let text = ''
  for await (const event of out.stream ?? ([] as ConverseStreamOutput[]))
    text += event.contentBlockDelta?.delta?.text ?? ''
  return text
}

/** Counts of one fuzz run. */
export interface FuzzTally {
  hostile: number
  byLabel: Record<string, number>
  failures: string[]
  good: number
  goodWrong: string[]
}

/** An empty tally. */
export function newTally(): FuzzTally {
  return { hostile: 0, byLabel: {}, failures: [], good: 0, goodWrong: [] }
}

/**
 * Runs `batch` concurrently with `goodCount` good requests; adds to `tally`; returns this batch's
 * failures (hostile ones and wrong good answers).
 */
export async function runBatch(
  sim: Target,
  clients: GoodClients,
  reference: string,
  batch: HostileCase[],
  goodCount: number,
  tally: FuzzTally,
): Promise<string[]> {
  const good = Array.from({ length: goodCount }, (_, i) =>
    goodText(clients, tally.good + i).then(
      text => (text === reference ? null : `good request ${tally.good + i}: text differs: ${text.slice(0, 80)}`),
      (error: unknown) => `good request ${tally.good + i} failed: ${String(error)}`,
    ),
  )
  const results = await Promise.all([...batch.map(c => runCase(sim, c)), ...good])
  tally.hostile += batch.length
  tally.good += goodCount
  for (const c of batch) tally.byLabel[c.label] = (tally.byLabel[c.label] ?? 0) + 1
  const failures = results.filter((r): r is string => r !== null)
  for (const failure of failures) (failure.startsWith('good') ? tally.goodWrong : tally.failures).push(failure)
  return failures
}

/** Waits (polling every `everyMs`) until `done()`, at most `maxMs`; returns whether it became true. */
export async function pollUntil(done: () => boolean, maxMs: number, everyMs = 5): Promise<boolean> {
  const until = performance.now() + maxMs
  while (!done()) {
    if (performance.now() > until) return false
    await new Promise(resolve => setTimeout(resolve, everyMs))
  }
  return true
}
