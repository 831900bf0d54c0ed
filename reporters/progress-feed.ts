/**
 * Drives the live progress line: every few seconds it tails the run's samples.jsonl (found through
 * the `bedrockBenchResultsDir` that the global setup provides) and reads the optional
 * `progress.json` (`{ "scheduled": n }`, written by the harness) for the ETA, then prints one line
 * on stderr when something changed. Whole lines, not a redrawn `\r` line: Vitest's TTY reporter
 * captures stderr and prints it above its own live window, where a carriage-return line would
 * garble the window. Started only on a TTY and never under `CI=true`.
 */
import { readJson } from '../src/io/read-json.ts'
import { resultsDirAt, type ResultsDir } from '../src/io/results-dir.ts'
import { SampleTail } from '../src/io/sample-tail.ts'
import { progressLine } from '../src/report/render/progress-line.ts'

/** Where progress is drawn and how the results directory is found. */
export interface ProgressFeedOptions {
  /** Returns the run's results directory once known, else `undefined`. */
  resultsDir: () => string | undefined
  stream: NodeJS.WriteStream
  /** Print interval (ms). @default 5000 */
  intervalMs?: number
  /** Window of the "current" RPM (ms). @default 10000 */
  rpmWindowMs?: number
  now?: () => number
}

/** Whether a progress line should be drawn: a TTY and not CI. */
export function progressEnabled(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(stream.isTTY) && env.CI !== 'true' && env.CI !== '1'
}

/** A running progress line; `stop()` clears it. */
export class ProgressFeed {
  private readonly options: Required<ProgressFeedOptions>
  private tail: SampleTail | null = null
  private dir: ResultsDir | null = null
  private timer: NodeJS.Timeout | null = null
  private readonly history: { at: number; done: number }[] = []
  private readonly startedAt: number
  private lastDone = 0
  private busy = false

  constructor(options: ProgressFeedOptions) {
    this.options = { intervalMs: 5000, rpmWindowMs: 10_000, now: () => performance.now(), ...options }
    this.startedAt = this.options.now()
    this.history.push({ at: this.startedAt, done: 0 })
  }

  /** Starts printing. */
  start(): void {
    this.timer = setInterval(() => void this.tick(), this.options.intervalMs)
    this.timer.unref()
  }

  /** Stops printing. */
  stop(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
  }

  /** One poll-and-print step (the timer calls it; tests call it directly). */
  async tick(): Promise<void> {
    if (this.busy) return
    this.busy = true
    try {
      await this.step()
    } finally {
      this.busy = false
    }
  }

  private async step(): Promise<void> {
    if (!this.dir) {
      const found = this.options.resultsDir()
      if (!found) return
      this.dir = resultsDirAt(found)
    }
    this.tail ??= new SampleTail(this.dir.samplesJsonl)
    await this.tail.poll()
    const now = this.options.now()
    const { done, throttled, failed } = this.tail.counts
    this.history.push({ at: now, done })
    while (this.history.length > 2 && now - this.history[0].at > this.options.rpmWindowMs) this.history.shift()
    const first = this.history[0]
    const recentRpm = now > first.at ? ((done - first.done) / (now - first.at)) * 60_000 : 0
    const scheduled = await readScheduled(this.dir.progressJson)
    if (done === 0 || done === this.lastDone) return
    this.lastDone = done
    const line = progressLine({ done, scheduled, throttled, failed, recentRpm, elapsedMs: now - this.startedAt })
    this.options.stream.write(`${line}\n`)
  }
}

async function readScheduled(path: string): Promise<number | null> {
  const read = await readJson<{ scheduled?: unknown } | null>(path)
  const scheduled = read.status === 'ok' ? read.value?.scheduled : undefined
  return typeof scheduled === 'number' && scheduled > 0 ? scheduled : null
}
