/**
 * bedrockBench() end to end against the real simulator: samples, summary, conservation under the
 * fault mix, cancellation, open-loop rate, config errors that send nothing, task.meta.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime'
import { NodeHttpHandler } from '@smithy/node-http-handler'
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest'
import { BedrockBenchConfigError } from '../../src/config/bedrock-bench-config-error.ts'
import type { BedrockBenchOptions } from '../../src/config/options.ts'
import { estimateCost } from '../../src/cost/estimate-cost.ts'
import { readSamples } from '../../src/io/sample-log.ts'
import { loadProfiles } from '../../src/profiles/load-profiles.ts'
import { bedrockBench } from '../../src/measure/bedrock-bench.ts'
import { quantiles } from '../../src/stats/quantile.ts'
import { type Simulator, startSimulator } from '../../src/simulator/start-simulator.ts'
import type { RunSummary, Sample } from '../../src/types.ts'
import { stopwatch } from '../run-queue-wait.ts'
import { fastProfiles } from './fast-profiles.ts'

const HAIKU = 'anthropic.claude-3-5-haiku-20241022-v1:0'
let sim: Simulator
let faulty: Simulator
let dir: string

beforeAll(async () => {
  const models = await fastProfiles()
  sim = await startSimulator({ port: 0, seed: 5, models })
  faulty = await startSimulator({
    port: 0,
    seed: 9,
    models,
    faults: [
      { kind: 'throttle', probability: 0.1 },
      { kind: 'unavailable', probability: 0.05 },
      { kind: 'internal', probability: 0.05 },
      { kind: 'stream-exception', probability: 0.05, afterEvents: 3, exceptionType: 'throttlingException' },
      { kind: 'stream-exception', probability: 0.05, afterEvents: 2, exceptionType: 'modelStreamErrorException' },
      { kind: 'reset', probability: 0.05, afterEvents: 2 },
      { kind: 'stall', probability: 0.05, afterEvents: 2, stallMs: 3000 },
    ],
  })
  dir = mkdtempSync(join(tmpdir(), 'bedrock-bench-'))
})
afterAll(async () => {
  await sim?.close()
  await faulty?.close()
  rmSync(dir, { recursive: true, force: true })
})

const base = (over: Partial<BedrockBenchOptions>): BedrockBenchOptions => ({
  name: 'e2e',
  model: HAIKU,
  operation: 'converse-stream',
  prompt: { fixture: 'prompts/short-qa.json' },
  maxTokens: 40,
  endpoint: sim.url,
  ...over,
})

const readAll = async (path: string, name: string): Promise<Sample[]> => {
  const out: Sample[] = []
  for await (const s of readSamples(path)) if (s.benchName === name) out.push(s)
  return out
}

const conserved = (s: RunSummary) => {
  const c = s.outcomes
  expect(c.scheduled).toBe(c.ok + c.throttled + c.error + c.timeout + c.cancelled)
}

describe('bedrockBench', () => {
  test('closed loop: summary, samples.jsonl, environment.json and task.meta', async ({ task }) => {
    const resultsDir = join(dir, 'closed')
    const r = await bedrockBench(
      null,
      base({ name: 'closed', load: { concurrency: 4, requests: 20 }, runs: 2, resultsDir }),
    )
    expect(r).toMatchObject({
      benchName: 'closed',
      model: HAIKU,
      operation: 'converse-stream',
      target: 'simulator',
      runs: 2,
      loadMode: 'closed',
      errorRate: 0,
    })
    expect(r.outcomes).toMatchObject({ scheduled: 40, ok: 40 })
    conserved(r)
    expect(r.ttftMs!.p50).toBeGreaterThan(5)
    expect(r.ttftMs!.p50).toBeLessThan(r.latencyMs!.p50)
    expect(r.interTokenMs!.count).toBe(40)
    expect(r.rpm).toBeGreaterThan(0)
    expect(r.tpm).toBeGreaterThan(r.rpm)
    expect(r.costUsd).toBeGreaterThan(0)
    expect(r.client).not.toBeNull()
    expect(r.schedulerLagP99Ms).toBeNull() // closed loop: no schedule to lag behind
    expect(r.environment).toMatchObject({ target: 'simulator', sdkVersion: '3.1164.0' })
    expect(r.samplesPath).toBe(join(resultsDir, 'samples.jsonl'))
    const samples = await readAll(r.samplesPath!, 'closed')
    expect(samples).toHaveLength(48)
    expect(samples.filter(s => s.phase === 'warmup')).toHaveLength(8)
    // every request counted once: unique request ids, unique (run, seq)
    expect(new Set(samples.map(s => s.requestId)).size).toBe(48)
    expect(new Set(samples.map(s => `${s.runIndex}:${s.seq}`)).size).toBe(48)
    // token counts equal what the simulator generated
    for (const s of samples) expect(s.outputTokens).toBe(sim.groundTruth.get(s.requestId!)!.outputTokens)
    const environment = JSON.parse(readFileSync(join(resultsDir, 'environment.json'), 'utf8')) as {
      nodeVersion: string
    }
    expect(environment.nodeVersion).toBe(process.version)
    expect(task.meta.bedrockBench?.at(-1)).toBe(r)
    // the reporter's ETA: (20 measure + 4 warm-up) × 2 runs planned
    expect(JSON.parse(readFileSync(join(resultsDir, 'progress.json'), 'utf8'))).toEqual({ scheduled: 48 })
    expect(r.group).toBe(
      'test/measure/bedrock-bench.test.ts > bedrockBench > closed loop: summary, samples.jsonl, ' +
        'environment.json and task.meta',
    )
  })

  test('fault mix: the invariant holds exactly, nothing is counted twice, the run completes', async () => {
    const resultsDir = join(dir, 'faults')
    const r = await bedrockBench(
      null,
      base({
        name: 'faults',
        endpoint: faulty.url,
        load: { concurrency: 8, requests: 120, warmup: { requests: 0 } },
        timeoutMs: 1500,
        resultsDir,
      }),
    )
    conserved(r)
    expect(r.outcomes.scheduled).toBe(120)
    expect(r.outcomes.throttled).toBeGreaterThan(0)
    expect(r.outcomes.error).toBeGreaterThan(0)
    expect(r.outcomes.timeout).toBeGreaterThan(0)
    expect(r.outcomes.ok).toBeGreaterThan(40)
    expect(r.errorRate).toBeCloseTo((r.outcomes.error + r.outcomes.timeout) / 120, 9)
    expect(r.throttleRate).toBeCloseTo(r.outcomes.throttled / 120, 9)
    const samples = await readAll(r.samplesPath!, 'faults')
    expect(samples).toHaveLength(120)
    expect(samples.map(s => s.seq).sort((a, b) => a - b)).toEqual([...Array(120).keys()])
    const byStatus = (st: string) => samples.filter(s => s.status === st).length
    expect([byStatus('ok'), byStatus('throttled'), byStatus('error'), byStatus('timeout')]).toEqual([
      r.outcomes.ok,
      r.outcomes.throttled,
      r.outcomes.error,
      r.outcomes.timeout,
    ])
  })

  test('the user signal stops the run; in-flight requests become cancelled', async () => {
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 300)
    const watch = stopwatch()
    const r = await bedrockBench(
      null,
      base({
        name: 'abort',
        load: { concurrency: 4, requests: 100_000, warmup: { requests: 0 } },
        signal: controller.signal,
        resultsDir: join(dir, 'abort'),
      }),
    )
    expect(watch.netMs()).toBeLessThan(3000) // net of the time this thread waited for a CPU
    conserved(r)
    expect(r.outcomes.cancelled).toBeGreaterThan(0)
    expect(r.outcomes.cancelled).toBeLessThanOrEqual(4)
    expect(r.outcomes.scheduled).toBeLessThan(100_000)
  })

  test('open Poisson loop: achieved rate near target, scheduler lag, response time from scheduledAt', async () => {
    const watch = stopwatch()
    const r = await bedrockBench(
      null,
      base({
        name: 'open',
        operation: 'converse',
        load: { rate: { perSec: 100, arrival: 'poisson' }, durationMs: 1500, warmup: { requests: 5 } },
        resultsDir: join(dir, 'open'),
      }),
    )
    conserved(r)
    expect(r.loadMode).toBe('open')
    // a 1.5 s Poisson window has ±8 % sampling noise (1/√150); the 2 % check runs 10 s in bench/
    const measured = (await readAll(r.samplesPath!, 'open')).filter(s => s.phase === 'measure')
    expect(measured).toHaveLength(r.outcomes.scheduled)
    const starts = measured.map(s => s.startedAt)
    const spanMs = Math.max(...starts) - Math.min(...starts)
    expect(r.levels[0].achievedRatePerSec).toBeCloseTo(((measured.length - 1) / spanMs) * 1000, 9)
    expect(r.levels[0].achievedRatePerSec).toBeLessThan(125)
    // a starved client starts late and later and later: the lower bound is over the span net of the
    // time this thread waited for a CPU (during the whole run: an over-estimate, which only loosens it)
    expect(((measured.length - 1) / Math.max(1, spanMs - watch.waitMs())) * 1000).toBeGreaterThan(75)
    // the scheduler lag is the R-7 p99 of startedAt − scheduledAt over the measured requests
    expect(r.schedulerLagP99Ms).toBeCloseTo(
      quantiles(
        measured.map(s => s.queueDelayMs),
        [0.99],
      )[0],
      9,
    )
    expect(r.responseTimeMs).not.toBeNull()
    expect(r.responseTimeMs!.p50).toBeGreaterThanOrEqual(r.latencyMs!.p50 - 1)
  })

  test('config errors throw before any request reaches the simulator', async () => {
    const before = sim.groundTruth.all().length
    await expect(bedrockBench(null, base({ name: 'bad', load: { concurrency: 0 } }))).rejects.toThrow(
      BedrockBenchConfigError,
    )
    await expect(
      bedrockBench(null, base({ name: 'bad', prompt: { fixture: 'prompts/missing.json' } })),
    ).rejects.toThrow(/`prompt.fixture` must name a readable file/)
    await expect(
      bedrockBench(
        null,
        base({
          name: 'bad',
          target: 'aws',
          aws: { region: 'us-east-1', budgetUsd: 0.000001 },
          load: { concurrency: 1, requests: 1000 },
        }),
      ),
    ).rejects.toThrow(/`aws.budgetUsd` must cover the run's maximum estimated cost/)
    expect(sim.groundTruth.all().length).toBe(before)
  })

  test('AWS budget cap at run time: an unbounded cool-down stops before spend can pass the budget', async () => {
    // target 'aws' pointed at our simulator (it accepts any signature): the default credential chain reads these
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDEXAMPLEBUDGET')
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'not-a-secret')
    try {
      const haiku = (await loadProfiles()).find(p => p.modelId === HAIKU)!
      const prompt = JSON.parse(readFileSync('fixtures/prompts/short-qa.json', 'utf8')) as {
        messages: { text: string }[]
      }
      const chars = prompt.messages.reduce((a, m) => a + m.text.length, 0)
      // every response is maxTokens long (the fast profiles' median is 24), so a request costs about its
      // estimate and ~24 requests reach the budget: the run needs no more throughput than 1 request/s
      // per worker, which a loaded machine gives (with 40 tokens it took ~40 requests, often 3 s or more)
      const maxTokens = 12
      const perRequestUsd = estimateCost(
        { requests: 1, inputTokensPerRequest: Math.ceil(chars / 4), maxTokens },
        haiku.pricing,
      ).maxUsd
      const budgetUsd = 30 * perRequestUsd // the plan (≤ 26 requests by the pre-run bound) passes the estimate
      const resultsDir = join(dir, 'budget')
      const r = await bedrockBench(
        null,
        base({
          name: 'budget',
          target: 'aws',
          aws: { region: 'us-east-1', budgetUsd },
          resultsDir,
          maxTokens,
          // the pre-run bound counts 1 request/s per worker of cool-down: 6 + 2 × 10 = 26 requests; the
          // fast profiles answer in milliseconds, so unguarded this cool-down sends thousands
          load: { concurrency: 2, requests: 4, cooldownMs: 10_000 },
        }),
      )
      const all = await readAll(join(resultsDir, 'samples.jsonl'), 'budget')
      const spent = all.reduce((a, x) => a + (x.costUsd ?? 0), 0)
      expect(r.warnings.some(w => w.startsWith('Stopped scheduling to stay within `aws.budgetUsd`'))).toBe(true)
      expect(spent).toBeLessThanOrEqual(budgetUsd)
      expect(spent).toBeGreaterThan(0.5 * budgetUsd) // not stopped absurdly early either
      conserved(r)
    } finally {
      vi.unstubAllEnvs()
    }
  })

  test('every operation works through bedrockBench, including native invoke bodies', async () => {
    for (const operation of ['converse', 'invoke', 'invoke-stream'] as const) {
      const r = await bedrockBench(
        null,
        base({
          name: `op-${operation}`,
          operation,
          model: 'amazon.nova-micro-v1:0',
          load: { concurrency: 2, requests: 6 },
          resultsDir: join(dir, 'ops'),
        }),
      )
      expect(r.outcomes.ok).toBe(6)
      expect(r.ttftMs).not.toBeNull()
    }
  })

  test('retries on: attempts and retry delay are recorded per sample', async () => {
    const throttler = await startSimulator({
      port: 0,
      seed: 21,
      models: await fastProfiles(),
      faults: [{ kind: 'throttle', probability: 0.5 }],
    })
    try {
      const r = await bedrockBench(
        null,
        base({
          name: 'retries',
          endpoint: throttler.url,
          retry: { maxAttempts: 3 },
          load: { concurrency: 4, requests: 16, warmup: { requests: 0 } },
          resultsDir: join(dir, 'retries'),
        }),
      )
      conserved(r)
      const samples = await readAll(r.samplesPath!, 'retries')
      const retried = samples.filter(s => s.attempts > 1)
      expect(retried.length).toBeGreaterThan(0)
      for (const s of retried) expect(s.retryDelayMs).toBeGreaterThan(0)
      expect(samples.every(s => s.attempts <= 3)).toBe(true)
    } finally {
      await throttler.close()
    }
  })

  test('a user-supplied client that would queue is warned about in the summary', async () => {
    const client = new BedrockRuntimeClient({
      region: 'us-east-1',
      endpoint: sim.url,
      credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
      requestHandler: new NodeHttpHandler(),
    })
    const r = await bedrockBench(
      null,
      base({
        name: 'user-client',
        client,
        load: { concurrency: 60, requests: 60, warmup: { requests: 0 } },
        resultsDir: join(dir, 'user'),
      }),
    )
    expect(r.outcomes.ok).toBe(60)
    expect(r.warnings.some(w => w.includes('allows 50 sockets but the concurrency is 60'))).toBe(true)
    client.destroy()
  })

  test('prompt caching: a cache point after a long system prompt gives cache reads after request 1', async () => {
    const r = await bedrockBench(
      null,
      base({
        name: 'cache',
        prompt: { fixture: 'prompts/long-context-cacheable.json' },
        cachePoint: true,
        load: { concurrency: 1, requests: 3, warmup: { requests: 0 } },
        resultsDir: join(dir, 'cache'),
      }),
    )
    const samples = await readAll(r.samplesPath!, 'cache')
    expect(samples[0].cacheWriteTokens).toBeGreaterThan(0)
    expect(samples.slice(1).some(s => (s.cacheReadTokens ?? 0) > 0)).toBe(true)
  })

  test('a concurrency sweep gives one level per concurrency, each with its own counts', async () => {
    const r = await bedrockBench(
      null,
      base({
        name: 'sweep',
        operation: 'converse',
        load: { concurrency: [1, 4], requests: 8 },
        resultsDir: join(dir, 'sweep'),
      }),
    )
    expect(r.levels.map(l => [l.loadLevel, l.concurrency, l.outcomes.scheduled])).toEqual([
      ['c=1', 1, 8],
      ['c=4', 4, 8],
    ])
    expect(r.outcomes.scheduled).toBe(16)
    const samples = await readAll(r.samplesPath!, 'sweep')
    expect(samples.filter(s => s.phase === 'warmup').map(s => s.loadLevel)).toEqual(['c=1', 'c=4', 'c=4', 'c=4', 'c=4'])
  })

  test('prompt generators get (seq, runIndex, seeded rng); a bad generated prompt fails before any call', async () => {
    const seen: string[] = []
    const gen = () => (ctx: { seq: number; runIndex: number; rng: () => number }) => {
      seen.push(`${ctx.runIndex}:${ctx.seq}:${ctx.rng().toFixed(6)}`)
      return { messages: [{ role: 'user' as const, text: `question ${ctx.seq}` }] }
    }
    await bedrockBench(
      null,
      base({
        name: 'gen',
        prompt: gen(),
        seed: 3,
        operation: 'converse',
        load: { concurrency: 2, requests: 4, warmup: { requests: 0 } },
        runs: 2,
        resultsDir: join(dir, 'gen'),
      }),
    )
    const first = [...seen].sort()
    seen.length = 0
    await bedrockBench(
      null,
      base({
        name: 'gen',
        prompt: gen(),
        seed: 3,
        operation: 'converse',
        load: { concurrency: 2, requests: 4, warmup: { requests: 0 } },
        runs: 2,
        resultsDir: join(dir, 'gen'),
      }),
    )
    expect([...seen].sort()).toEqual(first)
    expect(new Set(first.map(x => x.split(':').slice(0, 2).join(':')))).toEqual(
      new Set(['0:0', '0:1', '0:2', '0:3', '1:0', '1:1', '1:2', '1:3']),
    )

    const before = sim.groundTruth.all().length
    await expect(bedrockBench(null, base({ name: 'gen-bad', prompt: () => ({ messages: [] }) }))).rejects.toThrow(
      /prompt\(ctx\) for seq 0 must have a non-empty `messages` list/,
    )
    expect(sim.groundTruth.all().length).toBe(before)
  })

  test('a saturated client is called out: clientBound and a warning in the summary', async () => {
    // a prompt generator that burns 40 ms of CPU per request blocks the event loop
    const busy = () => {
      const until = performance.now() + 40
      while (performance.now() < until) {
        /* burn */
      }
      return { messages: [{ role: 'user' as const, text: 'hi' }] }
    }
    const r = await bedrockBench(
      null,
      base({
        name: 'busy',
        prompt: busy,
        operation: 'converse',
        load: { concurrency: 4, requests: 16, warmup: { requests: 0 } },
        resultsDir: join(dir, 'busy'),
      }),
    )
    expect(r.client?.clientBound).toBe(true)
    expect(r.warnings.some(w => w.startsWith('The benchmark client is the likely bottleneck'))).toBe(true)
  })
})
