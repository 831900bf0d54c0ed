/**
 * Client-side saturation over the measure phase(s): event-loop delay (`monitorEventLoopDelay`),
 * event-loop utilisation (`performance.eventLoopUtilization`) and process CPU (`process.cpuUsage`).
 * When the client is saturated, latency numbers describe the client, not the service.
 *
 * Thresholds: ELD p99 > 20 ms, or ELU > 0.9, or CPU > 0.9 of one core (the event loop is one thread).
 * A delayed loop in a client that is itself mostly idle (ELU and CPU < 0.5) is blamed on the host
 * (other processes took the CPU), with its own advice; either way the timings are not the service's.
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks'
import type { ClientSaturation } from '../types.ts'

/** Event-loop delay p99 above which the client is called the likely bottleneck (ms). @default 20 */
export const ELD_P99_LIMIT_MS = 20
/** Event-loop utilisation above which the client is called the likely bottleneck (0..1). @default 0.9 */
export const ELU_LIMIT = 0.9
/** Process CPU (cores) above which the client is called the likely bottleneck. @default 0.9 */
export const CPU_LIMIT = 0.9
/** Open-loop scheduler start-lag p99 above which a run warns that requests started late (ms). @default 5 */
export const SCHEDULER_LAG_WARN_MS = 5

/** Sampling interval of the event-loop delay monitor (ms); subtracted from its readings. */
const ELD_RESOLUTION_MS = 10

/**
 * Converts a `monitorEventLoopDelay` reading (ns) to a delay (ms). The histogram records the time
 * between timer ticks, which includes the sampling interval itself (an idle loop reads ≈ 10 ms at
 * resolution 10), so the interval is subtracted.
 */
export const eventLoopDelayMs = (readingNs: number): number =>
  Number.isFinite(readingNs) ? Math.max(0, readingNs / 1e6 - ELD_RESOLUTION_MS) : 0

/** Raw measurements, for the pure verdict. */
export interface SaturationReadings {
  eventLoopDelayP99Ms: number
  eventLoopDelayMaxMs: number
  eventLoopUtilization: number
  cpuUtilization: number
}

/** Pure verdict: is the client the likely bottleneck, and why. */
export function saturationVerdict(r: SaturationReadings): ClientSaturation {
  const reasons: string[] = []
  if (r.eventLoopDelayP99Ms > ELD_P99_LIMIT_MS)
    reasons.push(`event-loop delay p99 ${r.eventLoopDelayP99Ms.toFixed(1)} ms > ${ELD_P99_LIMIT_MS} ms`)
  if (r.eventLoopUtilization > ELU_LIMIT)
    reasons.push(`event-loop utilisation ${(r.eventLoopUtilization * 100).toFixed(0)} % > ${ELU_LIMIT * 100} %`)
  if (r.cpuUtilization > CPU_LIMIT)
    reasons.push(`client CPU ${(r.cpuUtilization * 100).toFixed(0)} % of a core > ${CPU_LIMIT * 100} %`)
  const clientBound = reasons.length > 0
  return { ...r, clientBound, warning: clientBound ? saturationWarning(r, reasons) : null }
}

/** Below this share of a core (for both ELU and CPU) a delayed event loop means other work on the host. */
export const BUSY_HOST_LIMIT = 0.5

/** True when the client itself was mostly idle, so a late event loop points at other work on the host. */
export const hostDisturbed = (r: Pick<SaturationReadings, 'eventLoopUtilization' | 'cpuUtilization'>): boolean =>
  r.eventLoopUtilization < BUSY_HOST_LIMIT && r.cpuUtilization < BUSY_HOST_LIMIT

