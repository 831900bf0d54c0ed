/**
 * `bedrockBench(bench, options)`: the Vitest 5 bench-fixture adapter (DESIGN §1, §4). Validate →
 * resolve target → run the load (samples appended to `samples.jsonl` as they complete) → summarise
 * (stats) → replay real latency, TTFT and ITL (ms per request) into Vitest's table → push the RunSummary onto
 * `task.meta`.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { inject, TestRunner, type Bench } from 'vitest'
import type { BedrockBenchOptions, Conversation } from '../config/options.ts'
import { resolvePrompt } from '../config/resolve-prompt.ts'
import { checkAwsBudget, plannedRequests, resolveTarget } from '../config/resolve-target.ts'
import { optionsEnv, validateOptions } from '../config/validate-options.ts'
import { BedrockBenchConfigError } from '../config/bedrock-bench-config-error.ts'
import { isStreamingOperation } from '../config/is-streaming-operation.ts'
import { costUsd } from '../cost/actual-cost.ts'
import { BudgetGuard } from '../cost/budget-guard.ts'
import { estimateCost } from '../cost/estimate-cost.ts'
import { atomicWrite } from '../io/atomic-write.ts'
import { resultsDirAt } from '../io/results-dir.ts'
import { addPlannedRequests } from '../io/progress-file.ts'
import { openSampleLog } from '../io/sample-log.ts'
import { SaturationMonitor, SCHEDULER_LAG_WARN_MS } from '../load/client-saturation.ts'
import { planLevels } from '../load/phases.ts'
import { runLoad } from '../load/run-load.ts'
import type { Pricing } from '../model-profile.ts'
import { loadProfiles } from '../profiles/load-profiles.ts'
import { MODEL_FAMILIES } from '../profiles/parse-profile.ts'
import { resolveModelId } from '../profiles/resolve-model-id.ts'
import { quantileSorted } from '../stats/quantile.ts'
import { type RunMeta, RunAccumulator } from '../stats/run-accumulator.ts'
import { seededRandom } from '../stats/seeded-random.ts'
import type { RunSummary, SyncOperation } from '../types.ts'
import { batchPricing, tierPricing } from '../cost/price-variants.ts'
import { batchRecordCount } from '../config/check-service-options.ts'
import { clientQueueWarnings, createClient, createServiceClients } from './client-factory.ts'
import { relativeClock } from './clock.ts'
import { captureEnvironment } from './environment.ts'
import { invoke, type SampleContext } from './invoke.ts'
import { asyncInvoke } from './async-invoke.ts'
import { runBatchJob } from './run-batch.ts'
import { replayLatencies } from './replay-latencies.ts'
import { simulatorQuotaTpm } from './simulator-quota.ts'
import { pushSummary, taskGroup, type TaskWithMeta } from './task-meta.ts'

/** The open-loop scheduler-lag warning threshold (ms), re-exported for the public API (`src/index.ts`). */
export { SCHEDULER_LAG_WARN_MS }

/** Optional third argument: the test context (`({ bench, task })`), when `getCurrentTest()` is unavailable. */
export interface BedrockBenchContext {
  task?: TaskWithMeta
}

const safeInject = (
  key: 'bedrockBenchSimulatorUrl' | 'bedrockBenchRunId' | 'bedrockBenchResultsDir',
): string | undefined => {
  try {
    const v = inject(key)
    return typeof v === 'string' && v !== '' ? v : undefined
  } catch {
    return undefined
  }
}

/** The running Vitest test, or undefined outside Vitest (scripts, the CLI). */
function currentTask(): TaskWithMeta | undefined {
  try {
    return TestRunner.getCurrentTest()
  } catch {
    return undefined
  }
}

/** Characters of a conversation's text (messages and system prompt), the basis of pre-send token bounds. */
const conversationChars = (c: Conversation): number =>
  c.messages.reduce((a, m) => a + m.text.length, c.system?.length ?? 0)

