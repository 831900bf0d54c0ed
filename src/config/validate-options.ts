/**
 * Option validation: once, before any request. Pure: `checkOptions` returns every problem as a
 * sentence; `validateOptions` throws one `BedrockBenchConfigError` listing them, or returns the
 * options with defaults filled in.
 */
import { DEFAULT_REQUESTS } from '../load/phases.ts'
import type { ModelFamily } from '../model-profile.ts'
import { MODEL_FAMILIES } from '../profiles/parse-profile.ts'
import type { Operation, TargetKind } from '../types.ts'
import { BedrockBenchConfigError } from './bedrock-bench-config-error.ts'
import type { BedrockBenchOptions, LoadOptions } from './options.ts'
import { Problems, show } from './problems.ts'
import { checkServiceOptions } from './check-service-options.ts'

/** Options with every default applied. */
export interface ResolvedOptions extends BedrockBenchOptions {
  operation: Operation
  maxTokens: number
  cachePoint: boolean
  performanceConfig: 'standard' | 'optimized'
  load: LoadOptions
  runs: number
  timeoutMs: number
  maxAttempts: number
  transport: 'h2' | 'http1'
  target: TargetKind
  seed: number
}

const OPERATIONS: readonly Operation[] = [
  'converse',
  'converse-stream',
  'invoke',
  'invoke-stream',
  'batch',
  'async-invoke',
]

function checkLimits(p: Problems, load: Record<string, unknown>): void {
  p.int(
    'load.requests',
    load.requests,
    1,
    'Set it to the number of measured requests per run, or use `load.durationMs`.',
  )
  p.num('load.durationMs', load.durationMs, 0, Infinity, 'Set it to the measure-phase length in milliseconds.', true)
  if (load.workers !== 'auto')
    p.int('load.workers', load.workers, 1, "Set it to the number of load threads, or `'auto'` (CPUs − 1).")
  p.num('load.cooldownMs', load.cooldownMs, 0, Infinity, 'Set it to 0 for no cool-down, or a duration in milliseconds.')
  p.num('load.rampDownMs', load.rampDownMs, 0, Infinity, 'Set it to a duration in milliseconds ≤ `load.cooldownMs`.')
  if (typeof load.rampDownMs === 'number' && typeof load.cooldownMs === 'number' && load.rampDownMs > load.cooldownMs) {
    p.add(
      'load.rampDownMs',
      `≤ \`load.cooldownMs\` (${load.cooldownMs})`,
      load.rampDownMs,
      'Shorten the ramp-down or lengthen the cool-down.',
    )
  }
  const w = load.warmup
  if (w !== undefined) {
    if (typeof w !== 'object' || w === null)
      p.add('load.warmup', 'an object `{ requests?, durationMs? }`', w, 'Pass e.g. `{ requests: 16 }`.')
    else {
      const wr = w as Record<string, unknown>
      p.int('load.warmup.requests', wr.requests, 0, 'Set it to the number of warm-up requests (0 disables warm-up).')
      p.num('load.warmup.durationMs', wr.durationMs, 0, Infinity, 'Set it to the warm-up length in milliseconds.')
    }
  }
}

function checkRate(p: Problems, rate: unknown): void {
  const fixRate = 'Set it to the target arrival rate in requests per second.'
  if (typeof rate !== 'object' || rate === null) {
    p.add(
      'load.rate',
      'an object `{ perSec }`, `{ steps }` or `{ ramp }`',
      rate,
      "Pass e.g. `{ perSec: 50, arrival: 'poisson' }`.",
    )
    return
  }
  const r = rate as Record<string, unknown>
  if (r.arrival !== undefined && r.arrival !== 'constant' && r.arrival !== 'poisson') {
    p.add(
      'load.rate.arrival',
      "`'constant'` or `'poisson'`",
      r.arrival,
      'Use `poisson` for realistic traffic, `constant` for even spacing.',
    )
  }
  if ('perSec' in r) {
    const list = Array.isArray(r.perSec) ? r.perSec : [r.perSec]
    if (list.length === 0) p.add('load.rate.perSec', 'a number > 0 or a non-empty list', r.perSec, fixRate)
    // `?? NaN`: a missing rate (a hole in the list) is a problem, not an option left out
    list.forEach((v: unknown, i) =>
      p.num(
        Array.isArray(r.perSec) ? `load.rate.perSec[${i}]` : 'load.rate.perSec',
        v ?? NaN,
        0,
        Infinity,
        fixRate,
        true,
      ),
    )
  } else if ('steps' in r) {
    if (!Array.isArray(r.steps) || r.steps.length === 0)
      p.add('load.rate.steps', 'a non-empty list of `{ perSec, durationMs }`', r.steps, 'Add at least one step.')
    else
      r.steps.forEach((step: unknown, i: number) => {
        const s = (typeof step === 'object' && step !== null ? step : {}) as Record<string, unknown>
        p.num(`load.rate.steps[${i}].perSec`, s.perSec ?? NaN, 0, Infinity, fixRate, true)
        p.num(
          `load.rate.steps[${i}].durationMs`,
          s.durationMs ?? NaN,
          0,
          Infinity,
          'Set it to the step length in milliseconds.',
          true,
        )
      })
  } else if ('ramp' in r) {
    const ramp = (r.ramp ?? {}) as Record<string, unknown>
    p.num('load.rate.ramp.fromPerSec', ramp.fromPerSec ?? NaN, 0, Infinity, fixRate)
    p.num('load.rate.ramp.toPerSec', ramp.toPerSec ?? NaN, 0, Infinity, fixRate)
    p.num(
      'load.rate.ramp.durationMs',
      ramp.durationMs ?? NaN,
      0,
      Infinity,
      'Set it to the ramp length in milliseconds.',
      true,
    )
    if (ramp.fromPerSec === 0 && ramp.toPerSec === 0)
      p.add('load.rate.ramp', 'a ramp with a rate > 0 at one end', ramp, 'Raise `fromPerSec` or `toPerSec`.')
  } else {
    p.add('load.rate', 'one of `{ perSec }`, `{ steps }`, `{ ramp }`', rate, 'Pass e.g. `{ perSec: 50 }`.')
  }
}

