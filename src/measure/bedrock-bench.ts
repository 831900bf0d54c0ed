/**
 * `bedrockBench(bench, options)`: the Vitest 5 bench-fixture adapter (DESIGN §1, §4). Validate →
 * resolve target → run the load (samples appended to `samples.jsonl` as they complete) → summarise
 * (stats) → replay real latency, TTFT and ITL (ms per request) into Vitest's table → push the RunSummary onto
 * `task.meta`.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { inject, TestRunner, type Bench } from 'vitest'
import type { BedrockBenchOptions } from '../config/options.ts'
import { resolveTarget } from '../config/resolve-target.ts'
import { optionsHash } from '../gate/options-hash.ts'
import { isStreamingOperation } from '../config/is-streaming-operation.ts'
import { BudgetGuard } from '../cost/budget-guard.ts'
import { atomicWrite } from '../io/atomic-write.ts'
import { resultsDirAt } from '../io/results-dir.ts'
import { addPlannedRequests } from '../io/progress-file.ts'
import { openSampleLog } from '../io/sample-log.ts'
import {
  SaturationMonitor,
  saturationVerdict,
  SCHEDULER_LAG_WARN_MS,
  worstReadings,
} from '../load/client-saturation.ts'
import { type LoadResult, runLoad } from '../load/run-load.ts'
import { resolveWorkerCount } from '../load/split-load.ts'
import { quantileSorted } from '../stats/quantile.ts'
import { type RunMeta, RunAccumulator } from '../stats/run-accumulator.ts'
import { seededRandom } from '../stats/seeded-random.ts'
import type { MeasurementError, RunSummary, Sample } from '../types.ts'
import { clientQueueWarnings, createClient, createServiceClients } from './client-factory.ts'
import { runBatchJob } from './run-batch.ts'
import { epochClock, epochNow, relativeClock } from './clock.ts'
import { captureEnvironment } from './environment.ts'
import { dryRunRequested, planFileFor, recordDryRun, recordDryRunProblem } from './dry-run.ts'
import { runLoadWorkers } from './load-workers.ts'
import { type PreparedBench, prepareBench } from './prepare-bench.ts'
import { requestExecutor, requestRng } from './request-executor.ts'
import { ttftError, TtftErrorSampler, TTFT_ERROR_WARN_P95_MS } from './ttft-error.ts'
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
  key:
    | 'bedrockBenchSimulatorUrl'
    | 'bedrockBenchRunId'
    | 'bedrockBenchResultsDir'
    | 'bedrockBenchModelsDir'
    | 'bedrockBenchFixturesDir',
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
  const dirs = { modelsDir: safeInject('bedrockBenchModelsDir'), fixturesDir: safeInject('bedrockBenchFixturesDir') }
  const dryRun = dryRunRequested(process.env)
  const planFile = dryRun
    ? planFileFor(
        process.env,
        safeInject('bedrockBenchResultsDir'),
        safeInject('bedrockBenchRunId') ?? localRunId(),
        process.cwd(),
      )
    : ''
  let prepared: PreparedBench
  try {
    prepared = await prepareBench(options, dirs)
  } catch (error) {
    if (dryRun) recordDryRunProblem(error, (options as { name?: unknown } | undefined)?.name, planFile)
    throw error
  }
  if (dryRun) return recordDryRun(prepared, process.env, planFile, context?.task ?? currentTask())
  const { options: o, levels, warnings, root, conversationFor, profile, family, planned, jobLike } = prepared

  const target = await resolveTarget(o, safeInject('bedrockBenchSimulatorUrl'))
  const maxConcurrency = Math.max(
    ...levels.map(l => l.concurrency ?? (Number.isFinite(l.maxInFlight) ? l.maxInFlight : 256)),
  )
  // batch and async-invoke run in this thread (their S3 and control-plane clients live here)
  const workerCount = jobLike ? 1 : resolveWorkerCount(o.load.workers)
  // with worker threads, each builds its own client; the main thread sends nothing
  const client =
    o.client ??
    (workerCount > 1
      ? null
      : createClient({
          target: o.target,
          endpoint: target.endpoint,
          region: target.region,
          transport: o.transport,
          maxConcurrency,
          maxAttempts: o.maxAttempts,
        }))
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
    optionsHash: optionsHash(o),
  }
  if (planned !== null) await addPlannedRequests(dir.progressJson, planned) // the live progress line's ETA
  const acc = new RunAccumulator(meta)
  const log = openSampleLog(samplesPath)
  const monitor = new SaturationMonitor()
  const originEpochMs = epochNow()
  const clock = workerCount > 1 ? epochClock(originEpochMs) : relativeClock()
  const pricing = prepared.requestPricing
  const services = jobLike
    ? createServiceClients({ target: o.target, endpoint: target.endpoint, region: target.region })
    : null
  // AWS: besides the pre-run estimate, stop scheduling before actual spend could pass the budget
  const guard = o.target === 'aws' && pricing ? new BudgetGuard(o.aws!.budgetUsd) : null
  const schedulingSignal = guard ? (o.signal ? AbortSignal.any([o.signal, guard.signal]) : guard.signal) : o.signal
  // simulator: a seeded sample of measured requests whose TTFT is checked against ground truth after the load
  const errorSampler = o.target === 'simulator' ? new TtftErrorSampler(seededRandom(o.seed ^ 0x5eed)) : null
  const onSample = (s: Sample): void => {
    log.append(s)
    acc.add(s)
    errorSampler?.offer(s)
  }
  let ttftErrorMs: MeasurementError | null = null
  let result: LoadResult
  let budgetStopped: boolean
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
            onSample,
            sleep: ms => new Promise(r => setTimeout(r, ms)),
          },
          runIndex,
        )
      }
      result = { wallClockMs: clock.now() - jobStart } as LoadResult
      budgetStopped = false
    } else if (client === null) {
      const { signal: _signal, client: _client, ...plain } = o // not cloneable; the workers get neither
      const workers = await runLoadWorkers(
        {
          o: plain,
          originEpochMs,
          runId,
          endpoint: target.endpoint,
          region: target.region,
          root,
          family,
          pricing,
          budgetUsd: guard ? guard.budgetUsd / workerCount : null,
        },
        workerCount,
        onSample,
        o.signal,
      )
      result = workers.result
      budgetStopped = workers.budgetStopped
      const worst = worstReadings(workers.readings)
      meta.client = worst === null ? null : saturationVerdict(worst)
    } else {
      result = await runLoad({
        levels,
        runs: o.runs,
        clock,
        rng: seededRandom(o.seed),
        signal: schedulingSignal,
        onMeasure: active => (active ? monitor.resume() : monitor.pause()),
        execute: requestExecutor({
          o,
          client,
          family,
          conversationFor,
          runId,
          clock,
          pricing,
          guard,
          levelConcurrency: new Map(levels.map(l => [l.label, l.concurrency])),
          signal: o.signal,
          services,
        }),
        onSample,
      })
      meta.client = monitor.result()
      budgetStopped = guard?.signal.aborted === true
    }
    if (errorSampler && target.endpoint) ttftErrorMs = await ttftError(target.endpoint, errorSampler.picked)
  } finally {
    log.close()
    services?.destroy()
    if (client !== null && !o.client) client.destroy()
    await target.close()
  }

  if (guard && budgetStopped && !o.signal?.aborted) {
    const spent =
      workerCount > 1 ? ` (each of ${workerCount} workers kept to its share)` : `: $${guard.spentUsd.toFixed(4)} spent`
    warnings.push(
      `Stopped scheduling to stay within \`aws.budgetUsd\` $${guard.budgetUsd}${spent}; ` +
        'one more request could have passed the budget. The run is incomplete.',
    )
  }
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
  if (ttftErrorMs && ttftErrorMs.p95 > TTFT_ERROR_WARN_P95_MS) {
    warnings.push(
      `Client-side TTFT error p95 is ${ttftErrorMs.p95.toFixed(1)} ms (> ${TTFT_ERROR_WARN_P95_MS} ms) against the ` +
        "simulator's ground truth: the client's TTFT includes that much of its own time (SDK work, queueing). " +
        'Lower the concurrency, use `load.workers`, or run the client on more/faster cores.',
    )
  }
  for (const w of warnings) console.warn(`[bedrock-bench] ${o.name}: ${w}`)
  const summary = acc.finish()
  summary.ttftErrorMs = ttftErrorMs
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
