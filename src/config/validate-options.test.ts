import { describe, expect, test } from 'vitest'
import { BedrockBenchConfigError } from './bedrock-bench-config-error.ts'
import type { BedrockBenchOptions } from './options.ts'
import { checkOptions, validateOptions } from './validate-options.ts'

const base: BedrockBenchOptions = {
  name: 'b',
  model: 'anthropic.claude-3-5-haiku-20241022-v1:0',
  prompt: { text: 'hi' },
}

describe('checkOptions', () => {
  test('valid minimal options have no problems and get the documented defaults', () => {
    expect(checkOptions(base)).toEqual([])
    const r = validateOptions(base)
    expect(r).toMatchObject({
      operation: 'converse-stream',
      maxTokens: 256,
      runs: 1,
      timeoutMs: 60_000,
      maxAttempts: 1,
      transport: 'h2',
      target: 'simulator',
      seed: 1,
      load: { concurrency: 1, requests: 100 },
    })
  })

  test('concurrency 0 gets the exact sentence from the design', () => {
    expect(checkOptions({ ...base, load: { concurrency: 0 } })).toEqual([
      '`load.concurrency` must be an integer ≥ 1, got `0`. Set it to the number of parallel requests.',
    ])
  })

  test('load.workers: an integer ≥ 1 or auto; a prompt generator or a client only with 1 worker', () => {
    expect(checkOptions({ ...base, load: { concurrency: 4, workers: 'auto' } })).toEqual([])
    expect(checkOptions({ ...base, load: { rate: { perSec: 9 }, workers: 3 } })).toEqual([])
    expect(checkOptions({ ...base, load: { concurrency: 4, workers: 0 } })).toEqual([
      "`load.workers` must be an integer ≥ 1, got `0`. Set it to the number of load threads, or `'auto'` (CPUs − 1).",
    ])
    const generator = () => ({ messages: [] })
    expect(checkOptions({ ...base, prompt: generator, load: { concurrency: 4, workers: 1 } })).toEqual([])
    expect(checkOptions({ ...base, prompt: generator, load: { concurrency: 4, workers: 'auto' } })).toEqual([
      '`prompt` must be a text or a fixture with `load.workers: "auto"` (the load runs in worker threads), ' +
        'got `a function`. Use a fixture, or set `load.workers: 1`.',
    ])
  })

  test('sweep entries are checked one by one with their index', () => {
    expect(checkOptions({ ...base, load: { concurrency: [1, 2.5, -1] } })).toEqual([
      '`load.concurrency[1]` must be an integer ≥ 1, got `2.5`. Set it to the number of parallel requests.',
      '`load.concurrency[2]` must be an integer ≥ 1, got `-1`. Set it to the number of parallel requests.',
    ])
  })

  test('every problem is listed at once, each naming option, expectation, value and fix', () => {
    const bad = {
      name: '',
      model: 7,
      operation: 'chat',
      prompt: {},
      maxTokens: 0,
      temperature: 3,
      load: { rate: { perSec: 0, arrival: 'bursty' } },
      runs: 0,
      transport: 'h3',
      seed: -2,
    }
    const problems = checkOptions(bad)
    expect(problems).toEqual([
      '`name` must be a non-empty string, got `""`. Name the benchmark, e.g. `haiku-stream`.',
      '`model` must be a model id, inference-profile id or ARN, got `7`. Pass e.g. ' +
        "`'anthropic.claude-3-5-haiku-20241022-v1:0'`.",
      '`operation` must be `converse` | `converse-stream` | `invoke` | `invoke-stream` | `batch` | `async-invoke`, ' +
        'got `"chat"`. Use ' +
        '`converse-stream` to measure TTFT.',
      "`prompt` must be an inline text, a fixture path or a generator, got `{}`. Pass `{ text: 'Hello' }`, `{ " +
        "fixture: 'prompts/short-qa.json' }` or a function `(ctx) => ({ messages })`.",
      '`maxTokens` must be an integer ≥ 1, got `0`. Set it to the output token cap.',
      '`temperature` must be a number in [0, 1], got `3`. Use a value between 0 and 1.',
      "`load.rate.arrival` must be `'constant'` or `'poisson'`, got `\"bursty\"`. Use `poisson` for realistic " +
        'traffic, `constant` for even spacing.',
      '`load.rate.perSec` must be a number > 0, got `0`. Set it to the target arrival rate in requests per second.',
      '`runs` must be an integer ≥ 1, got `0`. Set it to the number of repeated runs (3+ for a confidence interval).',
      "`transport` must be `'h2'` or `'http1'`, got `\"h3\"`. Omit it for the SDK default (HTTP/2).",
      '`seed` must be an integer ≥ 0, got `-2`. Use any non-negative integer.',
    ])
    expect(() => validateOptions(bad as unknown as BedrockBenchOptions)).toThrow(BedrockBenchConfigError)
  })

  test('closed and open loop together is refused; ramp-down longer than cool-down is refused', () => {
    expect(checkOptions({ ...base, load: { concurrency: 2, rate: { perSec: 1 } } })[0]).toMatch(
      /^`load` must be either closed loop/,
    )
    expect(checkOptions({ ...base, load: { concurrency: 2, cooldownMs: 100, rampDownMs: 200 } })).toEqual([
      '`load.rampDownMs` must be ≤ `load.cooldownMs` (100), got `200`. Shorten the ramp-down or lengthen the ' +
        'cool-down.',
    ])
  })

  test('aws target requires an explicit opt-in with region and budget', () => {
    expect(checkOptions({ ...base, target: 'aws' })).toEqual([
      '`aws` must be an explicit opt-in `{ region, budgetUsd }` when `target` is `aws`, got `undefined`. Add ' +
        "`aws: { region: 'us-east-1', budgetUsd: 1 }` — real requests cost money.",
    ])
    expect(checkOptions({ ...base, target: 'aws', aws: { region: 'mars', budgetUsd: 0 } })).toHaveLength(2)
    expect(checkOptions({ ...base, target: 'aws', aws: { region: 'us-east-1', budgetUsd: 2 } })).toEqual([])
    // the environment can choose aws, but never without the opt-in
    expect(() => validateOptions(base, { target: 'aws' })).toThrow(/`aws` must be an explicit opt-in/)
  })

  test('open-loop schedules are checked per step', () => {
    expect(
      checkOptions({
        ...base,
        load: {
          rate: {
            steps: [
              { perSec: 5, durationMs: 100 },
              { perSec: -1, durationMs: 0 },
            ],
          },
        },
      }),
    ).toEqual([
      '`load.rate.steps[1].perSec` must be a number > 0, got `-1`. Set it to the target arrival rate in ' +
        'requests per second.',
      '`load.rate.steps[1].durationMs` must be a number > 0, got `0`. Set it to the step length in milliseconds.',
    ])
    expect(
      checkOptions({ ...base, load: { rate: { ramp: { fromPerSec: 1, toPerSec: 10, durationMs: 1000 } } } }),
    ).toEqual([])
  })

  test('quotaTpm must be a positive number', () => {
    expect(checkOptions({ ...base, quotaTpm: 0 })).toEqual([
      "`quotaTpm` must be a number > 0, got `0`. Set it to your account's tokens-per-minute quota for the " +
        'model, or omit it.',
    ])
    expect(checkOptions({ ...base, quotaTpm: 400_000 })).toEqual([])
  })

  test('BEDROCK_BENCH_TARGET=aws takes the opt-in from the environment, and still validates it', () => {
    expect(validateOptions(base, { target: 'aws', awsRegion: 'us-west-2', budgetUsd: '2.5' })).toMatchObject({
      target: 'aws',
      aws: { region: 'us-west-2', budgetUsd: 2.5 },
    })
    expect(() => validateOptions(base, { target: 'aws', awsRegion: 'us-west-2', budgetUsd: 'lots' })).toThrow(
      /`aws.budgetUsd` must be a number > 0, got `"lots"`/,
    )
    expect(() => validateOptions(base, { target: 'aws' })).toThrow(/`aws` must be an explicit opt-in/)
    expect(validateOptions(base, { target: 'simulator', awsRegion: 'us-west-2', budgetUsd: '1' }).target).toBe(
      'simulator',
    )
  })
})