function checkLoad(p: Problems, load: unknown): void {
  if (load === undefined) return
  if (typeof load !== 'object' || load === null) {
    p.add(
      'load',
      'an object with `concurrency` (closed loop) or `rate` (open loop)',
      load,
      'Pass e.g. `{ concurrency: 8, requests: 200 }`.',
    )
    return
  }
  const l = load as Record<string, unknown>
  const fixC = 'Set it to the number of parallel requests.'
  if ('concurrency' in l && 'rate' in l) {
    p.add(
      'load',
      'either closed loop (`concurrency`) or open loop (`rate`), not both',
      Object.keys(l),
      'Remove one of them.',
    )
  } else if ('concurrency' in l) {
    if (Array.isArray(l.concurrency)) {
      if (l.concurrency.length === 0)
        p.add('load.concurrency', 'an integer ≥ 1 or a non-empty list of them', l.concurrency, fixC)
      l.concurrency.forEach((c, i) => p.int(`load.concurrency[${i}]`, c, 1, fixC, false))
    } else p.int('load.concurrency', l.concurrency, 1, fixC, false)
  } else if ('rate' in l) {
    checkRate(p, l.rate)
    p.int(
      'load.maxInFlight',
      l.maxInFlight === Infinity ? undefined : l.maxInFlight,
      1,
      'Set it to the most requests allowed in flight, or omit it.',
    )
  } else {
    p.add(
      'load',
      'an object with `concurrency` (closed loop) or `rate` (open loop)',
      load,
      'Add `concurrency: 8` or `rate: { perSec: 50 }`.',
    )
  }
  checkLimits(p, l)
}

function checkPrompt(p: Problems, prompt: unknown): void {
  const fix =
    "Pass `{ text: 'Hello' }`, `{ fixture: 'prompts/short-qa.json' }` or a function `(ctx) => ({ messages })`."
  if (typeof prompt === 'function') return
  if (typeof prompt !== 'object' || prompt === null)
    return p.add('prompt', 'an inline text, a fixture path or a generator', prompt, fix)
  const o = prompt as Record<string, unknown>
  if ('text' in o) {
    if (typeof o.text !== 'string' || o.text.length === 0) p.add('prompt.text', 'a non-empty string', o.text, fix)
  } else if ('fixture' in o) {
    if (typeof o.fixture !== 'string' || o.fixture.length === 0)
      p.add('prompt.fixture', 'a non-empty path', o.fixture, fix)
  } else p.add('prompt', 'an inline text, a fixture path or a generator', prompt, fix)
}

