/**
 * Property-based: `validateOptions` on valid options with one option (at any depth) replaced by an
 * arbitrary value. It either accepts them — and then the load plan built from them is sound — or
 * throws one BedrockBenchConfigError whose problems each name an option, one of them the replaced
 * one. Never a TypeError, never a stack trace from deeper down.
 */
import fc from 'fast-check'
import { expect, test } from 'vitest'
import { planLevels } from '../load/phases.ts'
import { BedrockBenchConfigError } from './bedrock-bench-config-error.ts'
import type { BedrockBenchOptions } from './options.ts'
import { validateOptions } from './validate-options.ts'

const closed = { concurrency: [1, 4], requests: 10, warmup: { requests: 4 }, cooldownMs: 100, rampDownMs: 50 }
const openSteps = { rate: { steps: [{ perSec: 5, durationMs: 1000 }], arrival: 'poisson' }, maxInFlight: 8 }
const openRamp = { rate: { ramp: { fromPerSec: 1, toPerSec: 5, durationMs: 1000 } }, requests: 20 }
const openPerSec = { rate: { perSec: [2, 4] }, durationMs: 500 }

const base = (load: object): Record<string, unknown> => ({
  name: 'b',
  model: 'anthropic.claude-3-5-haiku-20241022-v1:0',
  operation: 'converse',
  prompt: { text: 'hi' },
  system: 'be brief',
  maxTokens: 16,
  temperature: 0.5,
  topP: 0.9,
  stopSequences: ['\n'],
  cachePoint: false,
  performanceConfig: 'standard',
  family: 'anthropic',
  load,
  runs: 2,
  timeoutMs: 1000,
  retry: { maxAttempts: 1 },
  transport: 'http1',
  target: 'simulator',
  endpoint: 'http://127.0.0.1:1',
  seed: 3,
  quotaTpm: 1000,
  resultsDir: 'results/x',
})

/** Every path (`a`, `a.b`, `a.b[0]`) into a JSON-like value, as key lists. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return []
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value)
  return entries.flatMap(([key, child]) => [[...prefix, key], ...paths(child, [...prefix, key])])
}

const show = (path: (string | number)[]): string =>
  path.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('')

/** `value` with `path` replaced (structural copy). */
function replaced(value: unknown, path: (string | number)[], by: unknown): unknown {
  if (path.length === 0) return by
  const copy = (Array.isArray(value) ? [...(value as unknown[])] : { ...(value as object) }) as Record<
    string | number,
    unknown
  >
  copy[path[0]] = replaced(copy[path[0]], path.slice(1), by)
  return copy
}

const mutation = fc
  .constantFrom(closed, openSteps, openRamp, openPerSec)
  .map(base)
  .chain(options =>
    fc.record({
      options: fc.constant(options),
      path: fc.constantFrom(...paths(options)),
      value: fc.oneof(
        fc.anything({ withBigInt: true, withNullPrototype: true, withBoxedValues: true, withMap: true }),
        fc.constantFrom(NaN, Infinity, -Infinity, -1, 0, 0.5, 1e308, '', ' ', null, undefined, [], {}),
        fc.func(fc.anything()),
      ),
    }),
  )

/** The load plan of accepted options must be sound: finite where finite is promised, integers counted. */
function expectSoundPlan(load: BedrockBenchOptions['load']): void {
  if (load === undefined) return
  const levels = planLevels(load, [])
  expect(levels.length).toBeGreaterThan(0)
  for (const level of levels) {
    expect(typeof level.label).toBe('string')
    if (level.concurrency !== null) expect(Number.isInteger(level.concurrency) && level.concurrency >= 1).toBe(true)
    if (level.requests !== null) expect(Number.isInteger(level.requests) && level.requests >= 1).toBe(true)
    expect(Number.isInteger(level.warmupRequests) && level.warmupRequests >= 0).toBe(true)
    expect(Number.isFinite(level.cooldownMs) && level.cooldownMs >= 0).toBe(true)
    expect(level.requests !== null || level.durationMs !== null).toBe(true)
    for (const s of level.segments) {
      expect(Number.isFinite(s.fromPerSec) && Number.isFinite(s.toPerSec)).toBe(true)
      expect(s.fromPerSec >= 0 && s.toPerSec >= 0 && s.durationMs > 0).toBe(true)
    }
  }
}

test('one wrong option anywhere: accepted soundly, or a BedrockBenchConfigError naming it', () => {
  fc.assert(
    fc.property(mutation, ({ options, path, value }) => {
      const candidate = replaced(options, path, value) as BedrockBenchOptions
      let resolved: ReturnType<typeof validateOptions>
      try {
        resolved = validateOptions(candidate)
      } catch (error) {
        expect(error).toBeInstanceOf(BedrockBenchConfigError)
        const problems = (error as BedrockBenchConfigError).problems
        for (const problem of problems) expect(problem).toMatch(/^`[A-Za-z][\w.[\]]*` must be .+, got `[^]*`\. \S/)
        const root = String(path[0])
        const named = problems.some(p => p.startsWith(`\`${root}`) || (root === 'target' && p.startsWith('`aws')))
        expect(named, `${show(path)} := ${fc.stringify(value)} → ${problems.join(' | ')}`).toBe(true)
        return
      }
      expectSoundPlan(resolved.load)
    }),
    { seed: 20_261_204, numRuns: 1_000 },
  )
})
