/**
 * Test helper for timing assertions that must hold on a loaded machine. On a busy host a process that
 * is ready to run waits for a CPU, and that wait lands in every wall-clock duration it measures. Linux
 * counts it per thread (`/proc/thread-self/schedstat`, 2nd field: time spent runnable on a run queue),
 * so a test can bound a duration from above *net of* that wait, while lower bounds (a modelled sleep)
 * stay on the raw wall clock, which load can only lengthen. Where the file is missing (macOS, Windows,
 * a kernel without schedstats) the wait reads 0 and the net duration is the wall-clock one.
 *
 * Not captured: time the hypervisor takes the whole VM off its CPU (steal), and the CPU the process
 * itself needs more of when caches are shared; upper bounds keep a margin for those.
 */
import { readFileSync } from 'node:fs'

const SCHEDSTAT = '/proc/thread-self/schedstat'

/** Cumulative time this thread has waited for a CPU while runnable (ms, arbitrary origin); 0 where not available. */
export function runQueueWaitMs(): number {
  try {
    const fields = readFileSync(SCHEDSTAT, 'utf8').split(' ')
    const ns = Number(fields[1])
    return Number.isFinite(ns) ? ns / 1e6 : 0
  } catch {
    return 0
  }
}

/** A stopwatch started now: wall-clock ms since then, and the same net of the run-queue wait. */
export interface Stopwatch {
  /** Wall-clock ms since the start (for lower bounds: load only lengthens it). */
  elapsedMs(): number
  /** Wall-clock ms since the start minus the time this thread waited for a CPU (for upper bounds). */
  netMs(): number
  /** Run-queue wait since the start (ms). */
  waitMs(): number
}

/** Starts a {@link Stopwatch}. */
export function stopwatch(): Stopwatch {
  const wall0 = performance.now()
  const wait0 = runQueueWaitMs()
  const waitMs = (): number => runQueueWaitMs() - wait0
  return {
    elapsedMs: () => performance.now() - wall0,
    netMs: () => performance.now() - wall0 - waitMs(),
    waitMs,
  }
}