function checkTarget(p: Problems, o: Record<string, unknown>): void {
  const target = o.target
  if (target !== undefined && target !== 'simulator' && target !== 'aws') {
    p.add('target', "`'simulator'` or `'aws'`", target, 'Omit it to use the embedded simulator.')
  }
  if (target === 'aws') {
    const aws = o.aws as Record<string, unknown> | undefined
    if (typeof aws !== 'object' || aws === null) {
      p.add(
        'aws',
        'an explicit opt-in `{ region, budgetUsd }` when `target` is `aws`',
        aws,
        "Add `aws: { region: 'us-east-1', budgetUsd: 1 }` — real requests cost money.",
      )
    } else {
      if (typeof aws.region !== 'string' || !/^[a-z]{2}(-[a-z]+)+-\d$/.test(aws.region))
        p.add('aws.region', "an AWS region like `'us-east-1'`", aws.region, 'Set the region that hosts the model.')
      p.num(
        'aws.budgetUsd',
        aws.budgetUsd ?? NaN,
        0,
        Infinity,
        'Set the most this run may cost in USD; the run is refused if the estimate exceeds it.',
        true,
      )
    }
  }
  if (o.endpoint !== undefined && (typeof o.endpoint !== 'string' || !/^https?:\/\/[^\s]+$/.test(o.endpoint))) {
    p.add('endpoint', 'an http(s) URL', o.endpoint, 'Pass e.g. `http://127.0.0.1:8787`, or omit it.')
  }
}

function checkPricing(p: Problems, pricing: unknown): void {
  if (pricing === undefined) return
  if (typeof pricing !== 'object' || pricing === null) {
    p.add('pricing', 'an object `{ inputPer1k, outputPer1k, asOf }`', pricing, 'Pass the USD prices per 1 000 tokens.')
    return
  }
  const r = pricing as Record<string, unknown>
  const fix = 'Give the USD price per 1 000 tokens from the Bedrock pricing page.'
  for (const key of ['inputPer1k', 'outputPer1k'] as const) p.num(`pricing.${key}`, r[key] ?? NaN, 0, Infinity, fix)
  for (const key of ['cacheReadPer1k', 'cacheWritePer1k'] as const) p.num(`pricing.${key}`, r[key], 0, Infinity, fix)
  if (typeof r.asOf !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(r.asOf))
    p.add('pricing.asOf', 'an ISO date `YYYY-MM-DD`', r.asOf, 'Set the date you read the prices, e.g. `2026-12-01`.')
}

/** `load.workers` other than 1 runs the load in worker threads: what they cannot be given. */
function checkWorkers(p: Problems, o: Record<string, unknown>): void {
  const workers = (o.load as { workers?: unknown } | undefined)?.workers
  if (workers === undefined || workers === 1) return
  const why = `with \`load.workers: ${show(workers)}\` (the load runs in worker threads)`
  if (typeof o.prompt === 'function')
    p.add('prompt', `a text or a fixture ${why}`, o.prompt, 'Use a fixture, or set `load.workers: 1`.')
  if (o.client !== undefined)
    p.add('client', `absent ${why}`, o.client, 'Omit `client` (each worker builds its own), or set `load.workers: 1`.')
}