function saturationWarning(r: SaturationReadings, reasons: string[]): string {
  if (hostDisturbed(r)) {
    // the loop was late although this process had little to do: it was waiting for a CPU
    return (
      `The host, not the service, disturbed these timings (${reasons.join('; ')}, while the client itself used ` +
      (`${(r.cpuUtilization * 100).toFixed(0)} % of a core and ${(r.eventLoopUtilization * 100).toFixed(0)} % ` +
        `of its event loop): `) +
      ('other processes delayed the client, so latencies include scheduling delay. Re-run on an idle machine or ' +
        'with fewer parallel jobs.')
    )
  }
  return (
    `The benchmark client is the likely bottleneck (${reasons.join('; ')}): latencies include client queueing. ` +
    `Lower the concurrency, or run the client on more/faster cores.`
  )
}

/**
 * The readings of several load worker threads as one: the worst of each (the client is as saturated
 * as its busiest thread). `null` when none measured anything.
 */
export function worstReadings(list: readonly (SaturationReadings | null)[]): SaturationReadings | null {
  const xs = list.filter((r): r is SaturationReadings => r !== null)
  if (xs.length === 0) return null
  const max = (k: keyof SaturationReadings): number => Math.max(...xs.map(r => r[k]))
  return {
    eventLoopDelayP99Ms: max('eventLoopDelayP99Ms'),
    eventLoopDelayMaxMs: max('eventLoopDelayMaxMs'),
    eventLoopUtilization: max('eventLoopUtilization'),
    cpuUtilization: max('cpuUtilization'),
  }
}

/** Accumulates readings over one or more measure windows (`resume` … `pause`). */
export class SaturationMonitor {
  #histogram: ReturnType<typeof monitorEventLoopDelay> = monitorEventLoopDelay({ resolution: ELD_RESOLUTION_MS })
  #elu = performance.eventLoopUtilization()
  readonly #cpuUsage: (previous?: NodeJS.CpuUsage) => NodeJS.CpuUsage
  #cpu: NodeJS.CpuUsage
  #wallStart = 0
  #active = false
  #idleMs = 0
  #activeMs = 0
  #cpuUs = 0
  #wallMs = 0

  /**
   * @param cpuUsage - CPU time source: the process's (default; the main thread's load includes the
   *   SDK's helper threads) or, in a load worker thread, `process.threadCpuUsage` (its own thread only)
   */
  constructor(cpuUsage: (previous?: NodeJS.CpuUsage) => NodeJS.CpuUsage = p => process.cpuUsage(p)) {
    this.#cpuUsage = cpuUsage
    this.#cpu = cpuUsage()
  }

  /** Starts (or continues) measuring. */
  resume(): void {
    if (this.#active) return
    this.#active = true
    this.#histogram.enable()
    this.#elu = performance.eventLoopUtilization()
    this.#cpu = this.#cpuUsage()
    this.#wallStart = performance.now()
  }

  /** Stops measuring until the next `resume`. */
  pause(): void {
    if (!this.#active) return
    this.#active = false
    this.#histogram.disable()
    const elu = performance.eventLoopUtilization(this.#elu)
    this.#idleMs += elu.idle
    this.#activeMs += elu.active
    const cpu = this.#cpuUsage(this.#cpu)
    this.#cpuUs += cpu.user + cpu.system
    this.#wallMs += performance.now() - this.#wallStart
  }

  /** Readings so far (pauses first), or `null` when nothing was measured. */
  result(): ClientSaturation | null {
    const r = this.readings()
    return r === null ? null : saturationVerdict(r)
  }

  /** Raw readings so far (pauses first), or `null` when nothing was measured. */
  readings(): SaturationReadings | null {
    this.pause()
    if (this.#wallMs <= 0) return null
    const h = this.#histogram
    const ns = eventLoopDelayMs
    return {
      eventLoopDelayP99Ms: h.count > 0 ? ns(h.percentile(99)) : 0,
      eventLoopDelayMaxMs: h.count > 0 ? ns(h.max) : 0,
      eventLoopUtilization: this.#activeMs + this.#idleMs > 0 ? this.#activeMs / (this.#activeMs + this.#idleMs) : 0,
      cpuUtilization: this.#cpuUs / 1000 / this.#wallMs,
    }
  }
}
