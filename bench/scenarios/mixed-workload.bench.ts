/**
 * Mixed workload: short chat questions and long document summaries share one model, arriving at a
 * stepped open-loop rate (`fixtures/scenarios/mixed.json`: the mix, its weights and the steps).
 * Shows how a minority of long requests dominates the token budget (what the TPM quota counts),
 * and how token throughput follows the offered rate step by step.
 */
import { readFile } from 'node:fs/promises'
import { expect, test } from 'vitest'
import {
  bedrockBench,
  readSamples,
  type Conversation,
  type Operation,
  type PromptContext,
  type RateStep,
  type Sample,
} from '../../src/index.ts'

/** `fixtures/scenarios/mixed.json`. */
interface MixedScenario {
  description: string
  model: string
  operation: Operation
  maxTokens: number
  /** Request classes; `weight`s sum to 1; each `fixture` is a `{ system?, messages }` prompt. */
  mix: Array<{ name: string; weight: number; fixture: string }>
  steps: RateStep[]
}

const fixtures = new URL('../../fixtures/', import.meta.url)
const scenario = JSON.parse(await readFile(new URL('scenarios/mixed.json', fixtures), 'utf8')) as MixedScenario
const totalWeight = scenario.mix.reduce((a, c) => a + c.weight, 0)
if (Math.abs(totalWeight - 1) > 1e-9)
  throw new Error(
    `fixtures/scenarios/mixed.json: \`mix[].weight\` must sum to 1, got ${totalWeight}. Adjust the weights.`,
  )
const classes = await Promise.all(
  scenario.mix.map(async c => ({
    ...c,
    conversation: JSON.parse(await readFile(new URL(c.fixture, fixtures), 'utf8')) as Conversation,
  })),
)

/** The class each request was given, by `runIndex:seq`, to check what reached the model. */
const chosen = new Map<string, string>()

/** Picks a request class by weight with the request's seeded RNG (same seed → same mix). */
function classOf(ctx: PromptContext): (typeof classes)[number] {
  let u = ctx.rng()
  let pick = classes[classes.length - 1]
  for (const c of classes) {
    if (u < c.weight) {
      pick = c
      break
    }
    u -= c.weight
  }
  chosen.set(`${ctx.runIndex}:${ctx.seq}`, pick.name)
  return pick
}

test('mixed chat + summarisation at stepped rates', async ({ bench }) => {
  const r = await bedrockBench(bench, {
    name: 'mixed-workload',
    model: scenario.model,
    operation: scenario.operation,
    prompt: ctx => classOf(ctx).conversation,
    maxTokens: scenario.maxTokens,
    load: { rate: { steps: scenario.steps }, warmup: { requests: 4 } },
  })
  expect(r.errorRate).toBe(0)
  expect(r.throttleRate).toBe(0)
  // constant arrivals within each step: the achieved rate is the time-weighted mean of the steps
  const meanRate =
    scenario.steps.reduce((a, s) => a + s.perSec * s.durationMs, 0) /
    scenario.steps.reduce((a, s) => a + s.durationMs, 0)
  expect(r.levels[0].achievedRatePerSec / meanRate).toBeGreaterThan(0.85)
  expect(r.levels[0].achievedRatePerSec / meanRate).toBeLessThan(1.15)

  const samples: Sample[] = []
  for await (const s of readSamples(r.samplesPath!)) {
    if (s.runId === r.runId && s.benchName === r.benchName && s.phase === 'measure' && s.status === 'ok')
      samples.push(s)
  }
  expect(samples).toHaveLength(r.outcomes.ok)
  // every request reached the model with its class's prompt: long inputs exactly where summaries were chosen
  const isLong = (s: Sample): boolean => (s.inputTokens ?? 0) > 300
  expect(samples.filter(s => isLong(s) !== (chosen.get(`${s.runIndex}:${s.seq}`) === 'summarise'))).toEqual([])
  const tokens = (s: Sample): number => (s.inputTokens ?? 0) + (s.outputTokens ?? 0)
  const meanTokens = (xs: Sample[]): number => xs.reduce((a, s) => a + tokens(s), 0) / xs.length
  const long = samples.filter(isLong)
  const short = samples.filter(s => !isLong(s))
  expect(long.length).toBeGreaterThan(0)
  expect(short.length).toBeGreaterThan(0)
  // one summary counts against the TPM quota like ~9 chat turns (~730 vs ~80 tokens)
  expect(meanTokens(long)).toBeGreaterThan(5 * meanTokens(short))
  const longShare = long.length / samples.length
  const longTokenShare = (long.length * meanTokens(long)) / (samples.length * meanTokens(samples))
  // token throughput per step follows the offered rate
  const tokensPerSecByStep = scenario.steps.map(
    step =>
      samples.filter(s => s.targetRatePerSec === step.perSec).reduce((a, s) => a + tokens(s), 0) /
      (step.durationMs / 1000),
  )
  for (let i = 1; i < tokensPerSecByStep.length; i++)
    expect(tokensPerSecByStep[i]).toBeGreaterThan(tokensPerSecByStep[i - 1])
  console.info(
    `[mixed-workload] ${(100 * longShare).toFixed(0)} % summaries (weight ` +
      `${(100 * classes.find(c => c.name === 'summarise')!.weight).toFixed(0)} %, drawn per request with the ` +
      `seeded RNG) carry ${(100 * longTokenShare).toFixed(0)} % of tokens; ` +
      (`tokens/s by step: ` +
        `${scenario.steps.map((s, i) => `${s.perSec}/s → ${tokensPerSecByStep[i].toFixed(0)}`).join(', ')}; TTFT ` +
        `p95 ${r.ttftMs!.p95.toFixed(0)} ms`),
  )
})