/** Every problem with the options, one sentence each (empty = valid). Pure. */
export function checkOptions(options: unknown): string[] {
  const p = new Problems()
  if (typeof options !== 'object' || options === null) {
    p.add('options', 'an object', options, 'Pass `{ name, model, prompt, … }`.')
    return p.list
  }
  const o = options as Record<string, unknown>
  if (typeof o.name !== 'string' || o.name.trim() === '')
    p.add('name', 'a non-empty string', o.name, 'Name the benchmark, e.g. `haiku-stream`.')
  if (typeof o.model !== 'string' || o.model.trim() === '')
    p.add(
      'model',
      'a model id, inference-profile id or ARN',
      o.model,
      "Pass e.g. `'anthropic.claude-3-5-haiku-20241022-v1:0'`.",
    )
  if (o.operation !== undefined && !OPERATIONS.includes(o.operation as Operation)) {
    p.add(
      'operation',
      OPERATIONS.map(x => `\`${x}\``).join(' | '),
      o.operation,
      'Use `converse-stream` to measure TTFT.',
    )
  }
  checkPrompt(p, o.prompt)
  if (o.system !== undefined && typeof o.system !== 'string')
    p.add('system', 'a string', o.system, 'Pass the system prompt text.')
  p.int('maxTokens', o.maxTokens, 1, 'Set it to the output token cap.')
  p.num('temperature', o.temperature, 0, 1, 'Use a value between 0 and 1.')
  p.num('topP', o.topP, 0, 1, 'Use a value between 0 and 1.')
  if (
    o.stopSequences !== undefined &&
    (!Array.isArray(o.stopSequences) || o.stopSequences.some(s => typeof s !== 'string'))
  ) {
    p.add('stopSequences', 'a list of strings', o.stopSequences, 'Pass e.g. `["\\n\\nHuman:"]`.')
  }
  if (o.cachePoint !== undefined && typeof o.cachePoint !== 'boolean')
    p.add('cachePoint', 'a boolean', o.cachePoint, 'Use `true` to add a cache checkpoint.')
  if (o.performanceConfig !== undefined && o.performanceConfig !== 'standard' && o.performanceConfig !== 'optimized') {
    p.add('performanceConfig', "`'standard'` or `'optimized'`", o.performanceConfig, 'Omit it for standard latency.')
  }
  if (o.family !== undefined && !MODEL_FAMILIES.includes(o.family as ModelFamily)) {
    p.add(
      'family',
      MODEL_FAMILIES.map(x => `\`${x}\``).join(' | '),
      o.family,
      'Omit it to look the family up from the model profiles.',
    )
  }
  checkLoad(p, o.load)
  p.int('runs', o.runs, 1, 'Set it to the number of repeated runs (3+ for a confidence interval).')
  p.num('timeoutMs', o.timeoutMs, 0, Infinity, 'Set it to the per-request timeout in milliseconds.', true)
  const retry = o.retry as Record<string, unknown> | undefined
  if (retry !== undefined)
    p.int(
      'retry.maxAttempts',
      retry?.maxAttempts,
      1,
      'Use 1 (no retries, throttles visible) or more to compare retry policies.',
    )
  if (o.transport !== undefined && o.transport !== 'h2' && o.transport !== 'http1')
    p.add('transport', "`'h2'` or `'http1'`", o.transport, 'Omit it for the SDK default (HTTP/2).')
  if (
    o.client !== undefined &&
    (typeof o.client !== 'object' || o.client === null || typeof (o.client as { send?: unknown }).send !== 'function')
  ) {
    p.add('client', 'a `BedrockRuntimeClient`', o.client, 'Pass `new BedrockRuntimeClient({...})` or omit it.')
  }
  checkTarget(p, o)
  checkServiceOptions(p, o)
  checkWorkers(p, o)
  p.int('seed', o.seed, 0, 'Use any non-negative integer.')
  p.num(
    'quotaTpm',
    o.quotaTpm,
    0,
    Infinity,
    "Set it to your account's tokens-per-minute quota for the model, or omit it.",
    true,
  )
  checkPricing(p, o.pricing)
  if (o.signal !== undefined && !(o.signal instanceof AbortSignal))
    p.add('signal', 'an AbortSignal', o.signal, 'Pass `controller.signal`.')
  if (o.resultsDir !== undefined && (typeof o.resultsDir !== 'string' || o.resultsDir === ''))
    p.add('resultsDir', 'a directory path', o.resultsDir, 'Omit it to use `results/<runId>`.')
  return p.list
}

/** Environment that may complete the options: `BEDROCK_BENCH_TARGET`, `…_AWS_REGION`, `…_BUDGET_USD`. */
export interface OptionsEnv {
  target?: string
  awsRegion?: string
  budgetUsd?: string
}

/** Reads `OptionsEnv` from a process environment. */
export const optionsEnv = (env: NodeJS.ProcessEnv): OptionsEnv => ({
  target: env.BEDROCK_BENCH_TARGET,
  awsRegion: env.BEDROCK_BENCH_AWS_REGION,
  budgetUsd: env.BEDROCK_BENCH_BUDGET_USD,
})

/** Validates and fills defaults; throws one `BedrockBenchConfigError` listing every problem. */
export function validateOptions(options: BedrockBenchOptions, env: OptionsEnv = {}): ResolvedOptions {
  const problems = checkOptions(options)
  if (problems.length > 0) throw new BedrockBenchConfigError(problems)
  const envTarget = env.target === 'aws' || env.target === 'simulator' ? env.target : undefined
  const target = options.target ?? envTarget ?? 'simulator'
  if (target === 'aws' && options.aws === undefined && env.awsRegion !== undefined && env.budgetUsd !== undefined) {
    const budget =
      env.budgetUsd.trim() !== '' && Number.isFinite(Number(env.budgetUsd)) ? Number(env.budgetUsd) : env.budgetUsd
    // a non-numeric BEDROCK_BENCH_BUDGET_USD is passed through as text so the error shows what came
    return validateOptions({ ...options, target, aws: { region: env.awsRegion, budgetUsd: budget as number } })
  }
  if (target === 'aws' && options.aws === undefined) {
    throw new BedrockBenchConfigError(checkOptions({ ...options, target }))
  }
  return {
    ...options,
    operation: options.operation ?? 'converse-stream',
    maxTokens: options.maxTokens ?? 256,
    cachePoint: options.cachePoint ?? false,
    performanceConfig: options.performanceConfig ?? 'standard',
    load: options.load ?? { concurrency: 1, requests: DEFAULT_REQUESTS },
    runs: options.runs ?? 1,
    timeoutMs: options.timeoutMs ?? 60_000,
    maxAttempts: options.retry?.maxAttempts ?? 1,
    transport: options.transport ?? 'h2',
    target,
    seed: options.seed ?? 1,
  }
}