/**
 * Worst-case cost of one request (USD) for the runtime budget guard: input counted at one token per
 * 2 characters (real tokenizers average 3–4 characters a token in English, fewer for code or CJK),
 * every output token up to `maxTokens`, times the SDK attempts.
 */
function worstCaseUsd(conversation: Conversation, maxTokens: number, attempts: number, pricing: Pricing): number {
  return (
    attempts *
    estimateCost(
      { requests: 1, inputTokensPerRequest: Math.ceil(conversationChars(conversation) / 2), maxTokens },
      pricing,
    ).maxUsd
  )
}

/** Per-request RNG for prompt generators: deterministic in (seed, run, seq), whatever the completion order. */
const requestRng = (seed: number, runIndex: number, seq: number) =>
  seededRandom((seed * 1_000_003 + runIndex * 65_537 + seq) >>> 0)

const localRunId = (d = new Date()): string =>
  `local-${d.toISOString().replace(/[-:]/g, '').replace(/\..*/, '').replace('T', '-')}-${process.pid}`

/**
 * Runs one benchmark and returns its summary.
 * @param bench Vitest's `bench` fixture, or `null` to skip the replay into Vitest's table (plain tests)
 * @param options see `BedrockBenchOptions`
 * @param context the test context, when called outside the test's own call stack
 * @throws BedrockBenchConfigError before any request when the options are invalid
 */
