/**
 * Worker-thread entry of a `bedrockBench()` run with `load.workers` > 1: its own SDK client, its
 * share of the load (`splitLevel`, `runLoad`'s `share`), the run's common clock (`epochClock`) and
 * phase barrier. Posts its samples in batches (one per event-loop turn), then its totals and its
 * saturation readings; stops scheduling and aborts in-flight requests on an `abort` message.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { resolvePrompt } from '../config/resolve-prompt.ts'
import { BudgetGuard } from '../cost/budget-guard.ts'
import { SaturationMonitor } from '../load/client-saturation.ts'
import { phaseBarrier } from '../load/phase-barrier.ts'
import { planLevels } from '../load/phases.ts'
import { runLoad } from '../load/run-load.ts'
import { splitLevel } from '../load/split-load.ts'
import { seededRandom } from '../stats/seeded-random.ts'
import type { Sample } from '../types.ts'
import { createClient } from './client-factory.ts'
import { epochClock } from './clock.ts'
import type { LoadWorkerInput, LoadWorkerMessage } from './load-workers.ts'
import { requestExecutor } from './request-executor.ts'

const input = workerData as LoadWorkerInput
const port = parentPort!
const post = (m: LoadWorkerMessage): void => port.postMessage(m)

const stop = new AbortController()
port.on('message', (m: { kind: 'abort' }) => {
  if (m.kind === 'abort') stop.abort(new Error('aborted by the user signal'))
})

let pending: Sample[] = []
let scheduled: NodeJS.Immediate | null = null
const flush = (): void => {
  scheduled = null
  if (pending.length === 0) return
  post({ kind: 'samples', samples: pending })
  pending = []
}

async function main(): Promise<void> {
  const { o, share } = input
  const all = planLevels(o.load, [])
  const levels = all.map(l => splitLevel(l, share))
  const clock = epochClock(input.originEpochMs)
  const client = createClient({
    target: o.target,
    endpoint: input.endpoint,
    region: input.region,
    transport: o.transport,
    maxConcurrency: Math.max(
      1,
      ...levels.map(l => l.concurrency ?? (Number.isFinite(l.maxInFlight) ? l.maxInFlight : 256)),
    ),
    maxAttempts: o.maxAttempts,
  })
  const guard = input.budgetUsd !== null && input.pricing ? new BudgetGuard(input.budgetUsd) : null
  const signal = guard ? AbortSignal.any([stop.signal, guard.signal]) : stop.signal
  // this thread's CPU only (Node ≥ 23.9); older Nodes fall back to the process's
  const hasThreadCpu = typeof process.threadCpuUsage === 'function'
  const monitor = new SaturationMonitor(p => (hasThreadCpu ? process.threadCpuUsage(p) : process.cpuUsage(p)))
  try {
    const result = await runLoad({
      levels,
      runs: o.runs,
      clock,
      rng: seededRandom(o.seed),
      signal,
      share,
      phaseStart: phaseBarrier(input.barrier, share.count, clock, signal),
      onMeasure: active => (active ? monitor.resume() : monitor.pause()),
      execute: requestExecutor({
        o,
        client,
        family: input.family,
        conversationFor: await resolvePrompt(o.prompt, o.system, input.root),
        runId: input.runId,
        clock,
        pricing: input.pricing,
        guard,
        levelConcurrency: new Map(all.map(l => [l.label, l.concurrency])),
        signal: stop.signal,
      }),
      onSample: s => {
        pending.push(s)
        if (pending.length >= 256) flush()
        else scheduled ??= setImmediate(flush)
      },
    })
    flush()
    post({ kind: 'done', result, readings: monitor.readings(), budgetStopped: guard?.signal.aborted === true })
  } finally {
    client.destroy()
  }
}

main().catch((error: unknown) => {
  flush()
  post({ kind: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) })
})