export async function bedrockBench(
  bench: Bench | null,
  options: BedrockBenchOptions,
  context?: BedrockBenchContext,
): Promise<RunSummary> {
  const o = validateOptions(options, optionsEnv(process.env))
  const warnings: string[] = []
  const levels = planLevels(o.load, warnings)
  const root = process.cwd()
  const conversationFor = await resolvePrompt(o.prompt, o.system, root)
  const profiles = await loadProfiles()
  const profile = resolveModelId(o.model, profiles)
  const family = o.family ?? profile?.family ?? null
  if ((o.operation === 'invoke' || o.operation === 'invoke-stream') && family === null) {
    throw new BedrockBenchConfigError([
      `\`family\` must be set for \`${o.operation}\` when the model has no profile, got \`${o.model}\` with ` +
        `none. Pass \`family: ${MODEL_FAMILIES.map(f => `'${f}'`).join(' | ')}\`.`,
    ])
  }
  const jobLike = o.operation === 'batch' || o.operation === 'async-invoke'
  if (jobLike && (profile === undefined || family === null)) {
    throw new BedrockBenchConfigError([
      `\`model\` must be a model with a profile (family, batch price) for \`${o.operation}\`, ` +
        `got \`${o.model}\`. Use a model id from fixtures/models, or add its profile.`,
    ])
  }
  const first = conversationFor({ seq: 0, runIndex: 0, rng: requestRng(o.seed, 0, 0) })
  const planned = o.operation === 'batch' ? batchRecordCount({ ...o }) * o.runs : plannedRequests(o, levels)
  const billed = profile && o.operation === 'batch' ? { ...profile, pricing: batchPricing(profile.pricing) } : profile
  checkAwsBudget(o, billed, planned, Math.ceil(conversationChars(first) / 4))

  const target = await resolveTarget(o, safeInject('bedrockBenchSimulatorUrl'))
  const maxConcurrency = Math.max(
    ...levels.map(l => l.concurrency ?? (Number.isFinite(l.maxInFlight) ? l.maxInFlight : 256)),
  )
  const client =
    o.client ??
    createClient({
      target: o.target,
      endpoint: target.endpoint,
      region: target.region,
      transport: o.transport,
      maxConcurrency,
      maxAttempts: o.maxAttempts,
    })
  if (o.client) warnings.push(...(await clientQueueWarnings(o.client, maxConcurrency)))

  const runId = safeInject('bedrockBenchRunId') ?? localRunId()
  const dir = resultsDirAt(o.resultsDir ?? safeInject('bedrockBenchResultsDir') ?? join('results', runId), root)
  const samplesPath = dir.samplesJsonl
  const environment = captureEnvironment(o.target, o.target === 'aws' ? target.region : null, target.simulatorSeed)
  const meta: RunMeta = {
    runId,
    benchName: o.name,
    model: o.model,
    operation: o.operation,
    target: o.target,
    loadMode: levels[0].mode,
    runs: o.runs,
    quotaTpm:
      o.quotaTpm ??
      (o.target === 'simulator' ? await simulatorQuotaTpm(target.endpoint, o.model) : null) ??
      profile?.quotas.tpm ??
      null,
    environment,
    samplesPath,
    warnings,
    startedAtIso: environment.date,
  }
  if (planned !== null) await addPlannedRequests(dir.progressJson, planned) // the live progress line's ETA
  const acc = new RunAccumulator(meta)
  const log = openSampleLog(samplesPath)
  const monitor = new SaturationMonitor()
  const clock = relativeClock()
  const pricing = profile && o.serviceTier ? tierPricing(profile.pricing, o.serviceTier) : profile?.pricing
  const services = jobLike
    ? createServiceClients({ target: o.target, endpoint: target.endpoint, region: target.region })
    : null
  // AWS: besides the pre-run estimate, stop scheduling before actual spend could pass the budget
  const guard = o.target === 'aws' && pricing ? new BudgetGuard(o.aws!.budgetUsd) : null
  const schedulingSignal = guard ? (o.signal ? AbortSignal.any([o.signal, guard.signal]) : guard.signal) : o.signal
  let result
  try {
    if (o.operation === 'batch') {
      const jobStart = clock.now()
      for (let runIndex = 0; runIndex < o.runs && !o.signal?.aborted; runIndex++) {
        await runBatchJob(
          {
            clients: services!,
            options: o,
            family: family!,
            pricing,
            conversationFor: (seq, run) => conversationFor({ seq, runIndex: run, rng: requestRng(o.seed, run, seq) }),
            base: {
              runId,
              benchName: o.name,
              runIndex,
              model: o.model,
              operation: 'batch',
              target: o.target,
              loadLevel: 'batch',
              concurrency: null,
              targetRatePerSec: null,
            },
            clock,
            onSample: s => {
              log.append(s)
              acc.add(s)
            },
            sleep: ms => new Promise(r => setTimeout(r, ms)),
          },
          runIndex,
        )
      }
      result = { wallClockMs: clock.now() - jobStart }
    } else
      result = await runLoad({
        levels,
        runs: o.runs,
        clock,
        rng: seededRandom(o.seed),
        signal: schedulingSignal,
        onMeasure: active => (active ? monitor.resume() : monitor.pause()),
        execute: d => {
          const ctxOf = (x: typeof d): SampleContext => ({
            runId,
            benchName: o.name,
            phase: x.phase,
            runIndex: x.runIndex,
            seq: x.seq,
            model: o.model,
            operation: o.operation,
            target: o.target,
            loadLevel: x.level.label,
            concurrency: x.level.concurrency,
            targetRatePerSec: x.targetRatePerSec,
            scheduledAt: x.scheduledAt,
          })

          const conversation = conversationFor({
            seq: d.seq,
            runIndex: d.runIndex,
            rng: requestRng(o.seed, d.runIndex, d.seq),
          })
          const charged =
            guard && pricing ? guard.started(worstCaseUsd(conversation, o.maxTokens, o.maxAttempts, pricing)) : null
          const sample =
            o.operation === 'async-invoke'
              ? asyncInvoke(
                  {
                    client,
                    services: services!,
                    modelId: o.model,
                    family: family!,
                    input: {
                      messages: conversation.messages,
                      system: conversation.system ?? null,
                      maxTokens: o.maxTokens,
                      temperature: o.temperature,
                      topP: o.topP,
                      stopSequences: o.stopSequences,
                      cachePoint: false,
                    },
                    outputS3Uri:
                      o.asyncInvoke?.outputS3Uri ??
                      `s3://bedrock-bench-async/${runId}/${o.name.replace(/[^A-Za-z0-9._-]/g, '-')}`,
                    pollIntervalMs: o.asyncInvoke?.pollIntervalMs ?? (o.target === 'aws' ? 1000 : 20),
                    timeoutMs: o.timeoutMs,
                    clock,
                    sleep: ms => new Promise(r => setTimeout(r, ms)),
                    pricing,
                    signal: o.signal,
                  },
                  ctxOf(d),
                )
              : invoke(
                  {
                    client,
                    operation: o.operation as SyncOperation,
                    modelId: o.model,
                    family,
                    conversation,
                    maxTokens: o.maxTokens,
                    temperature: o.temperature,
                    topP: o.topP,
                    stopSequences: o.stopSequences,
                    cachePoint: o.cachePoint,
                    performanceConfig: o.performanceConfig,
                    serviceTier: o.serviceTier,
                    timeoutMs: o.timeoutMs,
                    signal: o.signal,
                    clock,
                    costOf: pricing ? u => costUsd(u, pricing) : undefined,
                  },
                  ctxOf(d),
                )
          return charged ? sample.then(s => (charged(s.costUsd), s)) : sample
        },
        onSample: s => {
          log.append(s)
          acc.add(s)
        },
      })
  } finally {
    log.close()
    services?.destroy()
    if (!o.client) client.destroy()
    await target.close()
  }

  if (guard?.signal.aborted && !o.signal?.aborted) {
    warnings.push(
      `Stopped scheduling to stay within \`aws.budgetUsd\` $${guard.budgetUsd}: $${guard.spentUsd.toFixed(4)} ` +
        `spent; one more request could have passed the budget. The run is incomplete.`,
    )
  }
  meta.client = monitor.result()
  if (meta.client?.warning) warnings.push(meta.client.warning)
  // open loop: the start lag (startedAt − scheduledAt) of every measure sample, from the accumulator's column
  const lags = meta.loadMode === 'open' ? acc.sortedValues('queueDelayMs') : new Float64Array(0)
  if (lags.length > 0) {
    meta.schedulerLagP99Ms = quantileSorted(lags, 0.99)
    if (meta.schedulerLagP99Ms > SCHEDULER_LAG_WARN_MS) {
      warnings.push(
        `Open-loop scheduler start lag p99 is ${meta.schedulerLagP99Ms.toFixed(1)} ms (> ` +
          `${SCHEDULER_LAG_WARN_MS} ms): requests started late, so the achieved rate may be below target. ` +
          `Response times from scheduledAt include this lag.`,
      )
    }
  }
  for (const w of warnings) console.warn(`[bedrock-bench] ${o.name}: ${w}`)
  const summary = acc.finish()
  summary.wallClockMs = summary.wallClockMs > 0 ? summary.wallClockMs : result.wallClockMs

  if (!existsSync(dir.environmentJson))
    await atomicWrite(dir.environmentJson, `${JSON.stringify(environment, null, 2)}\n`)
  // the accumulator's columns: the measured ok requests' values (ascending; tinybench's statistics ignore order)
  if (bench) {
    await replayLatencies(bench, [
      { name: `${o.name} latency`, durationsMs: acc.sortedValues('latencyMs') },
      ...(isStreamingOperation(o.operation)
        ? [
            { name: `${o.name} ttft`, durationsMs: acc.sortedValues('ttftMs') },
            { name: `${o.name} itl`, durationsMs: acc.sortedValues('interTokenMs') },
          ]
        : []),
    ])
  }
  const task = context?.task ?? currentTask()
  if (task) {
    summary.group = taskGroup(task)
    pushSummary(task, summary)
  }
  return summary
}
